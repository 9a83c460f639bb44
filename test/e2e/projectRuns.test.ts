/**
 * A project keeps its runs: trained in the web build, saved (an archive with the weights), the page
 * reloaded, the file opened again — the Train view lists the run and Evaluate shows the same test-set
 * figures, and training continues from the reopened run's weights. Unsaved runs come back through
 * recovery after a reload too.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { readProjectFile } from '../../engine/project';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { clickCommand } from './designerPage';
import { moveMouseAway, prepareMnist, readChartAt, readConfusion, readRunRow, RUN_TIMEOUT, runIds, startTraining, switchMode, waitForRunStatus } from './trainingPage';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results/e2e');

/** What Evaluate shows for the selected run. */
interface Shown {
  loss: string;
  accuracy: string;
  confusion: number[][];
}

async function readEvaluation(page: Page): Promise<Shown> {
  await switchMode(page, 'evaluate');
  await page.getByTestId('test-loss').waitFor({ timeout: RUN_TIMEOUT });
  return {
    loss: (await page.getByTestId('test-loss').textContent()) ?? '',
    accuracy: (await page.getByTestId('test-accuracy').textContent()) ?? '',
    confusion: await readConfusion(page),
  };
}

/** The bytes of the recovery copy in IndexedDB (renderer/host/recoverySlot.ts); null when there is none. */
const recoveryBytes = (page: Page): Promise<number[] | null> =>
  page.evaluate(
    () =>
      new Promise<number[] | null>((resolve, reject) => {
        const request = indexedDB.open('netwright', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('recovery');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const get = db.transaction('recovery', 'readonly').objectStore('recovery').get('latest');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            const value = get.result as { data?: Uint8Array } | undefined;
            resolve(value?.data ? Array.from(value.data) : null);
          };
        };
      }),
  );

/** Reloads, agreeing to leave the page when the app warns about unsaved work. */
async function reloadLeavingUnsavedWork(page: Page): Promise<void> {
  const onDialog = (dialog: { type(): string; accept(): Promise<void>; dismiss(): Promise<void> }) =>
    void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
  page.on('dialog', onDialog);
  await page.reload();
  page.off('dialog', onDialog);
  await page.locator('.react-flow__node').first().waitFor();
}

/** Trains the MNIST MLP for one epoch and returns the run's id, its history row and what Evaluate shows. */
async function trainOnce(page: Page) {
  await prepareMnist(page, { epochs: 1, samples: 2000 });
  const runId = await startTraining(page);
  // A shared machine may train slowly; the figures compared below do not depend on speed.
  await waitForRunStatus(page, runId, ['completed'], 4 * RUN_TIMEOUT);
  const row = await readRunRow(page, runId);
  const shown = await readEvaluation(page);
  return { runId, row, shown };
}

describe('a project keeps its runs', () => {
  test('train, save, reload, open: the run is back and Evaluate shows the same test metrics', async () => {
    const page = await designer.open();
    const before = await trainOnce(page);

    mkdirSync(OUTPUT_DIR, { recursive: true });
    const [download] = await Promise.all([page.waitForEvent('download'), clickCommand(page, 'file.save')]);
    const file = join(OUTPUT_DIR, 'with-runs.netwright');
    await download.saveAs(file);
    const bytes = new Uint8Array(readFileSync(file));
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 3, 4]);
    const read = readProjectFile(bytes, 'with-runs.netwright');
    if (!read.ok) throw new Error(read.message);
    expect(read.runs.map((r) => [r.id, r.status])).toEqual([[before.runId, 'completed']]);
    expect(Object.keys(read.runs[0].weights ?? {}).length).toBeGreaterThan(0);
    // Saved: autosave lets go of its copy, so the reload below starts clean.
    await expect.poll(() => recoveryBytes(page), { timeout: 15_000 }).toBeNull();

    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    await switchMode(page, 'train');
    expect(await runIds(page)).toEqual([]);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickCommand(page, 'file.open')]);
    await chooser.setFiles(file);
    await expect.poll(() => runIds(page)).toEqual([before.runId]);
    await waitForRunStatus(page, before.runId, ['completed']);
    expect(await readRunRow(page, before.runId)).toEqual(before.row);
    expect(await page.getByTestId('dirty-indicator').count()).toBe(0);

    expect(await readEvaluation(page)).toEqual(before.shown);
    expect(await page.getByTestId('evaluation-run').inputValue()).toBe(before.runId);

    // The reopened run's weights carry on: continuing from it starts at the level it had reached,
    // far below a fresh start, and the new run says where it came from.
    await switchMode(page, 'train');
    await page.getByTestId(`run-continue-${before.runId}`).click();
    let next = '';
    await expect
      .poll(async () => {
        next = (await runIds(page)).find((id) => id !== before.runId) ?? '';
        return next;
      }, { timeout: 10_000 })
      .not.toBe('');
    await waitForRunStatus(page, next, ['completed'], 4 * RUN_TIMEOUT);
    expect(await page.getByTestId(`run-from-${next}`).textContent()).toContain('from Run 1');
    const firstLoss = (await readChartAt(page, 'plot-loss', 'first')).raw!;
    await moveMouseAway(page);
    expect(firstLoss).toBeLessThan(before.row.loss! * 3);
    expect(firstLoss).toBeLessThan(1.5);
  });

  test('a run that was never saved comes back through recovery after a reload', async () => {
    const page = await designer.open();
    const before = await trainOnce(page);
    // The recovery copy is an archive holding the finished run.
    await expect
      .poll(async () => {
        const copy = await recoveryBytes(page);
        if (!copy) return null;
        const read = readProjectFile(new Uint8Array(copy), 'recovery');
        return read.ok ? read.runs.map((r) => r.id) : read.message;
      }, { timeout: 15_000 })
      .toEqual([before.runId]);

    await reloadLeavingUnsavedWork(page);
    await page.getByTestId('recovery-prompt').waitFor();
    await page.getByTestId('recovery-restore').click();
    await switchMode(page, 'train');
    await expect.poll(() => runIds(page)).toEqual([before.runId]);
    expect(await readRunRow(page, before.runId)).toEqual(before.row);
    expect(await readEvaluation(page)).toEqual(before.shown);
  });
});
