/**
 * The model checked against its dataset while it is designed: a head that does not match MNIST's
 * classes, or a loss that does not match the task, shows in Problems with a one-click fix, and Train
 * stays disabled (saying why) until the model fits. Screenshot of the Problems panel at 1600×1000.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { selectNode, setParam } from './designerPage';
import { chooseDataset, openTemplate, switchMode } from './trainingPage';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results/e2e');

/** The data-fit problems Problems lists: their codes and texts. */
function fitProblems(page: Page): Promise<{ code: string; text: string }[]> {
  return page.getByTestId('fit-problem').evaluateAll((items) => items.map((el) => ({ code: el.getAttribute('data-code') ?? '', text: el.textContent ?? '' })));
}

const errorsOnly = async (page: Page) => (await fitProblems(page)).filter((p) => p.code !== 'input-reshaped');

describe('Checking the model against its dataset while designing', () => {
  test('a head with the wrong units for MNIST shows in Problems, disables Train with the reason, and one click fixes it; screenshot', async () => {
    const page = await designer.open();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openTemplate(page, 'mlp-mnist');
    await page.getByTestId('tab-issues').click();
    const train = page.getByTestId('train-start');
    await expect.poll(() => page.getByTestId('issues-empty').textContent()).toBe('No problems: the network is ready to train on MNIST.');
    await expect.poll(() => train.isEnabled()).toBe(true);

    await selectNode(page, 'logits');
    await setParam(page, 'units', '7');
    await expect.poll(() => errorsOnly(page)).toEqual([{ code: 'output-units', text: expect.stringContaining('MNIST has 10 classes, but Output “output” gets 7 values per sample') }]);
    expect((await errorsOnly(page))[0].text).toContain('Set the units of “logits” to 10');
    expect(await page.getByTestId('issues-error-count').textContent()).toBe('1');
    await expect.poll(() => train.isEnabled()).toBe(false);
    expect(await train.getAttribute('title')).toMatch(/^The model does not fit MNIST: MNIST has 10 classes/);
    expect(await page.getByTestId('train-blocked').textContent()).toBe('Model does not fit MNIST');

    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.screenshot({ path: join(OUTPUT_DIR, 'data-fit-problems-1600x1000.png') });

    // The fix is one undoable edit.
    await page.getByTestId('fit-fix').click();
    await expect.poll(() => errorsOnly(page)).toEqual([]);
    await expect.poll(() => train.isEnabled()).toBe(true);
    expect(await page.getByTestId('train-blocked').count()).toBe(0);
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await errorsOnly(page)).map((p) => p.code)).toEqual(['output-units']);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => errorsOnly(page)).toEqual([]);
  });

  test('binary cross-entropy on a 3-class dataset: Train names the problem, the fix switches the loss and the units', async () => {
    const page = await designer.open();
    await openTemplate(page, 'binary-2d');
    await switchMode(page, 'train');
    await chooseDataset(page, 'blobs');
    const train = page.getByTestId('train-start');
    await expect.poll(() => train.isEnabled()).toBe(false);
    expect(await train.getAttribute('title')).toContain('Binary cross-entropy on Output');
    // The reason next to the button leads to Problems in the designer.
    await page.getByTestId('train-blocked').click();
    await page.locator('.react-flow').waitFor();
    await expect.poll(() => errorsOnly(page)).toEqual([{ code: 'loss-task', text: expect.stringMatching(/needs 2 classes, but Gaussian blobs has 3 classes/) }]);
    await page.getByTestId('fit-fix').click();
    await expect.poll(() => errorsOnly(page)).toEqual([]);
    await expect.poll(() => train.isEnabled()).toBe(true);
  });
});
