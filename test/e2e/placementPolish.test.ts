/**
 * Placement and polish: layers land where they are dropped and never on each other; palette clicks
 * chain layers after the selection; the empty canvas says what to do; counts read "1 unit"; shape
 * labels are never cut by close layers; a CSV keeps its column names; the model is named after its
 * dataset or file; dropdowns match the dark theme. Screenshots of the designer at two window sizes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createEmptyDocument, defaultParams, edgeIdFor, formatShape, serializeProject } from '../../engine/model';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { clickCommand, connectNodes, dropLayer, newDocument, readCanvas, selectNode, setParam } from './designerPage';
import { chooseDataset, openTemplate, switchMode } from './trainingPage';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results/e2e');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const nodeBox = async (page: Page, id: string): Promise<Box> => {
  const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  if (!box) throw new Error(`layer ${id} has no box`);
  return box;
};

const contains = (box: Box, point: { x: number; y: number }) => point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every layer's on-screen box, by id. */
async function allBoxes(page: Page): Promise<Record<string, Box>> {
  const ids = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!));
  const boxes: Record<string, Box> = {};
  for (const id of ids) boxes[id] = await nodeBox(page, id);
  return boxes;
}

/** Pairs of layers that overlap on screen. */
async function overlapping(page: Page): Promise<string[]> {
  const boxes = Object.entries(await allBoxes(page));
  return boxes.flatMap(([a, boxA], i) => boxes.slice(i + 1).filter(([, boxB]) => intersects(boxA, boxB)).map(([b]) => `${a}/${b}`));
}

/** The pane's top-left on the page, to turn drop points (pane pixels) into page pixels. */
async function paneOrigin(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no canvas');
  return { x: box.x, y: box.y };
}

const selectedIds = (page: Page) => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!));

describe('placement', () => {
  test('a layer dropped on an empty canvas stays under the cursor, and the next one lands where it is dropped', async () => {
    const page = await designer.open();
    await newDocument(page);
    const origin = await paneOrigin(page);
    const first = { x: 260, y: 180 };
    const input = await dropLayer(page, 'Input', first);
    const firstOnPage = { x: origin.x + first.x, y: origin.y + first.y };
    expect(contains(await nodeBox(page, input), firstOnPage)).toBe(true);
    // Nothing re-centres the view afterwards (it used to jump once the first layer was measured).
    const settled = await nodeBox(page, input);
    await page.waitForTimeout(600);
    expect(await nodeBox(page, input)).toEqual(settled);

    const second = { x: 620, y: 380 };
    const dense = await dropLayer(page, 'Dense', second);
    expect(contains(await nodeBox(page, dense), { x: origin.x + second.x, y: origin.y + second.y })).toBe(true);
    expect(await nodeBox(page, input)).toEqual(settled);
    expect(await overlapping(page)).toEqual([]);
  });

  test('clicking Dense, Dense, Output after a selected Input builds a wired chain left to right; one undo removes the last layer and its connection', async () => {
    const page = await designer.open();
    await newDocument(page);
    const input = await dropLayer(page, 'Input', { x: 160, y: 200 });
    await selectNode(page, input);
    const chain = [input];
    for (const type of ['Dense', 'Dense', 'Output'] as const) {
      const before = Object.keys(await allBoxes(page));
      await page.getByTestId(`palette-item-${type}`).click();
      await expect.poll(async () => (await selectedIds(page)).filter((id) => !before.includes(id)).length).toBe(1);
      chain.push((await selectedIds(page))[0]);
    }
    const canvas = await readCanvas(page);
    for (let i = 1; i < chain.length; i++) expect(Object.keys(canvas.edges)).toContain(edgeIdFor(chain[i - 1], chain[i], 0));
    expect(await overlapping(page)).toEqual([]);
    const boxes = await allBoxes(page);
    for (let i = 1; i < chain.length; i++) expect(boxes[chain[i]].x).toBeGreaterThan(boxes[chain[i - 1]].x + boxes[chain[i - 1]].width);
    expect(canvas.errors).toEqual([]);

    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator(`.react-flow__node[data-id="${chain[3]}"]`).count()).toBe(0);
    expect(Object.keys((await readCanvas(page)).edges).sort()).toEqual([edgeIdFor(chain[0], chain[1], 0), edgeIdFor(chain[1], chain[2], 0)].sort());
  });

  test('copies pasted twice and a layer clicked in with nothing selected never land on other layers', async () => {
    const page = await designer.open();
    await openTemplate(page, 'mlp-mnist');
    const ids = Object.keys(await allBoxes(page));
    await selectNode(page, ids[1]);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(async () => Object.keys(await allBoxes(page)).length).toBe(ids.length + 1);
    await page.keyboard.press('Control+v');
    await expect.poll(async () => Object.keys(await allBoxes(page)).length).toBe(ids.length + 2);
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.getByTestId('palette-item-Dropout').click();
    await expect.poll(async () => Object.keys(await allBoxes(page)).length).toBe(ids.length + 3);
    expect(await overlapping(page)).toEqual([]);
    // The Dropout clicked in with nothing selected is in view.
    const dropout = (await selectedIds(page))[0];
    const pane = await page.locator('.react-flow__pane').boundingBox();
    const box = await nodeBox(page, dropout);
    expect(box.x >= pane!.x && box.y >= pane!.y && box.x + box.width <= pane!.x + pane!.width && box.y + box.height <= pane!.y + pane!.height).toBe(true);
  });
});

describe('polish', () => {
  test('the empty canvas shows a hint with a Templates button, gone once a layer is on it', async () => {
    const page = await designer.open();
    await newDocument(page);
    const hint = page.getByTestId('canvas-empty-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toMatch(/Drag layers here from the palette, or pick a template/);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.screenshot({ path: join(OUTPUT_DIR, 'designer-empty-hint.png') });
    await page.getByTestId('canvas-empty-templates').click();
    await page.getByTestId('template-picker').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('template-picker').waitFor({ state: 'detached' });
    // The hint lets drops through to the canvas.
    await dropLayer(page, 'Dense', { x: 500, y: 300 });
    await expect.poll(() => hint.count()).toBe(0);
  });

  test('numbers meet nouns in the right number', async () => {
    const page = await designer.open();
    await newDocument(page);
    const dense = await dropLayer(page, 'Dense', { x: 300, y: 200 });
    await selectNode(page, dense);
    await setParam(page, 'units', '1');
    const describe = page.locator(`.react-flow__node[data-id="${dense}"] .layer-node__describe`);
    await expect.poll(() => describe.textContent()).toMatch(/^1 unit( ·|$)/);
    await setParam(page, 'units', '2');
    await expect.poll(() => describe.textContent()).toMatch(/^2 units/);
    const output = await dropLayer(page, 'Output', { x: 700, y: 200 });
    await selectNode(page, dense);
    await page.locator(`.react-flow__node[data-id="${output}"] .layer-node__header`).click({ modifiers: ['Control'] });
    await expect.poll(() => page.getByTestId('inspector').textContent()).toMatch(/2 items selected/);
    expect(await page.locator('.tabs__totals').textContent()).toMatch(/^\d[\d,]* parameters? ·/);
  });

  test('a shape label between close layers is never cut: a marker shows the shape on hover, above the layers', async () => {
    const page = await designer.open();
    await newDocument(page);
    const input = await dropLayer(page, 'Input', { x: 200, y: 200 });
    const inputBox = await nodeBox(page, input);
    const origin = await paneOrigin(page);
    // Dense dropped so a small gap separates it from Input, less than the label needs.
    const dense = await dropLayer(page, 'Dense', { x: inputBox.x - origin.x + inputBox.width * 1.5 + 24, y: 200 });
    const denseBox = await nodeBox(page, dense);
    const output = await dropLayer(page, 'Output', { x: denseBox.x - origin.x + denseBox.width * 1.5 + 120, y: 200 });
    const close = await connectNodes(page, input, dense);
    const far = await connectNodes(page, dense, output);
    const boxes = await allBoxes(page);
    for (const id of [close, far]) {
      const label = page.getByTestId(`edge-shape-${id}`);
      const compact = (await label.getAttribute('class'))!.includes('is-compact');
      const box = (await label.boundingBox())!;
      if (!compact) for (const node of Object.values(boxes)) expect(intersects(box, node)).toBe(false);
    }
    const marker = page.getByTestId(`edge-shape-${close}`);
    expect(await marker.getAttribute('class')).toMatch(/is-compact/);
    expect(await marker.getAttribute('title')).toBe(formatShape(defaultParams('Input').shape as number[]));
    await marker.hover();
    const shown = (await marker.boundingBox())!;
    expect(await marker.locator('.shape-edge__text').isVisible()).toBe(true);
    // The whole label is on top: the element at each end of it is the label itself.
    const onTop = await page.evaluate(
      ({ box, id }) =>
        [box.x + 2, box.x + box.width - 2].every((x) => document.elementFromPoint(x, box.y + box.height / 2)?.closest(`[data-testid="edge-shape-${id}"]`) !== null),
      { box: shown, id: close },
    );
    expect(onTop).toBe(true);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const around = Object.values(boxes).reduce((a, b) => ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), right: Math.max(a.right, b.x + b.width), bottom: Math.max(a.bottom, b.y + b.height) }), { x: Infinity, y: Infinity, right: 0, bottom: 0 });
    await page.screenshot({ path: join(OUTPUT_DIR, 'designer-close-layers.png'), clip: { x: around.x - 20, y: around.y - 40, width: around.right - around.x + 40, height: around.bottom - around.y + 80 } });
    expect(await page.getByTestId(`edge-shape-${far}`).getAttribute('class')).not.toMatch(/is-compact/);
  });

  test('a CSV keeps its column names in the preview, and an unnamed model follows its dataset until the person names it', async () => {
    const page = await designer.open();
    await openTemplate(page, 'mlp-mnist');
    await switchMode(page, 'train');
    await chooseDataset(page, 'iris');
    const title = page.getByTestId('document-title');
    await expect.poll(() => title.textContent()).toMatch(/iris classifier/);

    const rows = Array.from({ length: 30 }, (_, i) => `${(4 + (i % 7) * 0.4).toFixed(1)},${(1 + (i % 5) * 0.7).toFixed(1)},${(0.2 + (i % 3) * 0.6).toFixed(1)},${['setosa', 'versicolor', 'virginica'][i % 3]}`);
    const csv = ['sepal length,petal length,petal width,species', ...rows].join('\n');
    await page.getByTestId('import-csv-input').setInputFiles({ name: 'garden_flowers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('csv-import').waitFor();
    await page.getByTestId('csv-use').click();
    await page.getByTestId('csv-import').waitFor({ state: 'detached' });
    const header = page.getByTestId('dataset-preview-table').locator('thead th');
    await expect.poll(() => header.allTextContents(), { timeout: 15_000 }).toEqual(['sepal length', 'petal length', 'petal width', 'species']);
    await expect.poll(() => title.textContent()).toMatch(/garden flowers classifier/);

    await switchMode(page, 'design');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    const name = page.getByTestId('document-name');
    await name.fill('My flowers');
    await name.press('Enter');
    await switchMode(page, 'train');
    await chooseDataset(page, 'wine');
    await expect.poll(() => title.textContent()).toMatch(/My flowers/);
  });

  test('an opened file without a name is named after the file', async () => {
    const page = await designer.open();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickCommand(page, 'file.open')]);
    await chooser.setFiles({ name: 'spiral-net.netwright.json', mimeType: 'application/json', buffer: Buffer.from(serializeProject(createEmptyDocument())) });
    await expect.poll(() => page.getByTestId('document-title').textContent()).toMatch(/spiral-net/);
  });

  test('dropdowns are drawn for the dark theme', async () => {
    const page = await designer.open();
    const style = await page.getByTestId('layout-direction').evaluate((el) => {
      const s = getComputedStyle(el);
      const option = getComputedStyle(el.querySelector('option')!);
      return { scheme: s.colorScheme, appearance: s.appearance, background: s.backgroundColor, color: s.color, optionBackground: option.backgroundColor };
    });
    expect(style).toEqual({ scheme: 'dark', appearance: 'none', background: 'rgb(35, 39, 49)', color: 'rgb(228, 231, 238)', optionBackground: 'rgb(35, 39, 49)' });
    await page.getByTestId('layout-direction').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.getByTestId('layout-direction').evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
    // The Train view's settings are mostly dropdowns: a screenshot to look at them in place.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await switchMode(page, 'train');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'dropdowns-train-view.png') });
  });

  test('screenshots of the designer at 1600×1000 and 1280×800', async () => {
    const page = await designer.open();
    await openTemplate(page, 'mlp-mnist');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    for (const size of [{ width: 1600, height: 1000 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await clickCommand(page, 'view.zoomToFit');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(OUTPUT_DIR, `designer-${size.width}x${size.height}.png`) });
    }
  });
});
