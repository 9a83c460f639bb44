/**
 * Who may talk to the main process: only the top-level frame of a page the app itself served.
 * A frame that navigated elsewhere, an iframe, or a devtools extension is turned away.
 */

/** The scheme and host the packaged renderer is served from (see appProtocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'netwright';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The part of Electron's WebFrameMain a sender check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** The part of an IPC event a sender check reads. */
export interface IpcEventLike {
  senderFrame: SenderFrame | null;
}

/** "scheme://host[:port]" of a URL, or null when it has none. Works for custom schemes, where URL.origin is "null". */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** Builds the sender check for a set of trusted origins (the app origin, plus the dev server in development). */
export function createSenderCheck(trustedOrigins: readonly string[]): (event: IpcEventLike) => boolean {
  const trusted = new Set(trustedOrigins);
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    const origin = originOf(frame.url);
    return origin !== null && trusted.has(origin);
  };
}
