/**
 * Reading a zip archive that may be hostile. The central directory is listed first (fflate parses
 * it; nothing is inflated), every entry is checked against the limits — count, declared sizes, the
 * total, names, compression — and only then are the wanted entries extracted. Inflation writes into a
 * buffer of the declared size, so an entry that lies about its size is cut short and caught by the
 * length check rather than growing memory. Never throws.
 */
import { unzipSync } from 'fflate';

/** Bounds on what an archive may hold; the defaults fit any real project many times over. */
export interface ArchiveLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one JSON entry (JSON is parsed into objects, which cost more than bytes). */
  maxJsonBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 4096,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxJsonBytes: 64 * 1024 * 1024,
};

/** One entry as the central directory declares it. */
export interface ArchiveEntry {
  name: string;
  compressedSize: number;
  size: number;
  compression: number;
}

export type ListResult = { ok: true; entries: ArchiveEntry[] } | { ok: false; message: string };
export type ExtractResult = { ok: true; files: Map<string, Uint8Array> } | { ok: false; message: string };

/** "12.5 MiB" */
export const mebibytes = (bytes: number): string => `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * A name an archive entry may have: relative, forward slashes, no `.`/`..` segments, no drive letters,
 * no backslashes or control characters. Confines every part to the archive's own namespace.
 */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:]/.test(name) || name.startsWith('/')) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

const ZIP_LOCAL_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_MAGIC = [0x50, 0x4b, 0x05, 0x06];

/** True when the bytes start like a zip archive (a local file header, or the record of an empty one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  const starts = (magic: number[]) => bytes.length >= 4 && magic.every((b, i) => bytes[i] === b);
  return starts(ZIP_LOCAL_MAGIC) || starts(ZIP_EMPTY_MAGIC);
}

/** The central directory, checked against `limits`; nothing is inflated. */
export function listEntries(bytes: Uint8Array, limits: ArchiveLimits): ListResult {
  if (bytes.length < 22) return { ok: false, message: 'the archive is truncated (it has no end record).' };
  const entries: ArchiveEntry[] = [];
  let total = 0;
  let problem: string | null = null;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (problem) return false;
        entries.push({ name: file.name, compressedSize: file.size, size: file.originalSize, compression: file.compression });
        total += file.originalSize;
        if (entries.length > limits.maxEntries) problem = `it has more than ${limits.maxEntries} entries.`;
        else if (file.originalSize > limits.maxEntryBytes) problem = `"${file.name}" would unpack to ${mebibytes(file.originalSize)}, more than the ${mebibytes(limits.maxEntryBytes)} allowed.`;
        else if (total > limits.maxTotalBytes) problem = `its entries would unpack to more than the ${mebibytes(limits.maxTotalBytes)} allowed.`;
        return false;
      },
    });
  } catch (err) {
    return { ok: false, message: `the archive is damaged or truncated (${err instanceof Error ? err.message : String(err)}).` };
  }
  if (problem) return { ok: false, message: problem };
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!isSafeEntryName(entry.name)) return { ok: false, message: `it holds an entry with a name that is not allowed (${JSON.stringify(entry.name.slice(0, 80))}).` };
    if (seen.has(entry.name)) return { ok: false, message: `it holds "${entry.name}" twice.` };
    seen.add(entry.name);
    if (entry.compression !== 0 && entry.compression !== 8) return { ok: false, message: `"${entry.name}" uses a compression method Netwright does not read (${entry.compression}).` };
    if (entry.compression === 0 && entry.compressedSize !== entry.size) return { ok: false, message: `"${entry.name}" declares two different sizes.` };
  }
  return { ok: true, entries };
}

/**
 * The named entries' bytes, each checked to be exactly its declared size. `entries` must come from
 * listEntries on the same bytes; names not among them are simply absent from the result.
 */
export function extractEntries(bytes: Uint8Array, entries: ArchiveEntry[], wanted: ReadonlySet<string>): ExtractResult {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => wanted.has(file.name) });
  } catch (err) {
    return { ok: false, message: `the archive is damaged or truncated (${err instanceof Error ? err.message : String(err)}).` };
  }
  const out = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (!wanted.has(entry.name)) continue;
    const data = files[entry.name];
    if (!data || data.length !== entry.size) {
      return { ok: false, message: `"${entry.name}" is damaged or truncated (${data?.length ?? 0} bytes where ${entry.size} were declared).` };
    }
    out.set(entry.name, data);
  }
  return { ok: true, files: out };
}
