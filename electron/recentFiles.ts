/**
 * The recent-files list: a small JSON file in userData, most recent first, at most `limit` entries.
 * Files that no longer exist are dropped whenever the list is read.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './fileSystem';

export const RECENT_FILES_LIMIT = 10;

export interface RecentFileEntry {
  name: string;
  path: string;
}

export interface RecentFilesStore {
  /** Existing files, most recent first; missing ones are pruned from the stored list. */
  list(): Promise<RecentFileEntry[]>;
  /** Moves (or adds) a file to the top. */
  add(filePath: string): Promise<void>;
  remove(filePath: string): Promise<void>;
  /** Whether the path is on the stored list (existing or not). */
  has(filePath: string): Promise<boolean>;
}

const storedSchema = z.object({ version: z.literal(1), paths: z.array(z.string().min(1)) });

async function exists(filePath: string): Promise<boolean> {
  try {
    await access(filePath);
    return true;
  } catch {
    return false;
  }
}

/** Opens the recent-files list stored at `storePath`. A missing or damaged store reads as an empty list. */
export function createRecentFilesStore(storePath: string, limit = RECENT_FILES_LIMIT): RecentFilesStore {
  // Serialise every read-modify-write so two quick saves cannot lose each other's entry.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = async (): Promise<string[]> => {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(await readFile(storePath, 'utf8')));
      return parsed.success ? parsed.data.paths : [];
    } catch {
      return [];
    }
  };
  const store = (paths: string[]): Promise<void> =>
    writeFileAtomic(storePath, `${JSON.stringify({ version: 1, paths: paths.slice(0, limit) }, null, 2)}\n`);
  const entry = (filePath: string): RecentFileEntry => ({ name: path.basename(filePath), path: filePath });

  return {
    list: () =>
      serially(async () => {
        const paths = await load();
        const present = (await Promise.all(paths.map(exists))).map((ok, i) => (ok ? paths[i] : null));
        const kept = present.filter((p): p is string => p !== null).slice(0, limit);
        if (kept.length !== paths.length) await store(kept);
        return kept.map(entry);
      }),
    add: (filePath) =>
      serially(async () => {
        const paths = await load();
        await store([filePath, ...paths.filter((p) => p !== filePath)]);
      }),
    remove: (filePath) =>
      serially(async () => {
        const paths = await load();
        if (paths.includes(filePath)) await store(paths.filter((p) => p !== filePath));
      }),
    has: (filePath) => serially(async () => (await load()).includes(filePath)),
  };
}
