/**
 * What File › Import… carries from the main process to the renderer: the model's files by base name,
 * with their bytes. Imports zod only (the sandboxed preload bundles it). Part of the IPC contract.
 */
import { z } from 'zod';

/** Models larger than this (all files together) are refused; below Electron's IPC limits with room to spare. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** A TF.js model is model.json and a handful of shards; more files than this is no model. */
export const MAX_IMPORT_FILES = 200;

const isUint8Array = (value: unknown): value is Uint8Array =>
  ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';

/** A base name: no folder separators, no "." or "..", no control characters. */
// eslint-disable-next-line no-control-regex
export const modelFileNameSchema = z.string().min(1).max(255).regex(/^(?!\.\.?$)[^/\\\u0000-\u001f]+$/);

export const modelFileSetSchema = z
  .object({
    files: z.array(z.object({ name: modelFileNameSchema, data: z.custom<Uint8Array>(isUint8Array, { message: 'expected the file as binary data (a Uint8Array)' }) })).min(1).max(MAX_IMPORT_FILES),
    folderName: z.string().min(1).max(255).optional(),
  })
  .refine((set) => set.files.reduce((n, f) => n + f.data.byteLength, 0) <= MAX_IMPORT_BYTES, {
    message: `the model's files add up to more than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`,
  });
