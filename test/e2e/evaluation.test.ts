/**
 * Evaluating trained runs in the web build: MNIST's test-set accuracy, confusion matrix, per-class
 * scores and digits drawn on the "Try it" pad; two spirals' decision boundary while they train, and
 * their ROC curve. The numbers the views show are checked against each other, not against constants.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { findDataset } from '../../engine/data';
import { useDesigner } from './browser';
import type { PixelCounts } from './trainingPage';
import {
  canvasPixels,
  commitField,
  drawStroke,
  openTemplate,
  prepareMnist,
  readConfusion,
  readPercent,
  readPerClassTable,
  readChartAt,
  readEpochCounter,
  readPredictionBars,
  RUN_TIMEOUT,
  startTraining,
  switchMode,
  waitForRunStatus,
} from './trainingPage';

const designer = useDesigner();

/** The colour the decision-boundary canvas is cleared to before a map arrives (DecisionBoundary.tsx). */
const MAP_BACKGROUND: [number, number, number] = [20, 22, 27];

/** A one-decimal percentage differs from the fraction it shows by at most half a tenth of a percent. */
const PERCENT_ROUNDING = 0.0005 + 1e-9;

/**
 * Two spirals with a hundred times the template's points, so that an epoch takes long enough to pause
 * in and few epochs end per second; 20% of the points are the test set (the option's description says so).
 */
const SPIRAL_SAMPLES = 100_000;
const SPIRAL_TEST_SAMPLES = SPIRAL_SAMPLES * 0.2;
/** Finished epochs on SPIRAL_SAMPLES after which the arms are well apart (more steps than the template's 100 epochs). */
const LEARNED_EPOCHS = 2;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The area under an ROC curve as drawn: an SVG path "Mx,yLx,y…" whose x grows with the false-positive
 * rate and whose y falls as the true-positive rate grows. The curve runs from (0, 0) to (1, 1), so its
 * extent gives the scale. Trapezoids, as the AUC is computed.
 */
function areaUnderDrawnCurve(path: string): number {
  const points = path.slice(1).split('L').map((p) => p.split(',').map(Number));
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [x0, x1, yBottom, yTop] = [Math.min(...xs), Math.max(...xs), Math.max(...ys), Math.min(...ys)];
  const fpr = xs.map((x) => (x - x0) / (x1 - x0));
  const tpr = ys.map((y) => (yBottom - y) / (yBottom - yTop));
  expect([fpr[0], tpr[0], fpr[fpr.length - 1], tpr[tpr.length - 1]]).toEqual([0, 0, 1, 1]);
  let area = 0;
  for (let i = 1; i < points.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return area;
}

/** Waits for the Evaluate view's test-set results of the selected run. */
async function waitForEvaluation(page: Page): Promise<void> {
  await page.getByTestId('test-loss').waitFor({ timeout: RUN_TIMEOUT });
  expect(Number(await page.getByTestId('test-loss').textContent())).toBeGreaterThan(0);
}

/** Draws on the "Try it" pad and waits for a new set of prediction bars; returns the predicted label. */
async function drawAndPredict(page: Page, strokes: { x: number; y: number }[][]): Promise<string> {
  const pad = page.getByTestId('try-it-canvas');
  await page.getByTestId('try-it-clear').click();
  await expect.poll(() => page.getByTestId('prediction-bar').count()).toBe(0);
  for (const stroke of strokes) await drawStroke(page, pad, stroke);
  await expect.poll(() => page.getByTestId('prediction-bar').count(), { timeout: 10_000 }).toBe(10);
  const bars = await readPredictionBars(page);
  expect(bars.map((b) => b.label)).toEqual(findDataset('mnist')!.classes);
  // Ten probabilities, each shown to a tenth of a percent, that add up to one; exactly one is marked best.
  expect(Math.abs(sum(bars.map((b) => b.probability)) - 1)).toBeLessThanOrEqual(10 * PERCENT_ROUNDING);
  const best = bars.filter((b) => b.best);
  expect(best).toHaveLength(1);
  expect(best[0].probability).toBe(Math.max(...bars.map((b) => b.probability)));
  return best[0].label;
}

describe('evaluation', () => {
  test('MNIST: test accuracy, a 10×10 confusion matrix that agrees with the per-class table, and drawn digits recognised', async () => {
    const page = await designer.open();
    const mnist = findDataset('mnist')!;
    await prepareMnist(page, { epochs: 2 });
    const runId = await startTraining(page);
    await waitForRunStatus(page, runId, ['completed']);
    await switchMode(page, 'evaluate');
    expect(await page.getByTestId('evaluation-run').inputValue()).toBe(runId);
    await waitForEvaluation(page);
    const accuracy = await readPercent(page.getByTestId('test-accuracy'));
    expect(accuracy).toBeGreaterThan(0.8);

    // The whole test set lands in a 10×10 matrix whose diagonal is the test accuracy.
    const matrix = await readConfusion(page);
    expect(matrix).toHaveLength(10);
    for (const row of matrix) expect(row.every(Number.isInteger) && row.length === 10).toBe(true);
    const total = sum(matrix.map(sum));
    expect(total).toBe(mnist.testCount);
    const diagonal = matrix.map((row, i) => row[i]);
    expect(Math.abs(sum(diagonal) / total - accuracy)).toBeLessThanOrEqual(PERCENT_ROUNDING);

    // One table row per class; support, recall and precision are the matrix's rows and columns.
    const table = await readPerClassTable(page);
    expect(table.map((r) => r.name)).toEqual(mnist.classes);
    table.forEach((row, i) => {
      const rowTotal = sum(matrix[i]);
      const columnTotal = sum(matrix.map((r) => r[i]));
      expect(row.support).toBe(rowTotal);
      expect(Math.abs(row.recall - diagonal[i] / rowTotal)).toBeLessThanOrEqual(PERCENT_ROUNDING);
      expect(Math.abs(row.precision - diagonal[i] / columnTotal)).toBeLessThanOrEqual(PERCENT_ROUNDING);
    });

    // The samples grid puts mistakes first.
    const shown = await page.getByTestId('sample-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-correct')));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]).toBe('false');
    expect(shown).toEqual([...shown].sort()); // every 'false' before every 'true'

    // Try it: a vertical bar reads as a one; a bar across the top with a stroke down-left as a seven.
    expect(await drawAndPredict(page, [[{ x: 112, y: 40 }, { x: 112, y: 184 }]])).toBe('1');
    expect(await drawAndPredict(page, [[{ x: 60, y: 50 }, { x: 165, y: 50 }, { x: 95, y: 185 }]])).toBe('7');
  });

  test('two spirals: the decision boundary is drawn while the network trains, and Evaluate shows the ROC curve of the kept weights', async () => {
    const page = await designer.open();
    await openTemplate(page, 'binary-2d');
    await switchMode(page, 'train');
    expect(await page.getByTestId('dataset-item-spirals').getAttribute('aria-selected')).toBe('true');
    const map = page.getByTestId('decision-boundary').locator('canvas');
    // Before any run, the map is blank.
    const blank = await canvasPixels(map, MAP_BACKGROUND);
    expect(blank.background).toBe(blank.total);

    // Far more epochs than needed, so the run cannot end before it is paused (it is stopped later).
    await commitField(page, 'dataset-option-samples', String(SPIRAL_SAMPLES));
    await commitField(page, 'setting-epochs', '1000');
    const runId = await startTraining(page);
    // Pause once the first batches are in, to look at the map in the middle of the run.
    await expect.poll(async () => (await readChartAt(page, 'plot-loss', 'last')).step ?? 0, { timeout: RUN_TIMEOUT }).toBeGreaterThan(0);
    await page.getByTestId('train-pause').click();
    await waitForRunStatus(page, runId, ['paused']);
    // The map fills the canvas with both classes' colours (warm: class 0, cool: class 1).
    const isMap = (pixels: PixelCounts) => pixels.background === 0 && Math.min(pixels.warm, pixels.cool) > pixels.total / 10;
    await expect.poll(async () => isMap(await canvasPixels(map, MAP_BACKGROUND)), { timeout: 10_000 }).toBe(true);
    const midRun = await canvasPixels(map, MAP_BACKGROUND);

    await page.getByTestId('train-resume').click();
    await waitForRunStatus(page, runId, ['running']);
    // The counter shows the epoch in progress, so it passes LEARNED_EPOCHS once that many have finished.
    await expect.poll(async () => (await readEpochCounter(page))?.[0] ?? 0, { timeout: RUN_TIMEOUT }).toBeGreaterThan(LEARNED_EPOCHS);
    await page.getByTestId('train-stop').click();
    await waitForRunStatus(page, runId, ['stopped']);
    // By then the map has changed, and both classes still hold large regions.
    await expect.poll(async () => canvasPixels(map, MAP_BACKGROUND), { timeout: 10_000 }).not.toEqual(midRun);
    const learned = await canvasPixels(map, MAP_BACKGROUND);
    expect(learned.background).toBe(0);
    expect(Math.min(learned.warm, learned.cool)).toBeGreaterThan(learned.total / 5);

    await switchMode(page, 'evaluate');
    await waitForEvaluation(page);
    const roc = page.getByTestId('roc-plot');
    await roc.waitFor();
    // A binary model has one ROC curve; a network that learned the spirals ranks far better than chance.
    const auc = Number(await page.getByTestId('roc-auc').textContent());
    expect(auc).toBeGreaterThan(0.9);
    // The curve drawn is the one the AUC describes: from (0, 0) to (1, 1), enclosing that area.
    const drawnAuc = areaUnderDrawnCurve((await roc.locator('path').getAttribute('d')) ?? '');
    expect(Math.abs(drawnAuc - auc)).toBeLessThan(0.01);
    const matrix = await readConfusion(page);
    expect(matrix).toHaveLength(2);
    expect(sum(matrix.map(sum))).toBe(SPIRAL_TEST_SAMPLES);
    expect(sum((await readPerClassTable(page)).map((row) => row.support))).toBe(SPIRAL_TEST_SAMPLES);
  });
});
