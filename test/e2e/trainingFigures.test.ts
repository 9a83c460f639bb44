/**
 * The figures of a run read true: elapsed time and the ETA leave pauses out, the throughput stays in
 * the range it had while training, a one-epoch run still draws its epoch, and legends show the newest
 * values without hovering.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useDesigner } from './browser';
import { commitField, legendValues, moveMouseAway, openTemplate, startTraining, switchMode, waitForRunStatus } from './trainingPage';

const designer = useDesigner();

/** Seconds in the "m:ss elapsed" read-out. */
async function elapsedSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('train-time').textContent()) ?? '';
  const match = /(\d+):(\d\d) elapsed/.exec(text);
  if (!match) throw new Error(`No elapsed time in "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Samples per second in the speed read-out ("12,345/s"). */
async function speed(page: Page): Promise<number> {
  const text = (await page.getByTestId('train-speed').textContent()) ?? '';
  return Number(text.replace(/[^\d.]/g, ''));
}

describe('training figures', () => {
  test('a one-epoch run draws its epoch, and every legend shows the newest values without hovering', async () => {
    const page = await designer.open();
    await openTemplate(page, 'binary-2d');
    await switchMode(page, 'train');
    await commitField(page, 'setting-epochs', '1');
    const run = await startTraining(page);
    await waitForRunStatus(page, run, ['completed']);
    await moveMouseAway(page);
    const epochs = await legendValues(page.getByTestId('plot-epochs'));
    expect(epochs.epoch).toBe(1);
    const values = Object.entries(epochs).filter(([label]) => label !== 'epoch');
    expect(values.some(([, v]) => v !== null && Number.isFinite(v))).toBe(true);
    const loss = await legendValues(page.getByTestId('plot-loss'));
    expect(Object.values(loss).filter((v) => v !== null).length).toBeGreaterThan(1);
  });

  test('a pause is not counted in the elapsed time, and the throughput stays in its range', async () => {
    const page = await designer.open();
    await openTemplate(page, 'binary-2d');
    await switchMode(page, 'train');
    await commitField(page, 'dataset-option-samples', '100000');
    await commitField(page, 'setting-epochs', '50');
    const run = await startTraining(page);
    await waitForRunStatus(page, run, ['running']);
    await expect.poll(() => elapsedSeconds(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) {
      rates.push(await speed(page));
      await page.waitForTimeout(300);
    }
    await page.getByTestId('train-pause').click();
    await waitForRunStatus(page, run, ['paused']);
    const beforePause = await elapsedSeconds(page);
    await page.waitForTimeout(6_000);
    await page.getByTestId('train-resume').click();
    await waitForRunStatus(page, run, ['running']);
    await page.waitForTimeout(1_500);
    const afterPause = await elapsedSeconds(page);
    // 1.5 s of training after the pause (plus rounding and a loaded machine), never the 6 s paused.
    expect(afterPause - beforePause).toBeLessThan(5);
    const resumedRate = await speed(page);
    const typical = rates.sort((a, b) => a - b)[1];
    expect(resumedRate).toBeGreaterThan(typical / 4);
    expect(resumedRate).toBeLessThan(typical * 4);
    // The template may stop early by itself; otherwise stop it here.
    const stop = page.getByTestId('train-stop');
    if (await stop.isEnabled()) await stop.click({ timeout: 5_000 }).catch(() => undefined);
    await waitForRunStatus(page, run, ['stopped', 'completed', 'earlyStopping']);
    const finalRate = await speed(page);
    expect(finalRate).toBeLessThan(typical * 4);
  });
});
