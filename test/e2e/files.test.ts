/** Project files in the browser: save as a download, open through the file chooser, refuse broken files. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createEmptyDocument, parseDocument } from '../../engine/model';
import { useDesigner } from './browser';
import { REPO_ROOT } from './chromium';
import { buildMlp, clickCommand, expectCanvas, newDocument, readCanvas, selectNode, setParam } from './designerPage';

const designer = useDesigner();
const OUTPUT_DIR = join(REPO_ROOT, 'test-results/e2e');

/** Runs Save (or Save As) and returns the downloaded file's name and text. */
async function saveAsDownload(page: Page, commandId: 'file.save' | 'file.saveAs', fileName: string): Promise<{ name: string; text: string }> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const [download] = await Promise.all([page.waitForEvent('download'), clickCommand(page, commandId)]);
  const path = join(OUTPUT_DIR, fileName);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Runs Open and picks a file in the chooser the web host shows. */
async function openThroughChooser(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickCommand(page, 'file.open')]);
  await chooser.setFiles(file);
}

/**
 * Stands in for the File System Access pickers (a headless browser cannot show them): handles keep their
 * content in the page, and every picker call and write is logged in `window.__fileLog`.
 */
const FAKE_FILE_PICKERS = `
  window.__fileLog = [];
  window.__nextOpen = null;
  const handle = (name, content) => {
    const h = {
      name,
      content,
      getFile: async () => ({ name, arrayBuffer: async () => new TextEncoder().encode(h.content).buffer }),
      createWritable: async () => {
        let written = '';
        return {
          write: async (data) => { written += typeof data === 'string' ? data : new TextDecoder().decode(data); },
          close: async () => { h.content = written; window.__fileLog.push({ op: 'write', name, content: written }); },
        };
      },
    };
    return h;
  };
  window.showSaveFilePicker = async (options) => {
    window.__fileLog.push({ op: 'savePicker', suggestedName: options.suggestedName });
    return handle('chosen.netwright', '');
  };
  window.showOpenFilePicker = async () => {
    window.__fileLog.push({ op: 'openPicker' });
    return [handle(window.__nextOpen.name, window.__nextOpen.content)];
  };
`;

interface FileLogEntry {
  op: 'write' | 'savePicker' | 'openPicker';
  name?: string;
  content?: string;
  suggestedName?: string;
}

const fileLog = (page: Page): Promise<FileLogEntry[]> => page.evaluate(() => (window as unknown as { __fileLog: FileLogEntry[] }).__fileLog);

describe('project files', () => {
  test('a saved project downloads, and opening that file brings the same graph back', async () => {
    const page = await designer.open();
    await newDocument(page);
    const { dense, sketch } = await buildMlp(page);
    await selectNode(page, dense);
    await setParam(page, 'units', '48');
    sketch.setParam(dense, 'units', 48);
    await expectCanvas(page, sketch.expected());
    await page.getByTestId('dirty-indicator').waitFor();

    const saved = await saveAsDownload(page, 'file.save', 'saved.netwright');
    expect(saved.name).toMatch(/\.netwright$/);
    const parsed = parseDocument(JSON.parse(saved.text));
    if (!parsed.ok) throw new Error(`the saved file does not parse: ${parsed.error}`);
    expect(parsed.doc.nodes.map((n) => [n.id, n.type])).toEqual(sketch.doc.nodes.map((n) => [n.id, n.type]));
    expect(parsed.doc.edges.map((e) => e.id).sort()).toEqual(sketch.doc.edges.map((e) => e.id).sort());
    await page.getByTestId('dirty-indicator').waitFor({ state: 'detached' });

    await newDocument(page);
    await openThroughChooser(page, join(OUTPUT_DIR, 'saved.netwright'));
    await expectCanvas(page, sketch.expected());
    // The model was never named, so it takes the file's name.
    expect(parsed.doc.name).toBe('Untitled');
    await expect.poll(() => page.getByTestId('document-title').textContent()).toBe('saved');
    expect(await page.getByTestId('dirty-indicator').count()).toBe(0);

    // Saving the reopened project writes the same file but for that name: nothing (positions, params) was lost.
    const again = await saveAsDownload(page, 'file.saveAs', 'saved-again.netwright');
    expect(again.text).toBe(saved.text.replace('"name": "Untitled"', '"name": "saved"'));
  });

  test('a malformed file is refused with a message saying what is wrong, and the open project is untouched', async () => {
    const page = await designer.open();
    const firstNode = await page.locator('.react-flow__node').first().getAttribute('data-id');
    await selectNode(page, firstNode!);
    // An unsaved edit, so the project has something to lose.
    await page.getByTestId('node-name').fill('renamed before open');
    await page.getByTestId('node-name').press('Enter');
    await page.getByTestId('dirty-indicator').waitFor();
    const before = await readCanvas(page);
    const titleBefore = await page.getByTestId('document-title').textContent();

    const confirmations: string[] = [];
    page.on('dialog', (dialog) => {
      confirmations.push(dialog.message());
      void dialog.accept();
    });

    await openThroughChooser(page, { name: 'broken.netwright', mimeType: 'application/json', buffer: Buffer.from('{ "format": "netwright-model",\n  "nodes": [ ') });
    const notice = page.getByTestId('notice').locator('.notice__text');
    await expect.poll(() => notice.textContent()).toMatch(/Could not open "broken\.netwright".*not valid JSON.*line 2/s);
    expect(await page.getByTestId('notice').getAttribute('role')).toBe('alert');

    const wrongLayer = { ...createEmptyDocument('wrong'), nodes: [{ id: 'mystery', type: 'Bogus', params: {}, position: { x: 0, y: 0 } }] };
    await openThroughChooser(page, { name: 'wrong-layer.netwright', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrongLayer)) });
    await expect.poll(() => notice.textContent()).toMatch(/Could not open "wrong-layer\.netwright".*nodes\[0\]\.type \(layer "mystery"\)/s);

    // Opening asked before it would discard the unsaved edit, each time.
    expect(confirmations).toHaveLength(2);
    expect(await readCanvas(page)).toEqual(before);
    expect(await page.getByTestId('document-title').textContent()).toBe(titleBefore);
    await page.getByTestId('dirty-indicator').waitFor();
    await expect.poll(() => page.locator(`.react-flow__node[data-id="${firstNode}"] .layer-node__name`).textContent()).toBe('renamed before open');
  });

  test('where the browser has file pickers, Save asks once and then writes back to the same file', async () => {
    const page = await designer.open({ keepFilePickers: true, initScript: FAKE_FILE_PICKERS });
    await newDocument(page);
    const { dense, sketch } = await buildMlp(page);

    await clickCommand(page, 'file.save');
    await expect.poll(() => fileLog(page)).toHaveLength(2);
    const [picker, firstWrite] = await fileLog(page);
    expect(picker).toEqual({ op: 'savePicker', suggestedName: 'Untitled.netwright' });
    expect(firstWrite.op).toBe('write');
    await page.getByTestId('dirty-indicator').waitFor({ state: 'detached' });

    await selectNode(page, dense);
    await setParam(page, 'units', '16');
    sketch.setParam(dense, 'units', 16);
    await page.getByTestId('dirty-indicator').waitFor();
    await page.keyboard.press('Control+s');
    // No second picker: the same file is written again, now with the edit.
    const logged = async () => (await fileLog(page)).map((e) => `${e.op} ${e.name ?? e.suggestedName}`);
    await expect.poll(logged).toEqual(['savePicker Untitled.netwright', 'write chosen.netwright', 'write chosen.netwright']);
    const secondWrite = (await fileLog(page))[2];
    const parsed = parseDocument(JSON.parse(secondWrite.content!));
    if (!parsed.ok) throw new Error(`the written file does not parse: ${parsed.error}`);
    expect(parsed.doc.nodes.find((n) => n.id === dense)?.params.units).toBe(16);
    await page.getByTestId('dirty-indicator').waitFor({ state: 'detached' });

    // Save As always asks.
    await clickCommand(page, 'file.saveAs');
    await expect.poll(async () => (await logged()).slice(3)).toEqual(['savePicker Untitled.netwright', 'write chosen.netwright']);

    await newDocument(page);
    await page.evaluate((content) => {
      (window as unknown as { __nextOpen: unknown }).__nextOpen = { name: 'from-disk.netwright', content };
    }, secondWrite.content!);
    await clickCommand(page, 'file.open');
    await expectCanvas(page, sketch.expected());
  });
});
