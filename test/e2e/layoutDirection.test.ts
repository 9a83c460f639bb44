/**
 * The layout direction belongs to the model: choosing "Top → down" re-arranges the layers as one undo
 * step, and fitting the view never zooms out past readable labels.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useDesigner } from './browser';
import { clickCommand } from './designerPage';
import { openTemplate } from './trainingPage';

const designer = useDesigner();

/** Layer positions on screen, in document order of the MLP template's chain. */
async function positions(page: Page): Promise<{ x: number; y: number }[]> {
  return page.locator('.react-flow__node').evaluateAll((nodes) =>
    nodes.map((n) => {
      const box = n.getBoundingClientRect();
      return { x: box.x, y: box.y };
    }),
  );
}

const zoom = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

describe('layout direction', () => {
  test('choosing top-down re-arranges the chain downwards, and one undo restores direction and places', async () => {
    const page = await designer.open();
    const select = page.getByTestId('layout-direction');
    expect(await select.inputValue()).toBe('RIGHT');
    const before = await positions(page);
    // Left to right: the chain spreads along x.
    expect(Math.max(...before.map((p) => p.x)) - Math.min(...before.map((p) => p.x))).toBeGreaterThan(Math.max(...before.map((p) => p.y)) - Math.min(...before.map((p) => p.y)));
    await select.selectOption('DOWN');
    await expect
      .poll(async () => {
        const now = await positions(page);
        return Math.max(...now.map((p) => p.y)) - Math.min(...now.map((p) => p.y)) > Math.max(...now.map((p) => p.x)) - Math.min(...now.map((p) => p.x));
      })
      .toBe(true);
    await clickCommand(page, 'edit.undo');
    await expect.poll(() => select.inputValue()).toBe('RIGHT');
    await expect
      .poll(async () => {
        const now = await positions(page);
        return Math.max(...now.map((p) => p.x)) - Math.min(...now.map((p) => p.x)) > Math.max(...now.map((p) => p.y)) - Math.min(...now.map((p) => p.y));
      })
      .toBe(true);
  });

  test('Fit keeps labels readable on a large model: it does not zoom out below 0.6', async () => {
    const page = await designer.open();
    await page.setViewportSize({ width: 1280, height: 800 });
    await openTemplate(page, 'resnet-small');
    await clickCommand(page, 'view.zoomToFit');
    await page.waitForTimeout(400);
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.6 - 1e-6);
    await clickCommand(page, 'view.autoLayout');
    await page.waitForTimeout(600);
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.6 - 1e-6);
  });
});
