/**
 * Reading import files from disk in Node (the CLI): only regular files, of a size known before they
 * are read, and TF.js weight shards only inside the model's folder — their real paths (symlinks
 * resolved) must stay there, and their sizes must add up to what the manifest declares before one
 * byte is read. The pure checks live in limits.ts and tfjs/manifest.ts, shared with the app.
 */
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonText } from '../model/jsonSyntax';
import type { ImportLimits } from './limits';
import { describeValue, formatBytes, maxWeightBytes, ModelFileError } from './limits';
import { readTfjsManifest } from './tfjs/manifest';
import { InteropError } from './types';

/** The most a model.json (topology and manifest, no weights) may weigh. */
export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

/**
 * Reads a whole regular file of at most `maxBytes`; anything else (a device such as /dev/zero, a
 * FIFO, a folder, a file over the limit) is refused before it is read. Only the size seen by stat
 * is read, so a file that grows meanwhile cannot push memory past it.
 */
export async function readRegularFile(file: string, maxBytes: number, what = 'file'): Promise<Uint8Array> {
  const info = await stat(file);
  if (!info.isFile()) throw new ModelFileError(`The ${what} ${describeValue(file)} is not a regular file (a device, pipe or folder); give the path of a file.`);
  if (info.size > maxBytes) {
    throw new ModelFileError(`The ${what} ${describeValue(file)} is ${formatBytes(info.size)}, more than the limit of ${formatBytes(maxBytes)}. If it is genuine, raise the limit.`);
  }
  const handle = await open(file, 'r');
  try {
    const out = new Uint8Array(info.size);
    let at = 0;
    while (at < out.length) {
      const { bytesRead } = await handle.read(out, at, out.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    if (at !== out.length) throw new ModelFileError(`The ${what} ${describeValue(file)} changed while it was read (${at} of ${info.size} bytes); try again.`);
    return out;
  } finally {
    await handle.close();
  }
}

/** A TF.js model read from disk: the parsed model.json and the weight bytes in manifest order. */
export interface TfjsFiles {
  modelJson: Record<string, unknown>;
  weightData: Uint8Array;
}

/** Reads model.json and its weight shards (see the module comment for what is refused). */
export async function readTfjsFiles(modelJsonPath: string, limits: ImportLimits = {}): Promise<TfjsFiles> {
  const text = new TextDecoder().decode(await readRegularFile(modelJsonPath, MAX_MODEL_JSON_BYTES, 'model.json'));
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ModelFileError(`${describeValue(path.basename(modelJsonPath))} is not valid JSON: ${parsed.message}`);
  const modelJson = parsed.json;
  if (typeof modelJson !== 'object' || modelJson === null || Array.isArray(modelJson)) {
    throw new ModelFileError(`${describeValue(path.basename(modelJsonPath))} is not a JSON object; it is not a TensorFlow.js model.`);
  }
  const manifest = readTfjsManifest(modelJson, limits);
  const folder = await realpath(path.dirname(path.resolve(modelJsonPath)));
  const shards: { file: string; size: number; name: string }[] = [];
  for (const group of manifest.groups) {
    let groupBytes = 0;
    for (const name of group.paths) {
      const file = await resolveShard(folder, name, modelJsonPath);
      const info = await stat(file);
      if (!info.isFile()) throw new ModelFileError(`The weight file ${describeValue(name)} is not a regular file (a device, pipe or folder); the model.json is not trustworthy.`);
      groupBytes += info.size;
      shards.push({ file, size: info.size, name });
    }
    if (groupBytes !== group.bytes) {
      throw new ModelFileError(
        `The weight files ${group.paths.map(describeValue).join(', ') || '(none)'} hold ${groupBytes} bytes but the manifest declares ${group.bytes}; ${groupBytes < group.bytes ? 'a shard is missing or cut short' : 'they do not belong to this model.json'}.`,
      );
    }
  }
  if (manifest.totalBytes > maxWeightBytes(limits)) throw new ModelFileError(`The weights need ${formatBytes(manifest.totalBytes)}, more than the import limit.`);
  const weightData = new Uint8Array(manifest.totalBytes);
  let at = 0;
  for (const shard of shards) {
    const bytes = await readRegularFile(shard.file, shard.size, 'weight file');
    if (bytes.length !== shard.size) throw new ModelFileError(`The weight file ${describeValue(shard.name)} changed while it was read; try again.`);
    weightData.set(bytes, at);
    at += bytes.length;
  }
  return { modelJson: modelJson as Record<string, unknown>, weightData };
}

/** The real path of a shard, refused unless it lies inside the model's (real) folder. */
async function resolveShard(folder: string, name: string, modelJsonPath: string): Promise<string> {
  // readTfjsManifest has already refused absolute paths, backslashes and ".." segments.
  const joined = path.join(folder, ...name.split('/'));
  let real: string;
  try {
    real = await realpath(joined);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InteropError(`The weights file ${describeValue(name)} named in ${describeValue(modelJsonPath)} is missing; keep the .bin shards next to model.json.`);
    }
    throw err;
  }
  const relative = path.relative(folder, real);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new ModelFileError(`The weight file ${describeValue(name)} leads out of the model's folder (through a link); weight files must sit next to model.json.`);
  }
  return real;
}
