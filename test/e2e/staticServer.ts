/**
 * A small static file server for the built web renderer. It sends the cross-origin isolation headers
 * (COOP/COEP) a browser requires before it hands a page SharedArrayBuffer, so threaded WebAssembly
 * behaves in tests as it does when the app is deployed with those headers.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const MIME_TYPES: Record<string, string> = {
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

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** A running server; `url` ends with a slash. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** The file a request path maps to inside `root`, or null when it would escape `root`. */
function resolveInside(root: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null;
  }
  const file = resolve(root, `.${normalize(pathname)}`);
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function respond(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...ISOLATION_HEADERS, Allow: 'GET, HEAD' }).end();
    return;
  }
  let file = resolveInside(root, request.url ?? '/');
  if (file === null) {
    response.writeHead(403, ISOLATION_HEADERS).end('Forbidden');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (info?.isDirectory()) file = join(file, 'index.html');
  const body = await readFile(file).catch(() => null);
  if (body === null) {
    response.writeHead(404, { ...ISOLATION_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  response.writeHead(200, { ...ISOLATION_HEADERS, 'Content-Type': type, 'Content-Length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Serves `directory` on 127.0.0.1 at a free port. */
export async function serveDirectory(directory: string): Promise<StaticServer> {
  const root = resolve(directory);
  const server = createServer((request, response) => {
    respond(root, request, response).catch((err: unknown) => {
      if (!response.headersSent) response.writeHead(500, ISOLATION_HEADERS);
      response.end(String(err));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
