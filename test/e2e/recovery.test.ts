/** Unsaved work survives a reload: autosave keeps it in the browser, and the next visit offers it back. */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useDesigner } from './browser';
import { dropLayer, expectCanvas, readCanvas } from './designerPage';

const designer = useDesigner();
/** The recovery copy the app keeps in IndexedDB (see renderer/host/recoverySlot.ts), as text; null when there is none. */
const recoveryCopy = (page: Page): Promise<string | null> =>
  page.evaluate(
    () =>
      new Promise<string | null>((resolve, reject) => {
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
            resolve(value?.data ? new TextDecoder().decode(value.data) : null);
          };
        };
      }),
  );

/** The node ids in the recovery copy; null when there is none. */
async function recoveredNodeIds(page: Page): Promise<string[] | null> {
  const text = await recoveryCopy(page);
  if (text === null) return null;
  return (JSON.parse(text) as { nodes: { id: string }[] }).nodes.map((n) => n.id);
}

/** Reloads, agreeing to leave the page when the app warns about unsaved changes. */
async function reloadLeavingUnsavedWork(page: Page): Promise<void> {
  const onDialog = (dialog: { type(): string; accept(): Promise<void>; dismiss(): Promise<void> }) =>
    void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
  page.on('dialog', onDialog);
  await page.reload();
  page.off('dialog', onDialog);
  await page.locator('.react-flow__node').first().waitFor();
}

describe('recovery of unsaved work', () => {
  test('after a reload the app offers the unsaved work back, and restoring it brings the edits back', async () => {
    const page = await designer.open();
    const pristine = await readCanvas(page);
    const added = await dropLayer(page, 'Dropout', { x: 420, y: 80 });
    await page.getByTestId('dirty-indicator').waitFor();
    const edited = await readCanvas(page);
    expect(Object.keys(edited.nodes)).toContain(added);
    await expect.poll(() => recoveredNodeIds(page), { timeout: 15_000 }).toEqual(Object.keys(edited.nodes));

    await reloadLeavingUnsavedWork(page);
    await expectCanvas(page, pristine);
    await page.getByTestId('recovery-prompt').waitFor();
    await page.getByTestId('recovery-restore').click();
    await expectCanvas(page, edited);
    await page.getByTestId('dirty-indicator').waitFor();
    await page.getByTestId('recovery-prompt').waitFor({ state: 'detached' });
  });

  test('discarding the offered work clears it, so the next visit starts clean', async () => {
    const page = await designer.open();
    const pristine = await readCanvas(page);
    await dropLayer(page, 'Dropout', { x: 420, y: 80 });
    await expect.poll(() => recoveryCopy(page), { timeout: 15_000 }).not.toBeNull();

    await reloadLeavingUnsavedWork(page);
    await page.getByTestId('recovery-discard').click();
    await expectCanvas(page, pristine);
    await expect.poll(() => recoveryCopy(page)).toBeNull();
    expect(await page.getByTestId('dirty-indicator').count()).toBe(0);
  });
});
