/**
 * Mutations of valid files: byte flips, inserted / deleted / duplicated bytes, truncations, and —
 * for JSON — values swapped for hostile ones (huge, negative, NaN strings, deep nesting, very long
 * strings, wrong types, prototype keys).
 */
import type { Prng } from './prng';

/** Values a reader must survive wherever a value is expected. */
export function hostileValues(rng: Prng): unknown[] {
  return [
    1e308,
    -1e308,
    -1,
    0,
    -0,
    1.5,
    2 ** 53 + 1,
    2 ** 31,
    -(2 ** 31),
    4294967296,
    1e12,
    'NaN',
    'Infinity',
    '-1',
    '',
    'x'.repeat(100_000),
    '\u0000\u2028"\'\\',
    null,
    true,
    false,
    {},
    [],
    [1e12, 1e12],
    [-1, -1],
    [null],
    ['a'],
    { __proto__: null, constructor: 1 },
    JSON.parse('{"__proto__": {"polluted": 1}}') as unknown,
    [[[[[[[[[[]]]]]]]]]],
    Array.from({ length: 1000 }, () => rng.int(10)),
  ];
}

/** A text with one to three byte-level edits. */
export function mutateText(text: string, rng: Prng): string {
  let out = text;
  const edits = 1 + rng.int(3);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(out.length + 1);
    switch (rng.int(7)) {
      case 0: // replace one character
        out = out.slice(0, at) + String.fromCharCode(rng.pick([0, 9, 10, 13, 34, 44, 58, 91, 93, 123, 125, 92, 48 + rng.int(10), 0x2028, 0xd800, 0xfeff, rng.int(0x10000)])) + out.slice(at + 1);
        break;
      case 1: // insert structure
        out = out.slice(0, at) + rng.pick(['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '-', 'e999', '1e-999', 'null', '""', '\n', '\r\n']) + out.slice(at);
        break;
      case 2: {
        // delete a range
        const n = 1 + rng.int(40);
        out = out.slice(0, at) + out.slice(at + n);
        break;
      }
      case 3: // truncate
        out = out.slice(0, at);
        break;
      case 4: {
        // duplicate a range
        const n = 1 + rng.int(80);
        out = out.slice(0, at) + out.slice(at, at + n) + out.slice(at);
        break;
      }
      case 5: // a digit becomes a huge or negative number
        out = out.replace(/\d+/g, (m) => (rng.bool(0.02) ? rng.pick(['-7', '99999999999999999999', '1e308', '0', '-0.5', '4294967297']) : m));
        break;
      default: // swap two characters
        if (out.length > 1) {
          const b = rng.int(out.length);
          const [i, j] = at < b ? [at, b] : [b, at];
          if (j < out.length) out = out.slice(0, i) + out[j] + out.slice(i + 1, j) + out[i] + out.slice(j + 1);
        }
    }
  }
  return out;
}

/** Bytes with one to four edits (bit flips, 0xff / 0x00 runs, inserted, deleted, truncated). */
export function mutateBytes(bytes: Uint8Array, rng: Prng, focus?: (length: number) => number): Uint8Array {
  let out = Uint8Array.from(bytes);
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) {
    const at = Math.min(out.length, focus ? focus(out.length) : rng.int(out.length + 1));
    switch (rng.int(6)) {
      case 0:
        if (at < out.length) out[at] ^= 1 << rng.int(8);
        break;
      case 1:
        for (let i = at; i < Math.min(out.length, at + 1 + rng.int(8)); i++) out[i] = rng.pick([0, 0xff, 0x7f, 0x80]);
        break;
      case 2: {
        const insert = rng.bytes(1 + rng.int(16));
        out = Uint8Array.from([...out.subarray(0, at), ...insert, ...out.subarray(at)]);
        break;
      }
      case 3:
        out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + 1 + rng.int(32))]);
        break;
      case 4:
        out = out.slice(0, at);
        break;
      default:
        if (at < out.length) out[at] = rng.int(256);
    }
  }
  return out;
}

/** Every path (keys / indices) to a value inside a JSON value, at most `limit` of them. */
export function jsonPaths(value: unknown, limit = 5000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(v)) {
      // Long arrays (weights, shapes of data): a few indices are enough.
      const n = Math.min(v.length, 8);
      for (let i = 0; i < n; i++) walk(v[i], [...path, i]);
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k]);
    }
  };
  walk(value, []);
  return out;
}

/** A deep copy of a JSON value with the value at a random path replaced, deleted, or moved elsewhere. */
export function mutateJson(value: unknown, rng: Prng): unknown {
  const copy = structuredClone(value);
  const paths = jsonPaths(copy).filter((p) => p.length > 0);
  if (paths.length === 0) return rng.pick(hostileValues(rng));
  const edits = 1 + rng.int(2);
  for (let e = 0; e < edits; e++) {
    const path = rng.pick(paths);
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = parent?.[key];
      if (next === null || typeof next !== 'object') break;
      parent = next as Record<string | number, unknown>;
    }
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1];
    const mode = rng.int(10);
    if (mode === 0 && !Array.isArray(parent)) delete parent[last];
    else if (mode === 1) parent[last] = structuredClone(parent[rng.pick(Object.keys(parent))]);
    else if (mode === 2 && !Array.isArray(parent)) {
      // An extra key, possibly one that means something to JavaScript objects.
      const key = rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'x'.repeat(1000), String(last)]);
      Object.defineProperty(parent, key, { value: rng.pick([structuredClone(parent[last]), ...hostileValues(rng)]), enumerable: true, writable: true, configurable: true });
    }
    else parent[last] = rng.pick(hostileValues(rng));
  }
  return copy;
}

/** JSON text for a mutated value; deep nesting is spliced in as text, since building it as objects would recurse. */
export function jsonText(value: unknown, rng: Prng): string {
  const text = JSON.stringify(value, null, rng.bool() ? 1 : undefined) ?? 'null';
  if (!rng.bool(0.05)) return text;
  const depth = rng.pick([100, 3000, 20000]);
  const at = text.lastIndexOf(':', rng.int(text.length));
  if (at < 0) return text;
  const end = text.indexOf(',', at);
  if (end < 0) return text;
  return `${text.slice(0, at + 1)}${'['.repeat(depth)}${']'.repeat(depth)}${text.slice(end)}`;
}
