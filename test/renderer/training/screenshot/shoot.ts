/**
 * Screenshots of the Train and Evaluate views in the test browser, training for real in the web
 * build's Web Worker: serves a web build (it carries its datasets/ folder), trains MNIST and spirals,
 * provokes a NaN loss, and writes PNGs to the output folder. Not a test: a tool for looking.
 * Build:  npx vite build --config renderer/vite.config.ts --outDir /tmp/nw-build --emptyOutDir
 * Run:    npx tsx test/renderer/training/screenshot/shoot.ts /tmp/shots /tmp/nw-build
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../../../e2e/chromium';
import type { Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../../../..');
const OUT = resolve(process.argv[2] ?? '/tmp/shots');
const BUILD = resolve(process.argv[3] ?? join(ROOT, 'dist/renderer'));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.ts': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

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

async function scenario(name: string, template: string, dataset: string, epochs: number, steps: (page: Page) => Promise<void>) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.log(`[${name}] console:`, m.text()));
  page.on('pageerror', (e) => console.log(`[${name}] pageerror:`, e.message));
  await page.goto(url);
  await page.waitForSelector('[data-testid="mode-train"]');
  if (template !== 'mlp-mnist') {
    // The web build opens on the MNIST MLP; other templates come from the picker.
    await page.getByTestId('cmd-file.newFromTemplate').click();
    await page.getByTestId(`template-${template}`).click();
    await page.waitForTimeout(500);
  }
  await page.getByTestId('mode-train').click();
  await page.getByTestId(`dataset-item-${dataset}`).click();
  await page.getByTestId('setting-epochs').fill(String(epochs));
  await page.getByTestId('setting-epochs').press('Enter');
  await page.waitForTimeout(800);
  await page.locator('.train-side').evaluate((el) => el.scrollTo(0, 0));
  await shot(page, `${name}-0-settings`);
  const t0 = Date.now();
  await page.getByTestId('train-start').click();
  try {
    await steps(page);
  } catch (err) {
    await shot(page, `${name}-failed`);
    throw err;
  }
  console.log(`[${name}] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await page.close();
}

await scenario('mnist', 'mlp-mnist', 'mnist', 3, async (page) => {
  await page.waitForSelector('[data-testid="train-progress"][data-status="running"]', { timeout: 60_000 });
  await page.waitForTimeout(2500);
  await page.getByTestId('train-pause').click();
  await page.waitForSelector('[data-testid="train-progress"][data-status="paused"]', { timeout: 30_000 });
  await shot(page, 'mnist-1a-paused');
  await page.getByTestId('train-resume').click();
  await page.waitForTimeout(1500);
  await shot(page, 'mnist-1-training');
  await page.waitForSelector('[data-testid="train-progress"][data-status="completed"], [data-testid="train-progress"][data-status="failed"]', { timeout: 300_000 });
  await page.waitForTimeout(500);
  await shot(page, 'mnist-2-trained');
  await page.getByTestId('mode-evaluate').click();
  await page.waitForSelector('[data-testid="confusion-matrix"]', { timeout: 30_000 });
  const pad = page.getByTestId('try-it-canvas');
  const box = await pad.boundingBox();
  if (box) {
    // A "7": a bar across the top and a stroke down to the left.
    await page.mouse.move(box.x + 60, box.y + 50);
    await page.mouse.down();
    await page.mouse.move(box.x + 165, box.y + 50, { steps: 10 });
    await page.mouse.move(box.x + 95, box.y + 185, { steps: 12 });
    await page.mouse.up();
  }
  await page.waitForSelector('[data-testid="prediction-bar"]', { timeout: 30_000 });
  await page.waitForTimeout(300);
  await shot(page, 'mnist-3-evaluate');
  await page.mouse.wheel(0, 900);
  await page.waitForTimeout(300);
  await shot(page, 'mnist-4-evaluate-samples');
});

await scenario('spirals', 'binary-2d', 'spirals', 40, async (page) => {
  await page.waitForTimeout(4000);
  await shot(page, 'spirals-1-training');
  await page.waitForSelector('[data-testid="train-progress"][data-status="completed"], [data-testid="train-progress"][data-status="earlyStopping"], [data-testid="train-progress"][data-status="failed"]', { timeout: 300_000 });
  await page.waitForTimeout(800);
  await shot(page, 'spirals-2-trained');
  const firstRun = await page.locator('[data-testid^="run-item-"]').first().getAttribute('data-testid');
  await page.getByTestId('setting-learningRate').fill('0.03');
  await page.getByTestId('setting-learningRate').press('Enter');
  await page.getByTestId('train-start').click();
  await page.getByTestId(firstRun?.replace('run-item-', 'run-overlay-') ?? '').check();
  await page.waitForTimeout(2500);
  await shot(page, 'spirals-2a-second-run-overlay');
  await page.waitForSelector('[data-testid="train-progress"][data-status="completed"], [data-testid="train-progress"][data-status="earlyStopping"]', { timeout: 300_000 });
  await page.getByTestId('mode-evaluate').click();
  await page.waitForSelector('[data-testid="roc-plot"]', { timeout: 60_000 });
  await page.waitForTimeout(300);
  await shot(page, 'spirals-3-evaluate');
});

await scenario('nan', 'mlp-mnist', 'mnist', 4, async (page) => {
  // After a good first run, raise the learning rate absurdly and train again: the loss turns NaN.
  await page.waitForSelector('[data-testid="train-progress"]:not([data-status="running"]):not([data-status="starting"])', { timeout: 120_000 });
  await page.getByTestId('dataset-option-samples').fill('6000');
  await page.getByTestId('dataset-option-samples').press('Enter');
  await page.getByTestId('setting-optimizer').selectOption('sgd');
  await page.getByTestId('setting-learningRate').fill('5000');
  await page.getByTestId('setting-learningRate').press('Enter');
  await page.getByTestId('train-start').click();
  await page.waitForSelector('[data-testid="training-error"]', { timeout: 120_000 });
  await page.waitForTimeout(500);
  await shot(page, 'nan-1-error');
  await page.getByTestId('mode-evaluate').click();
  await page.waitForTimeout(2500);
  await shot(page, 'nan-2-evaluate');
});

await browser.close();
server.close();
