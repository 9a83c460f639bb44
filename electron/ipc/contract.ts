/**
 * The IPC contract between the preload and the main process: every channel name and the zod schema
 * of what travels on it. Both sides validate against these schemas, so a compromised renderer can send
 * nothing the main process has not agreed to read. Imports zod only (the sandboxed preload bundles it).
 */
import { z } from 'zod';
import { modelFileSetSchema } from './importContract';

/**
 * Project files (an archive with runs and their weights) larger than this are refused on both sides.
 * Five MNIST runs take about 3 MiB; the cap stays well below Electron's IPC limit (see MAX_BINARY_BYTES).
 */
export const MAX_PROJECT_BYTES = 256 * 1024 * 1024;
/**
 * Exports larger than this are refused on both sides. Real exports are a few megabytes; the cap stays
 * well below 512 MiB, past which Electron's IPC serialiser over-allocates and can crash the process.
 */
export const MAX_BINARY_BYTES = 256 * 1024 * 1024;
const MAX_LABEL_CHARS = 200;
const MAX_PATH_CHARS = 4096;

const filePath = z.string().min(1).max(MAX_PATH_CHARS);
const fileName = z.string().min(1).max(MAX_PATH_CHARS);

export const savedFileSchema = z.object({ name: fileName, path: filePath.optional() });

/**
 * Bytes arrive as a Uint8Array: the structured clone behind contextBridge and IPC keeps typed arrays
 * (Node Buffers arrive as plain Uint8Arrays). Checked by tag rather than instanceof, since the value
 * may come from another realm (the page, the isolated preload world, main).
 */
const isUint8Array = (value: unknown): value is Uint8Array =>
  ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
/** "256 MiB", "256.1 MiB": rounded up, so a file just over the cap never reads as equal to it. */
const mebibytes = (bytes: number): string => `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MiB`;
/** Why `byteLength` bytes are too many to save, or null when they are not. */
export function binarySizeProblem(byteLength: number): string | null {
  return byteLength > MAX_BINARY_BYTES ? `The file is ${mebibytes(byteLength)}, more than the ${mebibytes(MAX_BINARY_BYTES)} Netwright can save.` : null;
}
export const binaryDataSchema = z
  .custom<Uint8Array>(isUint8Array, { message: 'expected the file as binary data (a Uint8Array)' })
  .check((ctx) => {
    const problem = binarySizeProblem(ctx.value.byteLength);
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
  });
/** A save-dialog filter: extensions without the dot ("onnx"), or "*" for any file. */
export const fileFilterSchema = z.object({
  name: z.string().min(1).max(MAX_LABEL_CHARS),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9][A-Za-z0-9_-]{0,15})$/)).min(1).max(10),
});
/** A project file's bytes (archive or JSON text), at most MAX_PROJECT_BYTES. */
export const projectDataSchema = z.custom<Uint8Array>(isUint8Array, { message: 'expected the project as binary data (a Uint8Array)' }).check((ctx) => {
  if (ctx.value.byteLength > MAX_PROJECT_BYTES) ctx.issues.push({ code: 'custom', input: ctx.value, message: `The project is ${mebibytes(ctx.value.byteLength)}, more than the ${mebibytes(MAX_PROJECT_BYTES)} Netwright can open or save.` });
});
export const openedFileSchema = z.object({ name: fileName, path: filePath.optional(), data: projectDataSchema });
export const saveRequestSchema = z.object({
  data: projectDataSchema,
  path: filePath.optional(),
  suggestedName: fileName,
  saveAs: z.boolean(),
});
export const saveBinaryRequestSchema = z.object({
  data: binaryDataSchema,
  suggestedName: fileName,
  filters: z.array(fileFilterSchema).max(10).optional(),
});
export const recentFileSchema = z.object({ name: fileName, path: filePath });
export const recoverySnapshotSchema = z.object({
  savedAt: z.string().max(64),
  origin: z.string().max(MAX_PATH_CHARS).optional(),
  data: projectDataSchema,
});

/**
 * Command ids ("file.save", "template.open:lenet5", "file.openRecent:/path/to/file") are opaque to the main process:
 * it only hands them back to the renderer's registry. Text without control characters, of bounded size.
 */
// eslint-disable-next-line no-control-regex
export const commandIdSchema = z.string().min(1).max(MAX_PATH_CHARS + 100).regex(/^[^\u0000-\u001f\u007f]+$/);
/** Electron accelerator syntax: modifier and key names joined by "+". */
const acceleratorSchema = z.string().regex(/^[\w+\-=[\];',./`\\]{1,60}$/);

export const menuEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('command'),
    commandId: commandIdSchema,
    label: z.string().min(1).max(MAX_LABEL_CHARS),
    accelerator: acceleratorSchema.optional(),
    enabled: z.boolean(),
  }),
  z.object({ kind: z.literal('separator') }),
]);
export const menuSectionSchema = z.object({
  label: z.string().min(1).max(MAX_LABEL_CHARS),
  items: z.array(menuEntrySchema).max(100),
});
export const menuSchema = z.array(menuSectionSchema).max(20);
export const titleSchema = z.object({ title: z.string().max(MAX_LABEL_CHARS * 2), dirty: z.boolean() });

const none = z.void();

/** Renderer -> main requests that answer (ipcRenderer.invoke / ipcMain.handle). */
export const invokeChannels = {
  'netwright:open-file': { request: none, response: openedFileSchema.nullable() },
  'netwright:open-recent': { request: filePath, response: openedFileSchema },
  'netwright:save-file': { request: saveRequestSchema, response: savedFileSchema.nullable() },
  'netwright:recent-files': { request: none, response: z.array(recentFileSchema) },
  'netwright:recovery-write': { request: recoverySnapshotSchema, response: none },
  'netwright:recovery-read': { request: none, response: recoverySnapshotSchema.nullable() },
  'netwright:recovery-clear': { request: none, response: none },
  'netwright:save-binary': { request: saveBinaryRequestSchema, response: savedFileSchema.nullable() },
  'netwright:open-model': { request: none, response: modelFileSetSchema.nullable() },
} as const;

/** Renderer -> main notifications without an answer (ipcRenderer.send / ipcMain.on). */
export const sendChannels = {
  'netwright:set-menu': menuSchema,
  'netwright:set-title': titleSchema,
} as const;

/** Main -> renderer events (webContents.send / ipcRenderer.on). */
export const eventChannels = {
  'netwright:menu-command': commandIdSchema,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type SendChannel = keyof typeof sendChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeRequest<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['response']>;
export type SendPayload<C extends SendChannel> = z.infer<(typeof sendChannels)[C]>;

/**
 * What every invoke handler answers. Errors travel as data: an exception thrown across ipcMain.handle
 * reaches the renderer wrapped in "Error invoking remote method…", which is no message for a person.
 */
export type InvokeEnvelope<T> = { ok: true; value: T } | { ok: false; error: string };
export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** A short, readable account of a zod failure for logs and error messages. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');
}
