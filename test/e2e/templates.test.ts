/** Templates: each opens with the model summary the engine computes for it; the README screenshot is taken here. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { analyzeGraph, formatCount, modelSummary, parseDocument, TEMPLATES } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { clickCommand, expectCanvas, expectedCanvas, selectNode } from './designerPage';

const designer = useDesigner();

function readTemplate(file: string): ModelDocument {
  const parsed = parseDocument(JSON.parse(readFileSync(join(REPO_ROOT, 'templates', file), 'utf8')));
  if (!parsed.ok) throw new Error(`templates/${file} is invalid: ${parsed.error}`);
  return parsed.doc;
}

async function openTemplate(page: Page, id: string): Promise<void> {
  await clickCommand(page, 'file.newFromTemplate');
  await page.getByTestId(`template-${id}`).click();
  await page.getByTestId('template-picker').waitFor({ state: 'detached' });
}

/** The summary table as text, one array of cells per row. */
function readSummaryRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('model-summary')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')));
}

/** Waits until the viewport transform stops changing (fit-view animations have finished). */
async function waitForStillViewport(page: Page): Promise<void> {
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  let previous = '';
  await expect
    .poll(async () => {
      const now = await transform();
      const still = now === previous;
      previous = now;
      return still;
    }, { interval: 150 })
    .toBe(true);
}

describe('templates', () => {
  test('every template opens with its layers, shapes and summary totals', async () => {
    const page = await designer.open();
    for (const template of TEMPLATES) {
      const doc = readTemplate(template.file);
      const summary = modelSummary(doc, analyzeGraph(doc));
      await openTemplate(page, template.id);
      await expect.poll(() => page.getByTestId('document-title').textContent()).toBe(doc.name);
      await expectCanvas(page, expectedCanvas(doc));
      await expect.poll(() => page.getByTestId('summary-total-params').textContent()).toBe(summary.totalParams.toLocaleString('en-US'));
      expect(await page.getByTestId('summary-total-flops').textContent()).toBe(formatCount(summary.totalFlops));
      expect(await readSummaryRows(page)).toEqual(
        summary.rows.map((r) => [r.name, r.type, r.outputShape, r.params.toLocaleString('en-US'), formatCount(r.flops)]),
      );
    }
  });

  test('screenshot of the designer with a template loaded', async () => {
    const page = await designer.open();
    // The README shows the MNIST MLP with its hidden layer selected.
    await openTemplate(page, 'mlp-mnist');
    await clickCommand(page, 'view.zoomToFit');
    await waitForStillViewport(page);
    const hidden = readTemplate('mlp-mnist.json').nodes.find((n) => n.type === 'Dense')!.id;
    await selectNode(page, hidden);
    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
    const png = await page.screenshot({ path: join(REPO_ROOT, 'test-results/designer.png') });
    // A PNG of the full 1440×900 viewport.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1440);
    expect(png.readUInt32BE(20)).toBe(900);
  });
});
