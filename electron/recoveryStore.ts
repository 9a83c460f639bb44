/**
 * Where autosave keeps unsaved work between a crash and the next start: one JSON file in userData.
 * Only the latest snapshot matters, so each write replaces the previous one atomically.
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

/** Opens the recovery store kept at `filePath`. */
export function createRecoveryStore(filePath: string): RecoveryStore {
  return {
    write: (snapshot) => writeFileAtomic(filePath, JSON.stringify(snapshot)),
    read: async () => {
      let text: string;
      try {
        text = await readFile(filePath, 'utf8');
      } catch {
        return null;
      }
      try {
        const parsed = recoverySnapshotSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    clear: () => rm(filePath, { force: true }),
  };
}
