/**
 * Security settings that apply beyond a single window: the content security policy, permission
 * requests, and what any web contents may do (navigate, open windows, attach webviews).
 */

/**
 * The renderer's content security policy. Scripts only from the app itself; 'wasm-unsafe-eval' lets the
 * engine compile its WebAssembly kernels; inline styles because React Flow positions nodes with them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The development policy for the Vite dev server, which needs its websocket and inline refresh preamble. */
export function developmentContentSecurityPolicy(devOrigin: string): string {
  const socket = devOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' ${devOrigin}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${socket}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Only these links leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Permissions the app needs: writing to the clipboard (copying a model summary). Everything else is denied. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether a permission request or check is granted. */
export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission);
}

/** The part of Electron's Session hardened here. */
export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/** Denies every permission request and check except the few in GRANTED_PERMISSIONS. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}

/** The part of Electron's WebContents guarded here. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: { preventDefault(): void }, url?: unknown) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/**
 * The page may never navigate away, open a window or attach a webview. http(s) links are handed to the
 * system browser instead, after their scheme is checked (never file:, javascript: or custom schemes).
 */
export function guardWebContents(contents: GuardedContents, openExternal: (url: string) => unknown): void {
  const openIfSafe = (url: unknown): void => {
    if (typeof url === 'string' && isSafeExternalUrl(url)) void openExternal(url);
  };
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openIfSafe(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfSafe(url);
    return { action: 'deny' };
  });
}

/**
 * Applied to every web contents the app ever creates (app 'web-contents-created'), as a backstop:
 * no navigation, no webviews, no new windows. The main window's factory adds external-link handling.
 */
export function denyEverything(contents: GuardedContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
