/**
 * Where autosave keeps unsaved work between a crash and the next start: one file in userData holding
 * the project's bytes (with its finished runs and their weights) behind a small JSON header.
 * Only the latest snapshot matters, so each write replaces the previous one atomically.
 *
 *   "NWRECOV1" | header length (uint32 LE) | header JSON { savedAt, origin? } | project file bytes
 */
import { readFile, rm } from 'node:fs/promises';
import { recoverySnapshotSchema } from './ipc/contract';
import { writeFileAtomic } from './fileSystem';
import type { z } from 'zod';

export type StoredSnapshot = z.infer<typeof recoverySnapshotSchema>;

export interface RecoveryStore {
  write(snapshot: StoredSnapshot): Promise<void>;
  /** The snapshot, or null when there is none or it is damaged (a damaged one is no use to anybody). */
  read(): Promise<StoredSnapshot | null>;
  clear(): Promise<void>;
}

const MAGIC = new TextEncoder().encode('NWRECOV1');
const MAX_HEADER_BYTES = 64 * 1024;

/** The file's bytes for a snapshot. */
export function encodeRecovery(snapshot: StoredSnapshot): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ savedAt: snapshot.savedAt, ...(snapshot.origin ? { origin: snapshot.origin } : {}) }));
  const out = new Uint8Array(MAGIC.length + 4 + header.length + snapshot.data.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  out.set(snapshot.data, MAGIC.length + 4 + header.length);
  return out;
}

/** A snapshot back from the file's bytes, or null when they are not one. */
export function decodeRecovery(bytes: Uint8Array): StoredSnapshot | null {
  if (bytes.length < MAGIC.length + 4 || !MAGIC.every((b, i) => bytes[i] === b)) return null;
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4;
  if (headerLength > MAX_HEADER_BYTES || start + headerLength > bytes.length) return null;
  try {
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + headerLength))) as Record<string, unknown>;
    const parsed = recoverySnapshotSchema.safeParse({ ...header, data: bytes.slice(start + headerLength) });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Opens the recovery store kept at `filePath`. */
export function createRecoveryStore(filePath: string): RecoveryStore {
  return {
    write: (snapshot) => writeFileAtomic(filePath, encodeRecovery(snapshot)),
    read: async () => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(filePath));
      } catch {
        return null;
      }
      return decodeRecovery(bytes);
    },
    clear: () => rm(filePath, { force: true }),
  };
}
