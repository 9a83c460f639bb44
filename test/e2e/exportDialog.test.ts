/**
 * Export where people look for it: a toolbar button, and a dialog that behaves like one — focus moves
 * in, Tab stays inside, Escape closes it and gives focus back, and the whole export works from the
 * keyboard alone. Screenshots of the dialog at two window sizes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { commitField, openTemplate, startTraining, switchMode, waitForRunStatus } from './trainingPage';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results/e2e');

/** Whether the focused element is inside the Export dialog. */
const focusInDialog = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="export-dialog"]')));

async function trainBriefly(page: Page): Promise<void> {
  await openTemplate(page, 'binary-2d');
  await switchMode(page, 'train');
  await commitField(page, 'setting-epochs', '2');
  const run = await startTraining(page);
  await waitForRunStatus(page, run, ['completed']);
  await switchMode(page, 'design');
}

describe('Export', () => {
  test('is on the toolbar; its dialog takes focus, keeps Tab inside, and Escape closes it and gives focus back', async () => {
    const page = await designer.open();
    const button = page.getByTestId('cmd-file.export');
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    expect(await focusInDialog(page)).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await focusInDialog(page)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    // Escape inside the dialog is the dialog's: the canvas behind keeps its layers.
    const layers = await page.locator('.react-flow__node').count();
    expect(layers).toBeGreaterThan(0);
  });

  test('works from the keyboard alone: open with the shortcut, choose a format with the arrows, save', async () => {
    const page = await designer.open();
    await trainBriefly(page);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+E');
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    // Focus starts on the chosen format; the arrows move between formats as in any radio group.
    const focusedFormat = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? null);
    const first = await focusedFormat();
    expect(first).toBe('onnx');
    await page.keyboard.press('ArrowDown');
    const next = await focusedFormat();
    expect(next).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await focusedFormat()).toBe('onnx');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    for (const size of [{ width: 1600, height: 1000 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(OUTPUT_DIR, `export-dialog-${size.width}x${size.height}.png`) });
    }
    // Tab to "Export…" and press Enter: the browser downloads the ONNX export.
    let onSave = false;
    for (let i = 0; i < 10 && !onSave; i++) {
      await page.keyboard.press('Tab');
      onSave = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'export-save');
    }
    expect(onSave).toBe(true);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toMatch(/(\.onnx|-onnx\.zip)$/);
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/\S/);
  });
});
