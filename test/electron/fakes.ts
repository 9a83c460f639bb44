/** Stand-ins for Electron objects, recording what the code under test does with them. */
import type { IpcMainEventLike, IpcMainLike } from '../../electron/ipc/handlers';

type Listener = (event: IpcMainEventLike, ...args: unknown[]) => unknown;

/** An ipcMain that keeps its handlers so tests can call them like Electron would. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, event: IpcMainEventLike, payload?: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    return Promise.resolve(handler(event, payload));
  }
  emit(channel: string, event: IpcMainEventLike, payload?: unknown): void {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No listener for ${channel}`);
    listener(event, payload);
  }
}

/** An IPC event from a frame at `url`; top-level unless `parent` is given. */
export function eventFrom(url: string, parent: unknown = null): IpcMainEventLike {
  return { senderFrame: { url, parent }, sender: { id: 1 } };
}

/** WebContents that keep their listeners and window-open handler. */
export class FakeWebContents {
  readonly listeners = new Map<string, ((event: { preventDefault(): void }, url?: unknown) => void)[]>();
  openHandler: ((details: { url: string }) => { action: 'deny' } | { action: 'allow' }) | null = null;
  readonly sent: [string, unknown[]][] = [];
  on(event: string, listener: (event: { preventDefault(): void }, url?: unknown) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args]);
  }
  /** Fires `event` like Electron would and reports whether a listener prevented it. */
  fire(event: string, url?: string): boolean {
    let prevented = false;
    for (const listener of this.listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}
