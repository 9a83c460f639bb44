/**
 * Fine-tuning in the web build: train, freeze a layer in the inspector, then continue training from
 * the first run. The continued run starts at the level the first one reached, not from scratch.
 */
import { describe, expect, test } from 'vitest';
import { useDesigner } from './browser';
import { selectNode } from './designerPage';
import { commitField, moveMouseAway, prepareMnist, readChartAt, readEpochChart, readEpochCounter, runIds, RUN_TIMEOUT, startTraining, switchMode, waitForRunStatus } from './trainingPage';

const designer = useDesigner();

/** Two runs back to back: give each twice the usual time, for a machine busy with other work. */
const SLOW_RUN = 2 * RUN_TIMEOUT;

describe('fine-tuning', () => {
  test('a frozen layer shows on the canvas, and Continue training starts a new run from the previous run\'s weights', { timeout: 180_000 }, async () => {
    const page = await designer.open();
    await prepareMnist(page, { epochs: 2 });
    const first = await startTraining(page);
    await waitForRunStatus(page, first, ['completed'], SLOW_RUN);
    const freshStart = (await readChartAt(page, 'plot-loss', 'first')).raw!;
    const reached = (await readEpochChart(page, 2))[1].trainLoss!;
    await moveMouseAway(page);
    expect(freshStart).toBeGreaterThan(1.5);
    expect(reached).toBeLessThan(freshStart / 4);

    // Freeze the hidden layer in the inspector; the canvas marks it. Layers without weights offer no such choice.
    await switchMode(page, 'design');
    await selectNode(page, 'hidden');
    const trainable = page.getByTestId('node-trainable');
    expect(await trainable.isChecked()).toBe(true);
    await trainable.uncheck();
    await page.getByTestId('node-frozen-hidden').waitFor();
    expect(await page.getByTestId('node-frozen-logits').count()).toBe(0);
    await selectNode(page, 'input');
    expect(await page.getByTestId('node-trainable').count()).toBe(0);
    await switchMode(page, 'train');

    // Fine-tune the output layer with the current settings (now one epoch) from the first run's kept weights.
    await commitField(page, 'setting-epochs', '1');
    await page.getByTestId(`run-continue-${first}`).click();
    let second = '';
    await expect
      .poll(async () => {
        second = (await runIds(page)).find((id) => id !== first) ?? '';
        return second;
      }, { timeout: 10_000 })
      .not.toBe('');
    await waitForRunStatus(page, second, ['completed'], SLOW_RUN);
    expect(await page.getByTestId(`run-from-${second}`).textContent()).toContain('from Run 1');
    expect(await page.getByTestId(`run-from-${first}`).count()).toBe(0);
    expect(await page.getByTestId(`run-item-${second}`).locator('.run__settings').textContent()).toMatch(/· 1 ep · 1 frozen$/);
    expect(await page.getByTestId(`run-item-${first}`).locator('.run__settings').textContent()).not.toMatch(/frozen/);
    expect(await readEpochCounter(page)).toEqual([1, 1]);

    // The selected (new) run's first batch is already at the level the first run reached.
    const resumedStart = (await readChartAt(page, 'plot-loss', 'first')).raw!;
    await moveMouseAway(page);
    expect(resumedStart).toBeLessThan(3 * reached);
    expect(resumedStart).toBeLessThan(freshStart / 3);
  });
});
