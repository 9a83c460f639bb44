/**
 * Training in the web build, for real, in its Web Worker: MNIST through the live plots, pause, resume
 * and stop; a learning rate so large the loss stops being a number; the README screenshot of Train.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { isProjectArchive, readProjectFile } from '../../engine/project';
import type { ProjectRun } from '../../engine/project';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { clickCommand } from './designerPage';
import type { EpochPoint, RunRow } from './trainingPage';
import {
  commitField,
  MNIST_SAMPLES,
  moveMouseAway,
  prepareMnist,
  readChartAt,
  readEpochChart,
  readEpochCounter,
  readRunRow,
  runIds,
  RUN_TIMEOUT,
  startTraining,
  switchMode,
  waitForRunStatus,
} from './trainingPage';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results');

/** The MNIST MLP template's batch size and validation split, which the runs here keep. */
const { batchSize: BATCH_SIZE, validationSplit: VALIDATION_SPLIT } = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'templates/mlp-mnist.json'), 'utf8')) as { training: { batchSize: number; validationSplit: number } }
).training;

const statusText = (page: Page) => page.getByTestId('train-status').textContent();

/**
 * Checks a history row against the epoch it should report. Losses show four significant digits in both
 * places; the row shows accuracy to a tenth of a percent, the chart to four digits, so they may differ
 * by the two roundings together.
 */
function expectRowReports(row: RunRow, epoch: EpochPoint): void {
  expect({ loss: row.loss, bestEpoch: row.bestEpoch, error: row.error }).toEqual({ loss: epoch.valLoss, bestEpoch: epoch.epoch, error: null });
  expect(Math.abs(row.accuracy! - epoch.valAccuracy!)).toBeLessThanOrEqual(0.0005 + 0.00005 + 1e-9);
}

/** The epoch whose validation loss is lowest: the one whose weights a run keeps. */
const bestByValLoss = <T extends { epoch: number; valLoss: number | null }>(points: T[]): T =>
  points.reduce((best, p) => ((p.valLoss ?? Infinity) < (best.valLoss ?? Infinity) ? p : best));

describe('training MNIST', () => {
  test('a short run plots every batch, the loss falls and the accuracy rises above 80%', async () => {
    const page = await designer.open();
    await prepareMnist(page, { epochs: 2 });
    const runId = await startTraining(page);
    await waitForRunStatus(page, runId, ['completed']);
    await expect.poll(() => statusText(page)).toBe('Completed');
    expect(await readEpochCounter(page)).toEqual([2, 2]);

    // Every batch is a point: the validation split is held out, the rest go in batches.
    const stepsPerEpoch = Math.ceil((MNIST_SAMPLES - Math.round(MNIST_SAMPLES * VALIDATION_SPLIT)) / BATCH_SIZE);
    const firstLoss = await readChartAt(page, 'plot-loss', 'first');
    const lastLoss = await readChartAt(page, 'plot-loss', 'last');
    expect(firstLoss.step).toBe(1);
    expect(lastLoss.step).toBe(2 * stepsPerEpoch);
    // An untrained 10-class model starts near ln 10 ≈ 2.3; after two epochs the smoothed loss is far lower.
    expect(firstLoss.raw).toBeGreaterThan(1.5);
    expect(lastLoss.smoothed).toBeLessThan(firstLoss.raw! / 3);

    const firstAccuracy = await readChartAt(page, 'plot-accuracy', 'first');
    const lastAccuracy = await readChartAt(page, 'plot-accuracy', 'last');
    expect(firstAccuracy.raw).toBeLessThan(0.4);
    expect(lastAccuracy.smoothed).toBeGreaterThan(0.8);

    const epochs = await readEpochChart(page, 2);
    expect(epochs[1].valAccuracy).toBeGreaterThan(0.8);
    expect(epochs[1].valLoss).toBeLessThan(epochs[0].valLoss!);
    // The history row reports the kept (best) epoch, as the per-epoch chart shows it.
    expectRowReports(await readRunRow(page, runId), bestByValLoss(epochs));
  });

  test('pause holds a run, resume continues it, and a stopped run keeps its best epoch in the history', async () => {
    const page = await designer.open();
    // Far more epochs than the test waits for, so the run cannot end before it is paused and stopped.
    const epochsAsked = 1000;
    await prepareMnist(page, { epochs: epochsAsked });
    const runId = await startTraining(page);

    // Points appear on the loss plot while the run is live.
    await expect.poll(async () => (await readChartAt(page, 'plot-loss', 'last')).step ?? 0, { timeout: RUN_TIMEOUT }).toBeGreaterThan(0);
    await page.getByTestId('train-pause').click();
    await waitForRunStatus(page, runId, ['paused']);
    await expect.poll(() => statusText(page)).toBe('Paused');
    const pausedStep = (await readChartAt(page, 'plot-loss', 'last')).step!;
    const pausedEpoch = await readEpochCounter(page);
    // A paused run must not move: look again a little later (an absence can only be seen over time).
    await page.waitForTimeout(800);
    expect((await readChartAt(page, 'plot-loss', 'last')).step).toBe(pausedStep);
    expect(await readEpochCounter(page)).toEqual(pausedEpoch);

    await page.getByTestId('train-resume').click();
    await waitForRunStatus(page, runId, ['running']);
    // Let at least three epochs finish, and one more after the pause (a loaded machine may pause late), then stop.
    const resumeTarget = Math.max(4, (pausedEpoch?.[0] ?? 0) + 1);
    await expect.poll(async () => (await readEpochCounter(page))?.[0] ?? 0, { timeout: RUN_TIMEOUT }).toBeGreaterThanOrEqual(resumeTarget);
    await moveMouseAway(page);
    await expect.poll(async () => (await readChartAt(page, 'plot-loss', 'last')).step ?? 0, { timeout: RUN_TIMEOUT }).toBeGreaterThan(pausedStep);
    await page.getByTestId('train-stop').click();
    await waitForRunStatus(page, runId, ['stopped']);
    await expect.poll(() => statusText(page)).toBe('Stopped');

    // The run stays in the history, with the epoch whose weights it kept: the lowest validation loss.
    expect(await runIds(page)).toEqual([runId]);
    const finished = (await readChartAt(page, 'plot-epochs', 'last')).epoch!;
    expect(finished).toBeGreaterThanOrEqual(3);
    expect(finished).toBeLessThan(epochsAsked);
    expectRowReports(await readRunRow(page, runId), bestByValLoss(await readEpochChart(page, finished)));

    // Those weights are what Evaluate measures on the test set.
    await switchMode(page, 'evaluate');
    expect(await page.getByTestId('evaluation-run').inputValue()).toBe(runId);
    const accuracy = page.getByTestId('test-accuracy');
    await accuracy.waitFor({ timeout: RUN_TIMEOUT });
    expect(Number(/([\d.]+)%/.exec((await accuracy.textContent()) ?? '')?.[1])).toBeGreaterThan(80);
  });
});

/**
 * Runs Save and returns what the downloaded project file holds: the model document's text (the whole
 * file, or its project.json when runs made it an archive) and the runs it keeps.
 */
async function savedProject(page: Page, fileName: string): Promise<{ project: string; runs: ProjectRun[] }> {
  const dir = join(OUTPUT_DIR, 'e2e');
  mkdirSync(dir, { recursive: true });
  const [download] = await Promise.all([page.waitForEvent('download'), clickCommand(page, 'file.save')]);
  await download.saveAs(join(dir, fileName));
  const bytes = new Uint8Array(readFileSync(join(dir, fileName)));
  const read = readProjectFile(bytes, fileName);
  if (!read.ok) throw new Error(read.message);
  const project = isProjectArchive(bytes) ? unzipSync(bytes)['project.json'] : bytes;
  return { project: new TextDecoder().decode(project), runs: read.runs };
}

describe('training failures', () => {
  test('a loss that stops being a number shows what happened and what to do; the project is untouched and training works again', async () => {
    const page = await designer.open();
    await prepareMnist(page, { epochs: 1 });
    await page.getByTestId('setting-optimizer').selectOption('sgd');
    await commitField(page, 'setting-learningRate', '1000000');
    const before = await savedProject(page, 'nan-before.netwright');
    expect(await page.getByTestId('dirty-indicator').count()).toBe(0);

    const failedRun = await startTraining(page);
    await waitForRunStatus(page, failedRun, ['failed']);
    const panel = page.getByTestId('training-error');
    await panel.waitFor();
    expect(await panel.getAttribute('data-code')).toBe('nonFinite');
    expect(await page.getByTestId('training-error-message').textContent()).toMatch(/loss became (NaN|-?Infinity)/);
    expect(await page.getByTestId('training-error-hint').textContent()).toMatch(/learning rate/i);
    expect((await readRunRow(page, failedRun)).error).toMatch(/loss became/);

    // Training never edits the project: nothing unsaved, and saving again writes the same file.
    expect(await page.getByTestId('dirty-indicator').count()).toBe(0);
    // The file keeps the failed run and how it ended.
    const after = await savedProject(page, 'nan-after.netwright');
    expect(after.project).toBe(before.project);
    expect(after.runs.map((r) => [r.id, r.status, r.error?.code])).toEqual([[failedRun, 'failed', 'nonFinite']]);
    expect(await page.getByTestId('setting-learningRate').inputValue()).toBe('1000000');

    // With a sane learning rate the next run trains, and the failed one stays in the history.
    await commitField(page, 'setting-learningRate', '0.1');
    const goodRun = await startTraining(page);
    await waitForRunStatus(page, goodRun, ['completed']);
    expect(await panel.count()).toBe(0);
    expect((await readRunRow(page, goodRun)).accuracy).toBeGreaterThan(0.8);
    expect(await runIds(page)).toEqual([goodRun, failedRun]);
    await switchMode(page, 'design');
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(0);
  });
});

describe('README screenshot', () => {
  test('the Train view after a short MNIST run', async () => {
    const page = await designer.open();
    await prepareMnist(page, { epochs: 5 });
    const runId = await startTraining(page);
    await waitForRunStatus(page, runId, ['completed']);
    await expect.poll(() => statusText(page)).toBe('Completed');
    await moveMouseAway(page);
    await page.locator('.train-side').evaluate((el) => el.scrollTo(0, 0));
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const png = await page.screenshot({ path: join(OUTPUT_DIR, 'training.png') });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1440);
    expect(png.readUInt32BE(20)).toBe(900);
    // The Train view at the two window sizes the app is checked at.
    mkdirSync(join(OUTPUT_DIR, 'e2e'), { recursive: true });
    for (const size of [{ width: 1600, height: 1000 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await page.locator('.train-side').evaluate((el) => el.scrollTo(0, 0));
      const shot = await page.screenshot({ path: join(OUTPUT_DIR, 'e2e', `train-${size.width}x${size.height}.png`) });
      expect(shot.readUInt32BE(16)).toBe(size.width);
    }
  });
});
