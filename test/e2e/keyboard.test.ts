/**
 * The keyboard way in: "?" shows every shortcut, read from the command registry, and Ctrl+K finds and
 * runs any command by name.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results/e2e');

describe('keyboard', () => {
  test('? shows the shortcut sheet, generated from the commands, and Escape closes it', async () => {
    const page = await designer.open();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcut-sheet');
    await sheet.waitFor();
    for (const [id, keys] of [['edit.undo', 'Ctrl+Z'], ['file.save', 'Ctrl+S'], ['file.export', 'Ctrl+E'], ['view.commandPalette', 'Ctrl+K']]) {
      expect(await sheet.getByTestId(`shortcut-${id}`).textContent()).toContain(keys);
    }
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'shortcut-sheet.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  test('Ctrl+K finds a command by name and Enter runs it', async () => {
    const page = await designer.open();
    const layersBefore = await page.locator('.react-flow__node').count();
    await page.keyboard.press('Control+K');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    await page.keyboard.type('layer dense');
    await expect.poll(() => palette.locator('[role="option"]').first().getAttribute('data-testid')).toBe('palette-layer.add:Dense');
    await page.screenshot({ path: join(OUTPUT_DIR, 'command-palette.png') });
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(layersBefore + 1);

    // Arrow keys move through the matches; Enter runs the one chosen (after the page asks, as Open
    // would, whether to discard the added layer).
    page.once('dialog', (dialog) => void dialog.accept());
    const title = async () => (await page.getByTestId('document-title').textContent()) ?? '';
    expect(await title()).toContain('MLP for MNIST');
    await page.keyboard.press('Control+K');
    await palette.waitFor();
    await page.keyboard.type('templates');
    const chosen = () => palette.locator('[aria-selected="true"]').getAttribute('data-testid');
    const chosenLabel = async () => (await palette.locator('[aria-selected="true"] .command-palette__label').textContent()) ?? '';
    for (let i = 0; i < 10 && (!(await chosen())?.startsWith('palette-template.open:') || (await chosenLabel()) === 'MLP for MNIST'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await chosen()).toMatch(/^palette-template.open:/);
    const chosenName = await chosenLabel();
    expect(chosenName).not.toBe('MLP for MNIST');
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await expect.poll(title).toContain(chosenName);
  });
});
