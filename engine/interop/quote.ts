/**
 * The one way a string from a model (its name, description, node ids, class names, dataset names,
 * any param) enters generated code. Each quoter writes only printable ASCII: quotes, backslashes,
 * line breaks (including U+2028/U+2029 and U+0085), NUL and every other control or non-ASCII
 * character become escapes, so no value can end the literal it is written in or start a new line.
 * Numbers go through pyNumber / pyInt, which refuse anything that is not a number. JSON files are
 * written with JSON.stringify, which is already a complete quoter for JSON.
 */
import { InteropError } from './types';

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Escapes for the characters both languages spell the same way. */
const COMMON: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A Python string literal (double-quoted, ASCII only) whose value is exactly `text`. */
export function pyString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (COMMON[ch]) out += COMMON[ch];
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code < 0x100) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`; // lone surrogates too: Python keeps them as code points
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

/** A JavaScript string literal (double-quoted, ASCII only) whose value is exactly `text`. */
export function jsString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (COMMON[ch]) out += COMMON[ch];
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += `\\u${hex(code, 4)}`; // UTF-16 units, so surrogate pairs stay pairs
  }
  return `${out}"`;
}

/** A Python float literal for a number; infinities and NaN as float("inf") / float("nan"). */
export function pyNumber(value: unknown): string {
  if (typeof value !== 'number') throw new InteropError(`Expected a number in the model, got ${JSON.stringify(value) ?? String(value)}.`);
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
  const s = String(value);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** A Python int literal; anything but a safe integer is refused. */
export function pyInt(value: unknown): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InteropError(`Expected a whole number in the model, got ${JSON.stringify(value) ?? String(value)}.`);
  }
  return String(value);
}

/** How pyLiteral writes arrays. */
export interface PyLiteralOptions {
  /** Tuples (Keras' kernel_size=(3, 3)) instead of lists (JSON-like data). */
  tuples?: boolean;
}

/**
 * A Python literal for JSON-like data: dicts, lists or tuples, strings (pyString), numbers
 * (integers stay ints, other numbers pyNumber), booleans and None.
 */
export function pyLiteral(value: unknown, options: PyLiteralOptions = {}): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => pyLiteral(v, options));
    if (!options.tuples) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${pyString(k)}: ${pyLiteral(v, options)}`).join(', ')}}`;
  }
  throw new InteropError(`A ${typeof value} cannot be written as a Python value.`);
}

/** Python's keywords and soft keywords: never usable (or wise) as a variable name. */
const PY_KEYWORDS =
  'False None True and as assert async await break case class continue def del elif else except finally for from global if import in is lambda match nonlocal not or pass raise return try type while with yield _'.split(' ');

/** Builtins a generated script may call. */
const PY_BUILTINS = 'abs all any bool dict enum float getattr hasattr int isinstance len list map max min object print property range repr round set setattr slice str sum super tuple zip'.split(' ');

/** Names Python reserves: keywords plus the builtins generated code uses. */
export const PYTHON_RESERVED: ReadonlySet<string> = new Set([...PY_KEYWORDS, ...PY_BUILTINS]);

/**
 * One Python identifier per id: ASCII letters, digits and underscores, never starting with an
 * underscore (class bodies mangle `__x`), never in `reserved`, all distinct. Ids are only ever a
 * source of readable names; the id itself travels as a pyString where it matters.
 */
export function pythonIdentifiers(ids: readonly string[], reserved: ReadonlySet<string>): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const id of ids) {
    if (out.has(id)) continue;
    out.set(id, freshIdentifier(id, used, reserved));
  }
  return out;
}

/** A new identifier from `base` that is in neither `used` nor `reserved`; added to `used`. */
export function freshIdentifier(base: string, used: Set<string>, reserved: ReadonlySet<string> = PYTHON_RESERVED): string {
  let cleaned = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
  if (cleaned === '' || /^[0-9]/.test(cleaned)) cleaned = `n_${cleaned}`;
  if (cleaned.length > 64) cleaned = cleaned.slice(0, 64);
  let name = reserved.has(cleaned) ? `${cleaned}_` : cleaned;
  for (let i = 2; used.has(name) || reserved.has(name); i++) name = `${cleaned}_${i}`;
  used.add(name);
  return name;
}
