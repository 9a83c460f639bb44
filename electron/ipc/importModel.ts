/**
 * File › Import… in the desktop app: the native open dialog for an .onnx file or a TF.js model.json,
 * and, for model.json, the weight shards its manifest names, read from model.json's own folder.
 *
 * Every shard path is hostile until checked: relative, no "..", no drive or root, resolving (symlinks
 * followed) inside the folder, a regular file, and all files together within MAX_IMPORT_BYTES,
 * checked against the size on disk before reading and again while reading. Parsing the model is the
 * renderer's job (engine/interop); this only decides which bytes may leave the disk.
 */
import path from 'node:path';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import type { OpenDialogOptions } from 'electron';
import type { z } from 'zod';
import { describeFileError } from '../fileSystem';
import { MAX_IMPORT_BYTES, MAX_IMPORT_FILES } from './importContract';
import type { modelFileSetSchema } from './importContract';

type ModelFileSet = z.infer<typeof modelFileSetSchema>;

/** The native open dialog, already bound to the window (main.ts passes Electron's). */
export interface ImportDialogs {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** Asks for a model and reads its files; resolves null when the person cancels. */
export type ImportModelService = () => Promise<ModelFileSet | null>;

/** The largest model.json read in full to find its shards; real ones are well under a megabyte. */
const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;
const mebibytes = (bytes: number): string => `${Math.ceil(bytes / 1024 / 1024)} MiB`;

/** Reads at most `limit` bytes of a regular file; throws when it holds more (it may grow after stat). */
async function readBounded(filePath: string, limit: number, what: string): Promise<Uint8Array> {
  const handle = await open(filePath, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${what} is not a regular file.`);
    if (info.size > limit) throw new Error(`${what} is ${mebibytes(info.size)}, more than the ${mebibytes(limit)} Netwright imports.`);
    const buffer = new Uint8Array(Math.min(info.size, limit) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit) throw new Error(`${what} grew past ${mebibytes(limit)} while it was read.`);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** The shard paths model.json names, or [] when its manifest cannot be read (the importer then says why). */
export function manifestPaths(modelJson: Uint8Array): string[] {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(modelJson).replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  const manifest = (json as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) return [];
  return manifest.flatMap((group) => {
    const paths = (group as { paths?: unknown } | null)?.paths;
    return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
  });
}

/** Why a manifest path may not be read, or null when it is a plain relative path inside the folder. */
export function shardPathProblem(shard: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (shard.length === 0 || shard.length > 1024 || /[\u0000-\u001f]/.test(shard)) return 'is not a usable file name';
  if (path.posix.isAbsolute(shard) || path.win32.isAbsolute(shard) || /^[A-Za-z]:/.test(shard)) return 'is an absolute path';
  if (shard.split(/[\\/]/).some((part) => part === '..')) return 'leads out of the folder ("..")';
  return null;
}

/** True when `child` is `folder` or lies inside it. */
const inside = (folder: string, child: string): boolean => {
  const relative = path.relative(folder, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * Reads model.json's shards from its folder. Throws a message naming the shard and what to do when
 * one is refused or missing.
 */
export async function readTfjsShards(modelJsonPath: string, modelJson: Uint8Array, budget: number): Promise<{ name: string; data: Uint8Array }[]> {
  const folder = await realpath(path.dirname(modelJsonPath));
  const label = path.basename(modelJsonPath);
  const shards = [...new Set(manifestPaths(modelJson))];
  if (shards.length + 1 > MAX_IMPORT_FILES) throw new Error(`${label} names ${shards.length} weight files; Netwright imports at most ${MAX_IMPORT_FILES - 1}.`);
  const files: { name: string; data: Uint8Array }[] = [];
  const names = new Set<string>();
  let left = budget;
  for (const shard of shards) {
    const problem = shardPathProblem(shard);
    if (problem) throw new Error(`${label} names the weight file "${shard}", which ${problem}. Netwright reads weights only from the folder ${label} is in.`);
    const name = path.basename(shard.replaceAll('\\', '/'));
    if (names.has(name)) throw new Error(`${label} names two weight files called ${name}; give each shard its own name.`);
    names.add(name);
    const target = path.resolve(folder, shard.replaceAll('\\', '/'));
    let real: string;
    try {
      await lstat(target);
      real = await realpath(target);
    } catch (err) {
      throw new Error(`The weight file ${shard} named in ${label} is missing from ${folder}. Keep the .bin files next to ${label}. (${describeFileError('read', target, err)})`, { cause: err });
    }
    if (!inside(folder, real)) throw new Error(`${label} names the weight file "${shard}", a link leading out of its folder. Netwright reads weights only from the folder ${label} is in.`);
    const info = await stat(real);
    if (!info.isFile()) throw new Error(`The weight file ${shard} named in ${label} is not a regular file.`);
    if (info.size > left) throw new Error(`The weight files of ${label} add up to more than the ${mebibytes(budget)} Netwright imports.`);
    const data = await readBounded(real, left, `The weight file ${shard}`);
    left -= data.length;
    files.push({ name, data });
  }
  return files;
}

/** Reads the chosen model: an .onnx file alone, or model.json with its shards. */
export async function readModelAt(filePath: string): Promise<ModelFileSet> {
  const info = await lstat(filePath).catch((err: unknown) => {
    throw new Error(describeFileError('read', filePath, err), { cause: err });
  });
  if (!info.isFile() && !info.isSymbolicLink()) throw new Error(`${filePath} is not a regular file.`);
  const name = path.basename(filePath);
  const isJson = name.toLowerCase().endsWith('.json');
  const data = await readBounded(filePath, isJson ? MAX_MODEL_JSON_BYTES : MAX_IMPORT_BYTES, name);
  const folderName = path.basename(path.dirname(filePath)) || undefined;
  if (!isJson) return { files: [{ name, data }], ...(folderName ? { folderName } : {}) };
  const shards = await readTfjsShards(filePath, data, MAX_IMPORT_BYTES - data.length);
  return { files: [{ name, data }, ...shards.filter((s) => s.name !== name)], ...(folderName ? { folderName } : {}) };
}

/** Builds the service over a dialog. */
export function createImportModelService(dialogs: ImportDialogs): ImportModelService {
  return async () => {
    const choice = await dialogs.showOpenDialog({
      title: 'Import a model',
      properties: ['openFile'],
      filters: [
        { name: 'ONNX or TensorFlow.js models', extensions: ['onnx', 'json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (choice.canceled || choice.filePaths.length === 0) return null;
    return readModelAt(choice.filePaths[0]);
  };
}
