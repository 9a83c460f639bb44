import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppRequest } from '../../electron/appProtocol';

let root: string;
beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'netwright-app-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Netwright</title>');
  await writeFile(path.join(root, 'assets', 'kernels.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(path.join(base, 'secret.txt'), 'outside');
});
afterAll(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('app:// protocol', () => {
  it('serves the renderer with the CSP and cross-origin isolation headers', async () => {
    const handle = createAppProtocolHandler(root);
    const page = await handle({ url: 'app://netwright/index.html' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Netwright</title>');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(eval|inline)'/);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('serves WebAssembly as application/wasm, so streaming compilation works', async () => {
    const wasm = await createAppProtocolHandler(root)({ url: 'app://netwright/assets/kernels.wasm' });
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('serves index.html for the root and 404 for missing files', async () => {
    const handle = createAppProtocolHandler(root);
    expect((await handle({ url: 'app://netwright/' })).status).toBe(200);
    expect((await handle({ url: 'app://netwright/nope.js' })).status).toBe(404);
  });

  it.each([
    'app://netwright/../secret.txt',
    'app://netwright/%2e%2e/secret.txt',
    'app://netwright/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://netwright/..%5csecret.txt',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://netwright/%00index.html',
  ])('never reads outside the renderer folder: %s', async (url) => {
    const resolved = resolveAppRequest(url, root);
    // The URL parser may normalise ".." away (app://netwright/secret.txt); what matters is the folder.
    if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    const response = await createAppProtocolHandler(root)({ url });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });
});
