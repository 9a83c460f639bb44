/**
 * Driving the Train and Evaluate workspaces the way a person does (mode tabs, dataset list, settings
 * fields, run buttons, drawing pad) and reading back what they show: run status and metrics, the
 * values the live plots draw (through the chart legend under the mouse), and the pixels of canvases.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { clickCommand } from './designerPage';

/** How long a run may take to reach a state; runs in these tests take seconds, a loaded machine more. */
export const RUN_TIMEOUT = 30_000;

/** Statuses a run ends in (see renderer/training/runs.ts). */
export type FinalStatus = 'completed' | 'stopped' | 'earlyStopping' | 'failed';
export type RunStatus = 'starting' | 'running' | 'paused' | FinalStatus;

/** Opens a template from the picker and waits for the picker to close. */
export async function openTemplate(page: Page, id: string): Promise<void> {
  await clickCommand(page, 'file.newFromTemplate');
  await page.getByTestId(`template-${id}`).click();
  await page.getByTestId('template-picker').waitFor({ state: 'detached' });
}

const MODE_VIEWS = { design: '.react-flow', train: '[data-testid="train-view"]', evaluate: '[data-testid="evaluation-view"]' } as const;

/** Switches the workspace with the mode bar and waits for its view. */
export async function switchMode(page: Page, mode: keyof typeof MODE_VIEWS): Promise<void> {
  await page.getByTestId(`mode-${mode}`).click();
  await page.locator(MODE_VIEWS[mode]).waitFor({ state: 'visible' });
}

/** Picks a dataset in the Train view's list and waits until it shows as chosen. */
export async function chooseDataset(page: Page, id: string): Promise<void> {
  const item = page.getByTestId(`dataset-item-${id}`);
  await item.click();
  await expect.poll(() => item.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
}

/**
 * Types into a settings or dataset-option field (e.g. `setting-epochs`, `dataset-option-samples`) and
 * commits with Enter; waits until the committed value shows and the field reports no problem.
 */
export async function commitField(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press('Enter');
  await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('false');
  // Enter commits to the document; the field then shows the document's value, which must be ours.
  await expect.poll(async () => Number(await field.inputValue()), { timeout: 10_000 }).toBe(Number(value));
}

/** The ids of the runs in the history list, newest first. */
export function runIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid^="run-item-"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')!.slice('run-item-'.length)));
}

/** Presses Train and returns the id of the run it started (the newest one in the history). */
export async function startTraining(page: Page): Promise<string> {
  const before = new Set(await runIds(page));
  const button = page.getByTestId('train-start');
  await expect.poll(() => button.isEnabled(), { timeout: 10_000 }).toBe(true);
  await button.click();
  let created: string[] = [];
  await expect
    .poll(async () => {
      created = (await runIds(page)).filter((id) => !before.has(id));
      return created.length;
    }, { timeout: 10_000 })
    .toBe(1);
  return created[0];
}

/** The run's status as its history row shows it. */
export function runStatus(page: Page, runId: string): Promise<string | null> {
  return page.getByTestId(`run-item-${runId}`).getAttribute('data-status');
}

/** Waits until the run is in one of `statuses`; fails at once if it failed when that was not expected. */
export async function waitForRunStatus(page: Page, runId: string, statuses: RunStatus[], timeout = RUN_TIMEOUT): Promise<RunStatus> {
  let status: string | null = null;
  await expect
    .poll(async () => {
      status = await runStatus(page, runId);
      if (status === 'failed' && !statuses.includes('failed')) {
        const error = await page.getByTestId('training-error').textContent().catch(() => '');
        throw new Error(`The run failed: ${error}`);
      }
      return statuses.includes(status as RunStatus);
    }, { timeout, interval: 100 })
    .toBe(true);
  return status as unknown as RunStatus;
}

/** What a run's history row says: loss and accuracy of the kept epoch, and which epoch that is. */
export interface RunRow {
  loss: number | null;
  /** A fraction, 0..1. */
  accuracy: number | null;
  bestEpoch: number | null;
  error: string | null;
}

export async function readRunRow(page: Page, runId: string): Promise<RunRow> {
  const item = page.getByTestId(`run-item-${runId}`);
  const metrics = (await item.locator('.run__metrics').textContent()) ?? '';
  const number = (pattern: RegExp) => {
    const match = pattern.exec(metrics);
    return match ? Number(match[1]) : null;
  };
  const accuracy = number(/acc ([\d.]+)%/);
  const error = (await item.locator('.run__error').count()) > 0 ? await item.locator('.run__error').textContent() : null;
  return { loss: number(/loss ([\d.e+-]+)/), accuracy: accuracy === null ? null : accuracy / 100, bestEpoch: number(/best epoch (\d+)/), error };
}

/** The progress read-out's epoch counter, e.g. [2, 5] for "Epoch 2/5". */
export async function readEpochCounter(page: Page): Promise<[number, number] | null> {
  const text = (await page.getByTestId('train-epoch').first().textContent()) ?? '';
  const match = /Epoch (\d+)\/(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** Values a chart's legend shows, by series label (the x axis included under its own label). */
export type LegendValues = Record<string, number | null>;

export async function legendValues(chart: Locator): Promise<LegendValues> {
  return chart.locator('.u-legend .u-series').evaluateAll((rows) => {
    const out: Record<string, number | null> = {};
    for (const row of rows) {
      const label = row.querySelector('.u-label')?.textContent?.trim() ?? '';
      const text = row.querySelector('.u-value')?.textContent?.trim() ?? '';
      const value = Number(text);
      out[label] = text === '' || !Number.isFinite(value) ? null : value;
    }
    return out;
  });
}

/**
 * Points the mouse at the left or right edge of a chart's plotting area and returns what its legend
 * shows there: the first or last plotted point of each series. This reads the data the chart drew.
 */
export async function readChartAt(page: Page, chartTestId: string, edge: 'first' | 'last'): Promise<LegendValues> {
  const chart = page.getByTestId(chartTestId);
  const area = chart.locator('.u-over');
  const box = await area.boundingBox();
  if (!box) throw new Error(`${chartTestId} has no plotting area on screen.`);
  const x = edge === 'first' ? box.x + 1 : box.x + box.width - 1;
  await page.mouse.move(x, box.y + box.height / 2);
  return legendValues(chart);
}

/** Moves the mouse off every chart, so the legends stop following it. */
export async function moveMouseAway(page: Page): Promise<void> {
  await page.mouse.move(2, 2);
}

/** A canvas's pixels sorted by colour: the background, warm (red over blue), cool (blue over red), the rest. */
export interface PixelCounts {
  background: number;
  warm: number;
  cool: number;
  other: number;
  total: number;
}

/** Counts a canvas's pixels (device pixels) by colour; `background` is the RGB the canvas is cleared to. */
export async function canvasPixels(canvas: Locator, background: [number, number, number]): Promise<PixelCounts> {
  return canvas.evaluate((el, bg) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const counts = { background: 0, warm: 0, cool: 0, other: 0, total: data.length / 4 };
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) <= 12) counts.background++;
      else if (r > b + 20) counts.warm++;
      else if (b > r + 20) counts.cool++;
      else counts.other++;
    }
    return counts;
  }, background);
}

/** Draws one stroke with the mouse through `points`, given in pixels from the element's top-left corner. */
export async function drawStroke(page: Page, target: Locator, points: { x: number; y: number }[]): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('The drawing target is not on screen.');
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first.x, box.y + first.y);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(box.x + p.x, box.y + p.y, { steps: 8 });
  await page.mouse.up();
}

/** What the per-epoch chart shows for one epoch. */
export interface EpochPoint {
  epoch: number;
  trainLoss: number | null;
  valLoss: number | null;
  trainAccuracy: number | null;
  valAccuracy: number | null;
}

/**
 * Reads every epoch of the per-epoch chart by pointing at each one in turn. The chart's x range is
 * [0.75, max(2, epochs) + 0.25] (see UPlotChart's integerX), and its legend names the epoch the mouse
 * snapped to, which is checked.
 */
export async function readEpochChart(page: Page, epochs: number): Promise<EpochPoint[]> {
  const chart = page.getByTestId('plot-epochs');
  const box = await chart.locator('.u-over').boundingBox();
  if (!box) throw new Error('The per-epoch chart has no plotting area on screen.');
  const [min, max] = [0.75, Math.max(2, epochs) + 0.25];
  const points: EpochPoint[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    await page.mouse.move(box.x + ((epoch - min) / (max - min)) * box.width, box.y + box.height / 2);
    const values = await legendValues(chart);
    expect(values.epoch, `the per-epoch chart's legend at epoch ${epoch}`).toBe(epoch);
    points.push({ epoch, trainLoss: values['train loss'], valLoss: values['val loss'], trainAccuracy: values['train acc'], valAccuracy: values['val acc'] });
  }
  return points;
}

/** MNIST training set size used by these tests: enough to pass 80% in one epoch, small enough to load fast. */
export const MNIST_SAMPLES = 6000;

/**
 * Opens the MNIST MLP template, switches to Train, picks MNIST with `samples` training images and sets
 * the epochs, all through the UI.
 */
export async function prepareMnist(page: Page, options: { epochs: number; samples?: number }): Promise<void> {
  await openTemplate(page, 'mlp-mnist');
  await switchMode(page, 'train');
  await chooseDataset(page, 'mnist');
  await commitField(page, 'dataset-option-samples', String(options.samples ?? MNIST_SAMPLES));
  await commitField(page, 'setting-epochs', String(options.epochs));
}

/** The confusion matrix as counts, [true class][predicted class], read from its cells. */
export async function readConfusion(page: Page): Promise<number[][]> {
  const cells = await page.locator('[data-testid^="confusion-cell-"]').evaluateAll((els) =>
    els.map((el) => {
      const [truth, predicted] = el.getAttribute('data-testid')!.slice('confusion-cell-'.length).split('-').map(Number);
      return { truth, predicted, text: el.textContent?.trim() ?? '' };
    }),
  );
  const size = Math.max(...cells.map((c) => c.truth)) + 1;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(Number.NaN));
  // An empty cell is a zero count (the matrix leaves zeros blank).
  for (const c of cells) matrix[c.truth][c.predicted] = c.text === '' ? 0 : Number(c.text);
  return matrix;
}

/** The per-class table's body rows: class name, then precision, recall and F1 as fractions, then support. */
export async function readPerClassTable(page: Page): Promise<{ name: string; precision: number; recall: number; f1: number; support: number }[]> {
  const rows = await page
    .getByTestId('per-class-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  const percent = (text: string) => Number(text.replace('%', '')) / 100;
  return rows.map(([name, precision, recall, f1, support]) => ({ name, precision: percent(precision), recall: percent(recall), f1: percent(f1), support: Number(support) }));
}

/** A percentage read-out ("93.4%") as a fraction. */
export async function readPercent(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const match = /([\d.]+)%/.exec(text);
  if (!match) throw new Error(`"${text}" is not a percentage.`);
  return Number(match[1]) / 100;
}

/** The prediction bars after a "Try it": class label, probability (fraction) and whether it is the top one. */
export async function readPredictionBars(page: Page): Promise<{ label: string; probability: number; best: boolean }[]> {
  return page.getByTestId('prediction-bar').evaluateAll((rows) =>
    rows.map((row) => ({
      label: row.querySelector('.bar-row__label')?.textContent?.trim() ?? '',
      probability: Number((row.querySelector('.bar-row__value')?.textContent ?? '').replace('%', '')) / 100,
      best: row.classList.contains('is-best'),
    })),
  );
}
