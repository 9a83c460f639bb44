/**
 * Screenshots of importing a person's own data in the web build, in the test browser: a CSV through
 * the column picker (clean, then with a typo and a gap), training on it, and a folder of images per
 * class. Not a test: a tool for looking.
 * Build:  npx vite build --config renderer/vite.config.ts
 * Run:    npx tsx test/renderer/datasets/screenshot/shoot.ts /tmp/shots dist/renderer /tmp/iris.csv /tmp/iris-typo.csv /tmp/shapes
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../../../e2e/chromium';
import type { Page } from 'playwright-core';

const [outArg, buildArg, csvPath, typoPath, folderPath] = process.argv.slice(2);
const OUT = resolve(outArg ?? '/tmp/shots');
const BUILD = resolve(buildArg ?? 'dist/renderer');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = join(BUILD, path === '/' ? 'index.html' : path);
  if (!file.startsWith(BUILD)) return void res.writeHead(403).end();
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
  readFile(file).then(
    (body) => res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404, headers).end('not found'),
  );
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const browser = await launchChromium();
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUT, `${name}.png`) });

const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForSelector('[data-testid="mode-train"]');
await page.getByTestId('mode-train').click();

if (typoPath) {
  await page.getByTestId('import-csv-input').setInputFiles(typoPath);
  await page.waitForSelector('[data-testid="csv-import"]');
  await shot(page, 'csv-1-problems');
  await page.getByRole('button', { name: 'Cancel' }).click();
}
await page.getByTestId('import-csv-input').setInputFiles(csvPath);
await page.waitForSelector('[data-testid="csv-import"]');
await shot(page, 'csv-2-picker');
await page.getByTestId('csv-use').click();
await page.waitForSelector('[data-testid="csv-import"]', { state: 'detached' });
await page.waitForTimeout(800);
await shot(page, 'csv-3-selected');
for (let i = 0; i < 2 && (await page.getByTestId('dataset-fix').count()) > 0; i++) await page.getByTestId('dataset-fix').first().click();
await page.getByTestId('setting-epochs').fill('30');
await page.getByTestId('setting-epochs').press('Enter');
await page.waitForTimeout(500);
await page.getByTestId('train-start').click();
await page.waitForSelector('[data-testid="train-progress"][data-status="completed"], [data-testid="train-progress"][data-status="failed"]', { timeout: 120_000 });
await page.waitForTimeout(800);
await shot(page, 'csv-4-trained');

if (folderPath) {
  await page.getByTestId('import-folder-input').setInputFiles(folderPath);
  await page.waitForSelector('[data-testid="image-import"]');
  await shot(page, 'images-1-dialog');
  await page.getByTestId('image-import-use').click();
  await page.waitForSelector('[data-testid="image-import"]', { state: 'detached', timeout: 60_000 });
  await page.waitForTimeout(1200);
  await shot(page, 'images-2-selected');
}
// A reloaded window keeps the project (autosave) but not the imported data.
await page.waitForTimeout(2500);
await page.reload();
await page.waitForSelector('[data-testid="mode-train"]');
const restore = page.getByRole('button', { name: /restore|recover/i });
if ((await restore.count()) > 0) await restore.first().click();
await page.getByTestId('mode-train').click();
await page.waitForTimeout(800);
await shot(page, 'reopened-missing');
await browser.close();
server.close();
