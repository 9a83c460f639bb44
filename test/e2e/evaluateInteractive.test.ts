/**
 * Evaluate as people use it: a confusion-matrix cell lists exactly its samples (by mouse and by
 * keyboard), the sample grid pages through every mistake with the count the matrix gives, and a 2-D
 * model's decision map shows the test points and predicts wherever it is clicked. Screenshots of
 * Evaluate at two window sizes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { commitField, openTemplate, prepareMnist, readConfusion, readPredictionBars, RUN_TIMEOUT, startTraining, switchMode, waitForRunStatus } from './trainingPage';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results/e2e');
/** Samples per page of the grid (renderer/evaluation/samplePaging.ts). */
const PAGE = 20;
/** Fewer training images than the other MNIST tests: one epoch then leaves hundreds of mistakes to page through. */
const MNIST_TRAIN_SAMPLES = 2000;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

async function waitForEvaluation(page: Page): Promise<void> {
  await page.getByTestId('test-loss').waitFor({ timeout: RUN_TIMEOUT });
  await page.getByTestId('sample-range').waitFor();
}

/** The samples on the grid's page: test index, whether right, and whether drawn yet. */
function readSamples(page: Page): Promise<{ index: number; correct: boolean; caption: string; drawn: boolean }[]> {
  return page.getByTestId('sample-item').evaluateAll((items) =>
    items.map((item) => ({
      index: Number(item.getAttribute('data-index')),
      correct: item.getAttribute('data-correct') === 'true',
      caption: item.querySelector('.sample__caption')?.textContent?.trim() ?? '',
      drawn: item.querySelector('canvas, .sample__features:not(.muted)') !== null,
    })),
  );
}

const rangeLabel = (page: Page) => page.getByTestId('sample-range').textContent();
const range = (from: number, to: number, total: number) => `${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;

describe('interactive evaluation', () => {
  test('MNIST: a cell lists exactly its samples, and the grid pages through every mistake', async () => {
    const page = await designer.open();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await prepareMnist(page, { epochs: 1, samples: MNIST_TRAIN_SAMPLES });
    const runId = await startTraining(page);
    await waitForRunStatus(page, runId, ['completed'], 60_000);
    await switchMode(page, 'evaluate');
    await waitForEvaluation(page);

    const matrix = await readConfusion(page);
    const total = sum(matrix.map(sum));
    const wrong = total - sum(matrix.map((row, i) => row[i]));
    // Far more mistakes than one evaluation message carries samples (64): the count must not stop there.
    expect(wrong).toBeGreaterThan(200);
    expect(await page.getByTestId('sample-filter-errors').textContent()).toContain(wrong.toLocaleString('en-US'));
    expect(await rangeLabel(page)).toBe(range(1, PAGE, wrong));

    // Page through every mistake: each appears once, each page is drawn, and the pages add up to the matrix's count.
    const seen = new Set<number>();
    for (let p = 0; ; p++) {
      const to = Math.min(wrong, (p + 1) * PAGE);
      await expect.poll(() => rangeLabel(page)).toBe(range(p * PAGE + 1, to, wrong));
      await expect.poll(async () => (await readSamples(page)).every((s) => s.drawn), { timeout: 10_000 }).toBe(true);
      const samples = await readSamples(page);
      expect(samples).toHaveLength(to - p * PAGE);
      for (const s of samples) {
        expect(s.correct).toBe(false);
        seen.add(s.index);
      }
      if (to === wrong) break;
      await page.getByTestId('sample-next').click();
    }
    expect(seen.size).toBe(wrong);
    expect(await page.getByTestId('sample-next').isDisabled()).toBe(true);
    await page.getByTestId('sample-prev').click();
    await expect.poll(() => rangeLabel(page)).toBe(range(Math.floor((wrong - 1) / PAGE) * PAGE - PAGE + 1, Math.floor((wrong - 1) / PAGE) * PAGE, wrong));

    // The off-diagonal cell with the most samples: the grid lists exactly that many, each with that truth and prediction.
    let [truth, predicted] = [0, 1];
    matrix.forEach((row, t) => row.forEach((n, p) => t !== p && n > matrix[truth][predicted] && ([truth, predicted] = [t, p])));
    const count = matrix[truth][predicted];
    await page.getByTestId(`confusion-button-${truth}-${predicted}`).click();
    const label = page.getByTestId('sample-filter-label');
    await expect.poll(() => label.textContent()).toBe(`true ${truth} → predicted ${predicted}, ${count.toLocaleString('en-US')} sample${count === 1 ? '' : 's'}`);
    expect(await rangeLabel(page)).toBe(range(1, Math.min(PAGE, count), count));
    await expect.poll(async () => (await readSamples(page)).every((s) => s.drawn), { timeout: 10_000 }).toBe(true);
    const cell = await readSamples(page);
    expect(cell).toHaveLength(Math.min(PAGE, count));
    for (const s of cell) expect(s.caption).toMatch(new RegExp(`^${predicted} \\(is ${truth}\\)`));
    expect(await page.getByTestId(`confusion-button-${truth}-${predicted}`).getAttribute('aria-pressed')).toBe('true');

    mkdirSync(OUTPUT_DIR, { recursive: true });
    for (const size of [{ width: 1600, height: 1000 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      // From the top, then as far down as the sample grid needs to show whole.
      await page.getByTestId('evaluation-view').evaluate((el) => el.scrollTo(0, 0));
      await page.getByTestId('sample-grid').evaluate((el) => el.closest('.card')?.scrollIntoView({ block: 'nearest' }));
      await page.screenshot({ path: join(OUTPUT_DIR, `evaluate-${size.width}x${size.height}.png`) });
    }

    // The keyboard does the same: a diagonal cell, focused and activated with Enter, lists its right answers.
    const diagonal = page.getByTestId('confusion-button-1-1');
    await diagonal.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => label.textContent()).toBe(`true 1 → predicted 1, ${matrix[1][1].toLocaleString('en-US')} samples`);
    expect(await rangeLabel(page)).toBe(range(1, Math.min(PAGE, matrix[1][1]), matrix[1][1]));
    expect((await readSamples(page)).every((s) => s.correct)).toBe(true);

    // Clearing the filter goes back to the mistakes.
    // The grid is still fetching the cell's page; a click that lands on a header being redrawn is
    // repeated, as a person would.
    await expect
      .poll(async () => {
        const clear = page.getByTestId('sample-filter-clear');
        if ((await clear.count()) > 0) await clear.click({ timeout: 5_000 }).catch(() => undefined);
        return page.getByTestId('sample-filter-errors').count();
      }, { timeout: 60_000, interval: 1_000 })
      .toBe(1);
    expect(await rangeLabel(page)).toBe(range(1, PAGE, wrong));
  }, 240_000);

  test('two spirals: the decision map shows the test points and predicts where it is clicked', async () => {
    const page = await designer.open();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openTemplate(page, 'binary-2d');
    await switchMode(page, 'train');
    await commitField(page, 'setting-epochs', '40');
    const runId = await startTraining(page);
    await waitForRunStatus(page, runId, ['completed'], 60_000);
    await switchMode(page, 'evaluate');
    await waitForEvaluation(page);

    const map = page.getByTestId('evaluation-map-canvas');
    await map.waitFor();
    // The legend counts the crosses drawn for mistakes: the matrix's off-diagonal.
    const matrix = await readConfusion(page);
    const wrong = matrix[0][1] + matrix[1][0];
    expect(await page.getByTestId('evaluation-map').textContent()).toContain(`wrong (${wrong})`);

    // A click anywhere asks the model about that point; the readout names the input coordinates and the class.
    const readout = page.getByTestId('map-prediction');
    expect(await readout.textContent()).toContain('Click the map');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
    await expect.poll(() => page.getByTestId('prediction-bar').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => readout.textContent()).toMatch(/^At \(-?[\d.]+, -?[\d.]+\): [01]$/);
    const bars = await readPredictionBars(page);
    expect(bars.map((b) => b.label)).toEqual(['0', '1']);
    expect(Math.abs(sum(bars.map((b) => b.probability)) - 1)).toBeLessThan(0.002);
    const best = bars.find((b) => b.best)!;
    expect((await readout.textContent())!.endsWith(`: ${best.label}`)).toBe(true);
    // The point is in the map's lower left quarter: x below the middle of its range, y below the middle too.
    const [x, y] = (await readout.textContent())!.match(/\((-?[\d.]+), (-?[\d.]+)\)/)!.slice(1).map(Number);
    const axes = (await page.locator('.decision-map__axes').textContent())!.match(/-?[\d.]+/g)!.map(Number);
    expect(x).toBeLessThan((axes[0] + axes[1]) / 2);
    expect(y).toBeLessThan((axes[2] + axes[3]) / 2);

    // The arrow keys move the probe and predict again.
    const before = await readout.textContent();
    await map.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readout.textContent()).not.toBe(before);

    for (const size of [{ width: 1600, height: 1000 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(OUTPUT_DIR, `evaluate-2d-${size.width}x${size.height}.png`) });
    }
  });
});
