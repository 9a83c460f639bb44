/**
 * Atomic writes for Node (the CLI, the Electron main process, exports): every file is written to a
 * temporary name in its own folder, flushed to disk, then renamed over the target, so that a crash,
 * SIGKILL or full disk at any moment leaves either the previous file or the complete new one — never
 * an empty or truncated file. This is the one module in engine/, cli/ and electron/ that writes files
 * (test/engine/io/plainWrites.test.ts holds everyone else to that).
 *
 * Temporaries are hidden (`.name.<pid>-<random>.tmp`) and the next write to the same folder removes
 * those left behind by processes that no longer exist.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import type { Stats } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A file of a multi-file output, with a path relative to the output folder. */
export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

const TEMPORARY = /^\..*\.(\d+)-[0-9a-f]{12}\.tmp$/;

function temporaryName(base: string): string {
  return `.${base}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

async function statOrNull(target: string): Promise<Stats | null> {
  try {
    return await stat(target);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return null;
    throw err;
  }
}

/** Flushes a folder's entries (the renames in it) to disk; a no-op where folders cannot be opened (Windows). */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, fsConstants.O_RDONLY);
    await handle.sync();
  } catch {
    // Best effort: some platforms and file systems refuse fsync on a folder; the rename itself is still atomic.
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Writes, flushes and closes a new file that must not exist yet. */
async function writeNewFile(file: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const handle = await open(file, 'wx', 0o666);
  try {
    await handle.writeFile(data, typeof data === 'string' ? 'utf8' : undefined);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (mode !== undefined) await chmod(file, mode & 0o7777);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

/** Removes temporaries in `dir` left behind by processes that have ended (killed mid-write). */
export async function removeStaleTemporaries(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (match && !isAlive(Number(match[1]))) await rm(path.join(dir, name), { recursive: true, force: true }).catch(() => {});
  }
}

/**
 * Creates a folder and its missing parents. Unlike `mkdir(dir, { recursive: true })`, which loops
 * forever in Node 20 when a parent exists but refuses new entries with ENOENT (`/proc/x`), this
 * gives up with that error.
 */
export async function ensureDirectory(dir: string): Promise<void> {
  const target = path.resolve(dir);
  try {
    await mkdir(target);
    return;
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST') {
      if ((await stat(target)).isDirectory()) return;
      throw Object.assign(new Error(`${target} exists and is not a folder`), { code: 'ENOTDIR', path: target });
    }
    const parent = path.dirname(target);
    if (code !== 'ENOENT' || parent === target) throw err;
    if (await statOrNull(parent)) throw err; // the parent exists, yet the folder cannot be made in it
    await ensureDirectory(parent);
  }
  try {
    await mkdir(target);
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST' || !(await stat(target)).isDirectory()) throw err;
  }
}

/** Writes one file atomically: temporary file in the same folder, fsync, rename, fsync of the folder. */
export async function writeFileAtomic(filePath: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(filePath));
  const temporary = path.join(dir, temporaryName(path.basename(filePath)));
  await removeStaleTemporaries(dir);
  try {
    const existing = await statOrNull(filePath);
    await writeNewFile(temporary, content, existing?.isFile() ? existing.mode : undefined);
    await rename(temporary, filePath);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => {});
    throw err;
  }
  await syncFolder(dir);
}

function checkRelative(file: string): string {
  const normal = path.normalize(file);
  if (path.isAbsolute(normal) || normal === '..' || normal.startsWith(`..${path.sep}`) || normal === '.') {
    throw new Error(`The output file name ${JSON.stringify(file)} leaves its folder.`);
  }
  return normal;
}

async function writeTree(root: string, files: OutputFile[]): Promise<void> {
  const folders = new Set<string>([root]);
  for (const file of files) {
    const target = path.join(root, checkRelative(file.path));
    const folder = path.dirname(target);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true }); // inside a folder we just made: cannot hit the /proc loop
      folders.add(folder);
    }
    await writeNewFile(target, file.data);
  }
  for (const folder of [...folders].reverse()) await syncFolder(folder);
}

/**
 * Writes several files into `dir` as one output. They are staged in a hidden temporary folder first;
 * a new `dir` is then that folder renamed into place (all or nothing), and an existing `dir` gets
 * each file renamed over its old version (each one atomic, the set within a few renames). When any
 * write fails, the staged files are removed and nothing in `dir` has changed.
 */
export async function writeFilesAtomic(dir: string, files: OutputFile[]): Promise<void> {
  const target = path.resolve(dir);
  const existing = await statOrNull(target);
  if (existing && !existing.isDirectory()) throw Object.assign(new Error(`${target} exists and is not a folder`), { code: 'ENOTDIR', path: target });
  if (!existing) {
    const parent = path.dirname(target);
    await ensureDirectory(parent);
    await removeStaleTemporaries(parent);
    const staging = path.join(parent, temporaryName(path.basename(target)));
    try {
      await mkdir(staging);
      await writeTree(staging, files);
      await rename(staging, target);
      await syncFolder(parent);
      return;
    } catch (err) {
      await rm(staging, { recursive: true, force: true }).catch(() => {});
      // Someone made the folder meanwhile: fall through and write into it.
      if (!(await statOrNull(target))?.isDirectory()) throw err;
    }
  }
  await removeStaleTemporaries(target);
  const staging = path.join(target, temporaryName('netwright-staging'));
  try {
    await mkdir(staging);
    await writeTree(staging, files);
    const folders = new Set<string>([target]);
    for (const file of files) {
      const relative = checkRelative(file.path);
      const destination = path.join(target, relative);
      const folder = path.dirname(destination);
      if (!folders.has(folder)) {
        await ensureDirectory(folder);
        folders.add(folder);
      }
      await rename(path.join(staging, relative), destination);
    }
    for (const folder of folders) await syncFolder(folder);
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
  }
}

/** Why an output location cannot be used, in words a person can act on. */
export class OutputLocationError extends Error {
  constructor(
    readonly location: string,
    readonly reason: string,
  ) {
    super(`${location}: ${reason}`);
    this.name = 'OutputLocationError';
  }
}

/** Plain words for a file-system error code. */
export function fileErrorReason(err: unknown): string {
  const reasons: Record<string, string> = {
    ENOENT: 'the folder does not exist and cannot be created there',
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder, not a file',
    EEXIST: 'something with that name already exists',
    EBUSY: 'the file is in use by another program',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'the path has too many symbolic links',
    EMFILE: 'too many files are open',
  };
  const code = errnoCode(err);
  return (code && reasons[code]) ?? (err instanceof Error ? err.message : String(err));
}

/** The nearest folder that exists at or above `dir`, or throws when a part of the path is a file. */
async function nearestExisting(dir: string): Promise<{ folder: string; missing: boolean }> {
  let current = path.resolve(dir);
  let missing = false;
  for (;;) {
    const info = await statOrNull(current);
    if (info) {
      if (!info.isDirectory()) throw new OutputLocationError(dir, current === path.resolve(dir) ? 'it is a file, not a folder' : `${current} is a file, not a folder`);
      return { folder: current, missing };
    }
    const parent = path.dirname(current);
    if (parent === current) return { folder: current, missing };
    missing = true;
    current = parent;
  }
}

/** Creates and removes a hidden entry in `folder`: the only reliable test that it accepts new files. */
async function probe(location: string, folder: string, createsFolder: boolean): Promise<void> {
  const name = path.join(folder, temporaryName('netwright-probe'));
  try {
    if (createsFolder) {
      await mkdir(name);
      await rmdir(name);
    } else {
      await writeNewFile(name, '');
      await rm(name, { force: true });
    }
  } catch (err) {
    await rm(name, { recursive: true, force: true }).catch(() => {});
    const why = errnoCode(err) === 'ENOENT' ? 'the system does not allow new entries there' : fileErrorReason(err);
    throw new OutputLocationError(location, createsFolder ? `a folder cannot be created in ${folder} (${why})` : `${folder} does not accept new files (${why})`);
  }
}

/**
 * Checks, without leaving anything behind, that `dir` can receive an output folder's files: it is a
 * folder that accepts new files, or it can be created. `names` are files that will be written in it
 * (each must not be a folder). Throws OutputLocationError.
 */
export async function checkOutputFolder(dir: string, names: string[] = []): Promise<void> {
  const { folder, missing } = await nearestExisting(dir);
  await probe(dir, folder, missing);
  if (missing) return;
  for (const name of names) {
    const info = await lstat(path.join(folder, name)).catch(() => null);
    if (info?.isDirectory()) throw new OutputLocationError(dir, `${path.join(dir, name)} is a folder; move it away or choose another --out`);
  }
}

/** Checks that `file` can be written: it is not a folder, and its folder exists (or can be made) and accepts new files. */
export async function checkOutputFile(file: string): Promise<void> {
  const info = await statOrNull(file);
  if (info?.isDirectory()) throw new OutputLocationError(file, 'it is a folder, not a file');
  const { folder, missing } = await nearestExisting(path.dirname(path.resolve(file)));
  await probe(file, folder, missing);
}
