/** Python identifiers and literals for generated code. */
import { uniqueSafeNames } from '../graph';

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self torch nn np F x'.split(' '),
);

/** A Python identifier per node id: safe, unique, never a keyword or a name the generated code uses. */
export function pythonNames(ids: readonly string[]): Map<string, string> {
  const safe = uniqueSafeNames(ids);
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const id of ids) {
    let name = safe.get(id)!;
    if (KEYWORDS.has(name)) name = `${name}_`;
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    out.set(id, name);
  }
  return out;
}

/** A layer name usable as a Python variable (keywords get a trailing underscore). */
export function pyVariable(name: string): string {
  return KEYWORDS.has(name) ? `${name}_` : name;
}

/** A Python string literal. */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** A Python float literal that round-trips a float32/float64 value. */
export function pyFloat(value: number): string {
  const s = String(value);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** JSON text embedded as a Python raw triple-quoted string (JSON never contains three quotes in a row). */
export function pyJson(value: unknown): string {
  return `json.loads(r"""${JSON.stringify(value)}""")`;
}
