/**
 * Serves the built renderer from app://netwright/ instead of file://. A custom scheme gives the page a
 * real origin (so 'self' in the CSP and the IPC sender check mean "the app"), lets every response carry
 * the CSP and cross-origin isolation headers, and confines reads to the renderer's own folder.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './ipc/senders';
import { CONTENT_SECURITY_POLICY } from './security';

/** Privileges for Electron's protocol.registerSchemesAsPrivileged, called before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // standard + secure: module scripts, workers, fetch and a proper origin; no CORS bypass, no service workers.
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every app response: the CSP, and isolation so the engine may use SharedArrayBuffer. */
export function appResponseHeaders(filePath: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * The file under `rootDir` an app:// URL names, or null when the URL is for another host or tries to
 * escape the folder ("..", encoded separators, absolute paths).
 */
export function resolveAppRequest(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, `.${relative}`);
  return resolved.startsWith(root + path.sep) ? resolved : null;
}

/** The handler for protocol.handle(APP_SCHEME, …): the file with its headers, or 404. */
export function createAppProtocolHandler(rootDir: string): (request: { url: string }) => Promise<Response> {
  return async (request) => {
    const filePath = resolveAppRequest(request.url, rootDir);
    if (!filePath) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(filePath);
      return new Response(new Uint8Array(body), { status: 200, headers: appResponseHeaders(filePath) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
