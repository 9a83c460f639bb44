/**
 * Registers the allow-listed IPC channels on ipcMain. Every message is checked twice before a service
 * sees it: the sender must be the app's own top-level frame, and the payload must match the contract.
 * Answers are validated too, so the renderer only ever receives what the contract promises.
 */
import type { z } from 'zod';
import {
  describeIssues,
  invokeChannels,
  sendChannels,
  type InvokeChannel,
  type InvokeEnvelope,
  type InvokeRequest,
  type InvokeResponse,
  type SendChannel,
  type SendPayload,
} from './contract';
import type { IpcEventLike } from './senders';

/** The events ipcMain hands to listeners, reduced to what the handlers read. */
export interface IpcMainEventLike extends IpcEventLike {
  sender: unknown;
}

/** The part of Electron's ipcMain used here; tests pass a recording fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): void;
}

/** One service function per invoke channel; `sender` is the WebContents that asked. */
export type InvokeServices = {
  [C in InvokeChannel]: (request: InvokeRequest<C>, sender: unknown) => Promise<InvokeResponse<C>>;
};

/** One service function per fire-and-forget channel. */
export type SendServices = {
  [C in SendChannel]: (payload: SendPayload<C>, sender: unknown) => void;
};

export interface IpcRegistration {
  ipcMain: IpcMainLike;
  isTrustedSender: (event: IpcEventLike) => boolean;
  invoke: InvokeServices;
  send: SendServices;
  /** Where refused messages are reported; console.warn in the app. */
  warn: (message: string) => void;
}

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Checks the sender and the payload, runs the service, and wraps the outcome in an envelope. */
async function answer<C extends InvokeChannel>(
  channel: C,
  service: InvokeServices[C],
  event: IpcMainEventLike,
  payload: unknown,
  registration: IpcRegistration,
): Promise<InvokeEnvelope<InvokeResponse<C>>> {
  if (!registration.isTrustedSender(event)) {
    registration.warn(`Refused ${channel} from an untrusted frame (${event.senderFrame?.url ?? 'no frame'}).`);
    return { ok: false, error: 'This request did not come from Netwright and was refused.' };
  }
  const spec = invokeChannels[channel];
  const request = (spec.request as z.ZodType).safeParse(payload);
  if (!request.success) {
    registration.warn(`Refused ${channel}: ${describeIssues(request.error)}`);
    return { ok: false, error: `Netwright refused a malformed request (${describeIssues(request.error)}).` };
  }
  try {
    const value = await (service as (r: unknown, s: unknown) => Promise<unknown>)(request.data, event.sender);
    const response = (spec.response as z.ZodType).safeParse(value);
    if (!response.success) {
      registration.warn(`${channel} produced an answer outside the contract: ${describeIssues(response.error)}`);
      return { ok: false, error: 'Netwright could not complete the request (internal error).' };
    }
    return { ok: true, value: response.data as InvokeResponse<C> };
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }
}

/** Installs a handler for every channel of the contract, and for no other. */
export function registerIpcHandlers(registration: IpcRegistration): void {
  const { ipcMain, invoke, send, isTrustedSender, warn } = registration;
  for (const channel of Object.keys(invokeChannels) as InvokeChannel[]) {
    ipcMain.handle(channel, (event, payload) => answer(channel, invoke[channel], event, payload, registration));
  }
  for (const channel of Object.keys(sendChannels) as SendChannel[]) {
    ipcMain.on(channel, (event, payload) => {
      if (!isTrustedSender(event)) {
        warn(`Ignored ${channel} from an untrusted frame (${event.senderFrame?.url ?? 'no frame'}).`);
        return;
      }
      const parsed = (sendChannels[channel] as z.ZodType).safeParse(payload);
      if (!parsed.success) {
        warn(`Ignored ${channel}: ${describeIssues(parsed.error)}`);
        return;
      }
      (send[channel] as (p: unknown, s: unknown) => void)(parsed.data, event.sender);
    });
  }
}
