/**
 * The API the preload exposes as `window.netwright`. Every call is validated here before it leaves the
 * renderer and every answer before it enters it, against the same contract the main process enforces.
 * Imports zod and the contract only: the preload runs sandboxed and is bundled on its own.
 */
import type { z } from 'zod';
import {
  binarySizeProblem,
  commandIdSchema,
  describeIssues,
  envelopeSchema,
  invokeChannels,
  sendChannels,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type SendChannel,
  type SendPayload,
} from '../ipc/contract';
import { TRAINING_MESSAGE_CHANNEL, TRAINING_POST_CHANNEL, hostMessageSchema, workerMessageSchema } from '../ipc/trainingContract';
import type { HostMessage, WorkerMessage } from '../../engine/training/protocol';

/** The part of Electron's ipcRenderer the API uses; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new TypeError(`${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Builds the `window.netwright` API over an ipcRenderer. */
export function createPreloadApi(ipc: IpcRendererLike) {
  const invoke = async <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> => {
    const spec = invokeChannels[channel];
    const payload = check(spec.request as z.ZodType, request, `Invalid request for ${channel}`);
    const envelope = check(envelopeSchema, await ipc.invoke(channel, payload), `Invalid answer on ${channel}`);
    if (!envelope.ok) throw new Error(envelope.error);
    return check(spec.response as z.ZodType, envelope.value, `Invalid answer on ${channel}`) as InvokeResponse<C>;
  };
  const send = <C extends SendChannel>(channel: C, payload: SendPayload<C>): void => {
    ipc.send(channel, check(sendChannels[channel] as z.ZodType, payload, `Invalid message for ${channel}`));
  };

  return {
    openFile: () => invoke('netwright:open-file', undefined),
    openRecent: (path: string) => invoke('netwright:open-recent', path),
    saveFile: (request: InvokeRequest<'netwright:save-file'>) => invoke('netwright:save-file', request),
    /** File › Import…: the native open dialog; the main process reads model.json's shards from its folder. */
    openModelFiles: () => invoke('netwright:open-model', undefined),
    recentFiles: () => invoke('netwright:recent-files', undefined),
    writeRecovery: (snapshot: InvokeRequest<'netwright:recovery-write'>) => invoke('netwright:recovery-write', snapshot),
    readRecovery: () => invoke('netwright:recovery-read', undefined),
    clearRecovery: () => invoke('netwright:recovery-clear', undefined),
    /** Saves bytes (an export) through the native save dialog; resolves null when the person cancels. */
    saveBinary: async (request: InvokeRequest<'netwright:save-binary'>) => {
      // Said plainly here, before the bytes are copied to the main process; the contract checks it again there.
      const problem = ArrayBuffer.isView(request?.data) ? binarySizeProblem(request.data.byteLength) : null;
      if (problem) throw new RangeError(problem);
      return invoke('netwright:save-binary', request);
    },
    setMenu: (sections: SendPayload<'netwright:set-menu'>) => send('netwright:set-menu', sections),
    setTitle: (title: string, dirty: boolean) => send('netwright:set-title', { title, dirty }),
    /** Subscribes to native menu clicks; the listener gets the command id only, never the IPC event. */
    onMenuCommand: (listener: (commandId: string) => void): (() => void) => {
      const relay = (_event: unknown, commandId: unknown): void => {
        const parsed = commandIdSchema.safeParse(commandId);
        if (parsed.success) listener(parsed.data);
      };
      ipc.on('netwright:menu-command', relay);
      return () => {
        ipc.removeListener('netwright:menu-command', relay);
      };
    },
    /** The training worker behind the main process (see engine/training/protocol.ts). */
    training: {
      post: (message: HostMessage): void => {
        ipc.send(TRAINING_POST_CHANNEL, check(hostMessageSchema, message, `Invalid message for ${TRAINING_POST_CHANNEL}`));
      },
      /** Subscribes to the worker's messages; unknown kinds are dropped. */
      onMessage: (listener: (message: WorkerMessage) => void): (() => void) => {
        const relay = (_event: unknown, message: unknown): void => {
          if (workerMessageSchema.safeParse(message).success) listener(message as WorkerMessage);
        };
        ipc.on(TRAINING_MESSAGE_CHANNEL, relay);
        return () => {
          ipc.removeListener(TRAINING_MESSAGE_CHANNEL, relay);
        };
      },
    },
  };
}

export type PreloadApi = ReturnType<typeof createPreloadApi>;
