/**
 * What an imported file may declare before anything is allocated: sizes are computed from the
 * manifest / protobuf headers and checked against a limit the caller can change, and every declared
 * dimension must be a whole, non-negative, safe number. Pure, so the app (files the person picked)
 * and the CLI (files on disk) check the same way.
 */
import { InteropError } from './types';

/** The default limit on the weight bytes one import may hold: 1 GiB. */
export const DEFAULT_MAX_WEIGHT_BYTES = 1024 * 1024 * 1024;

/** Options every importer takes. */
export interface ImportLimits {
  /** Most weight bytes the model may declare (default DEFAULT_MAX_WEIGHT_BYTES). */
  maxWeightBytes?: number;
}

/** The input file is wrong (malformed, inconsistent or too large): the message says what, where and what to do. */
export class ModelFileError extends InteropError {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

/** The effective byte limit of an options object. */
export function maxWeightBytes(limits: ImportLimits | undefined): number {
  const limit = limits?.maxWeightBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  return Number.isFinite(limit) && limit >= 0 ? limit : DEFAULT_MAX_WEIGHT_BYTES;
}

/** Human-readable bytes for messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A short, printable rendering of a value found in a file, for messages. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested too deeply to print (String() would recurse as deep): say what it is instead.
    text = Array.isArray(value) ? '(a deeply nested list)' : typeof value === 'object' ? '(a deeply nested object)' : `(a ${typeof value})`;
  }
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Checks a declared shape: an array of whole numbers ≥ 0 (at most 8 of them); `where` names it in the message. */
export function checkDims(value: unknown, where: string): number[] {
  if (!Array.isArray(value)) throw new ModelFileError(`${where}: the shape ${describeValue(value)} is not a list of dimensions.`);
  if (value.length > 8) throw new ModelFileError(`${where}: the shape has ${value.length} dimensions; at most 8 are read.`);
  for (const d of value) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new ModelFileError(`${where}: the dimension ${describeValue(d)} is not a whole number of at least 0; the file is damaged or not made for this format.`);
    }
  }
  return value as number[];
}

/**
 * Bytes of a tensor of `dims` with `bytesPerValue`, refused (before anything is allocated) when it is
 * over `limit`. The product is checked step by step, so no overflow can slip under the limit.
 */
export function tensorBytes(dims: readonly number[], bytesPerValue: number, limit: number, where: string): number {
  let bytes = bytesPerValue;
  for (const d of dims) {
    bytes *= d;
    if (bytes > limit) throw tooLarge(where, dims, limit);
  }
  return bytes;
}

/** Keeps a running total of declared weight bytes against the limit. */
export class ByteBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Adds `bytes` for `where`; throws once the total passes the limit. */
  take(bytes: number, where: string): void {
    this.used += bytes;
    if (this.used > this.limit) {
      throw new ModelFileError(
        `${where}: the model's weights add up to more than ${formatBytes(this.limit)}, the import limit. If the file is genuine, raise the limit (maxWeightBytes); otherwise the file is damaged.`,
      );
    }
  }

  get total(): number {
    return this.used;
  }
}

function tooLarge(where: string, dims: readonly number[], limit: number): ModelFileError {
  const shown = dims.length > 6 ? `${dims.slice(0, 6).join('×')}×…` : dims.join('×');
  return new ModelFileError(`${where}: the shape ${shown} needs more than ${formatBytes(limit)}, the import limit. If the file is genuine, raise the limit (maxWeightBytes); otherwise the file is damaged.`);
}

/**
 * Checks a weight-shard path from a TF.js manifest: relative, inside the model's folder, and plain.
 * Returns its segments. Refused: absolute paths (posix, Windows drive, UNC), backslashes, URLs,
 * `..` and `.` segments, empty segments, control characters.
 */
export function checkShardPath(value: unknown, where: string): string[] {
  if (typeof value !== 'string' || value.length === 0) throw new ModelFileError(`${where}: the weight file path ${describeValue(value)} is not a file name.`);
  const refuse = (why: string): never => {
    throw new ModelFileError(`${where}: the weight file path ${describeValue(value)} ${why}. Weight files must sit next to model.json (or in a folder below it), named by a relative path.`);
  };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) refuse('contains control characters');
  if (value.includes('\\')) refuse('contains a backslash');
  if (value.startsWith('/')) refuse('is absolute');
  if (/^[A-Za-z]:/.test(value)) refuse('starts with a drive letter');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) refuse('is a URL');
  const segments = value.split('/');
  for (const s of segments) {
    if (s === '..') refuse('leads out of the model\'s folder');
    if (s === '' || s === '.') refuse('has an empty or "." part');
  }
  return segments;
}
