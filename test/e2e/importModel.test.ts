/**
 * Importing models in the web build: a TF.js model.json with its shard and an ONNX file through
 * File › Import…, and an .onnx file dropped on the window. The canvas must show the layers the engine
 * reads from the same files, and Evaluate must run the imported weights on a dataset.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ModelFile } from '../../renderer/host/host';
import { readModelFiles } from '../../renderer/import/readModelFiles';
import { onnxFile, tfjsFiles } from '../support/importFixtures';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { clickCommand, dropLayer, expectCanvas, expectedCanvas, readCanvas } from './designerPage';
import { RUN_TIMEOUT, openTemplate, switchMode } from './trainingPage';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results/e2e');

const asUpload = (file: ModelFile) => ({ name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.data) });

/** Runs File › Import… and picks `files` in the chooser the web host shows. */
async function importThroughChooser(page: Page, files: ModelFile[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickCommand(page, 'file.import')]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(files.map(asUpload));
}

/** What the canvas must show for these files: the engine's own reading of them. */
function expectedFor(files: ModelFile[]) {
  const result = readModelFiles({ files });
  if (!result.ok) throw new Error(result.message);
  return { doc: result.doc, canvas: expectedCanvas(result.doc) };
}

/** Evaluates the selected (imported) run on its dataset and returns the shown test accuracy, 0..1. */
async function evaluateImported(page: Page, dataset: string): Promise<number> {
  await switchMode(page, 'evaluate');
  const select = page.getByTestId('evaluation-run');
  expect(await select.locator('option:checked').textContent()).toMatch(new RegExp(`^Imported weights — ${dataset} \\(completed\\)`));
  expect(await page.getByTestId('evaluation-dataset').inputValue()).toBe(dataset);
  await page.getByTestId('evaluate-run').click();
  await page.getByTestId('test-accuracy').waitFor({ timeout: RUN_TIMEOUT });
  expect(Number(await page.getByTestId('test-loss').textContent())).toBeGreaterThan(0);
  const accuracy = Number((await page.getByTestId('test-accuracy').textContent())!.replace('%', '')) / 100;
  expect(accuracy).toBeGreaterThanOrEqual(0);
  expect(accuracy).toBeLessThanOrEqual(1);
  return accuracy;
}

/** Drops `files` on the window the way a file manager does; checks the overlay shows while dragging. */
async function dropFiles(page: Page, files: ModelFile[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, bytes: Buffer.from(f.data).toString('base64') }));
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.bytes), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name));
    }
    (window as unknown as { __drop: DataTransfer }).__drop = transfer;
    const target = document.querySelector('.react-flow')!;
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }, payload);
  await page.getByTestId('file-drop-overlay').waitFor();
  await page.evaluate(() => {
    const transfer = (window as unknown as { __drop: DataTransfer }).__drop;
    document.querySelector('.react-flow')!.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  });
  await page.getByTestId('file-drop-overlay').waitFor({ state: 'detached' });
}

describe('importing models', () => {
  test('a TF.js model.json with its shard: layers on the canvas, named, evaluable on iris; a missing shard is named and changes nothing', async () => {
    const page = await designer.open();
    await openTemplate(page, 'mlp-mnist');
    // The template's three connections carry their shape labels once the canvas has measured the layers.
    await expect.poll(async () => Object.keys((await readCanvas(page)).edges).length).toBe(3);
    const before = await readCanvas(page);

    const files = tfjsFiles();
    await importThroughChooser(page, [files[0]]);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('group1-shard1of1.bin');
    expect(await page.getByTestId('notice').getAttribute('role')).toBe('alert');
    expect(await readCanvas(page)).toEqual(before);

    page.once('dialog', (dialog) => void dialog.accept());
    await importThroughChooser(page, files);
    const { doc, canvas } = expectedFor(files);
    await expectCanvas(page, canvas);
    expect(Object.keys(canvas.nodes).length).toBeGreaterThanOrEqual(4);
    expect(canvas.errors).toEqual([]);
    await expect.poll(() => page.getByTestId('document-title').textContent()).toContain(doc.name);
    await page.getByTestId('dirty-indicator').waitFor();

    await evaluateImported(page, 'iris');
  });

  test('an ONNX file through File › Import…, evaluated with its weights; screenshot', async () => {
    const page = await designer.open();
    await page.setViewportSize({ width: 1600, height: 1000 });
    const file = onnxFile();
    await importThroughChooser(page, [file]);
    const { canvas } = expectedFor([file]);
    await expectCanvas(page, canvas);
    await expect.poll(() => page.getByTestId('document-title').textContent()).toContain('iris-classifier');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Imported iris-classifier.onnx');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const png = await page.screenshot({ path: join(OUTPUT_DIR, 'import.png') });
    expect(png.readUInt32BE(16)).toBe(1600);
    expect(png.readUInt32BE(20)).toBe(1000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const small = await page.screenshot({ path: join(OUTPUT_DIR, 'import-1280x800.png') });
    expect(small.readUInt32BE(16)).toBe(1280);

    await evaluateImported(page, 'iris');
  });

  test('an .onnx file dropped on the window imports it; palette drags still add layers', async () => {
    const page = await designer.open();
    const file = onnxFile(undefined, 'dropped-iris.onnx');
    await dropFiles(page, [file]);
    const { canvas } = expectedFor([file]);
    await expectCanvas(page, canvas);
    await expect.poll(() => page.getByTestId('document-title').textContent()).toContain('dropped-iris');

    const id = await dropLayer(page, 'Dense', { x: 300, y: 500 });
    await expect.poll(async () => Object.keys((await readCanvas(page)).nodes)).toContain(id);
    expect(await page.getByTestId('file-drop-overlay').count()).toBe(0);
  });
});
