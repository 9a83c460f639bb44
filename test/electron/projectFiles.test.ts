import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProjectFileService, type ProjectDialogs } from '../../electron/projectFiles';
import { createRecentFilesStore, type RecentFilesStore } from '../../electron/recentFiles';

let dir: string;
let recent: RecentFilesStore;
let dialogs: { showOpenDialog: ReturnType<typeof vi.fn>; showSaveDialog: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-files-'));
  recent = createRecentFilesStore(path.join(dir, 'recent.json'));
  dialogs = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const service = () => createProjectFileService(dialogs as unknown as ProjectDialogs, recent);

describe('project file service', () => {
  it('opens the file the person picks and puts it on the recent list', async () => {
    const file = path.join(dir, 'mlp.netwright');
    await writeFile(file, '{"name":"mlp"}');
    dialogs.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [file] });
    expect(await service().openFile()).toEqual({ name: 'mlp.netwright', path: file, data: bytes('{"name":"mlp"}') });
    expect(await recent.list()).toEqual([{ name: 'mlp.netwright', path: file }]);
  });

  it('returns null when the open dialog is cancelled', async () => {
    dialogs.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await service().openFile()).toBeNull();
  });

  it('reads only paths from the recent list or chosen in a dialog', async () => {
    const secret = path.join(dir, 'secret.txt');
    await writeFile(secret, 'token');
    await expect(service().openRecent(secret)).rejects.toThrow(/not among the recent files/);
  });

  it('prunes a recent file that has gone missing, with a message naming it', async () => {
    const file = path.join(dir, 'gone.netwright');
    await writeFile(file, '{}');
    await recent.add(file);
    await rm(file);
    await expect(service().openRecent(file)).rejects.toThrow(`gone.netwright is no longer at ${file}`);
    expect(await recent.has(file)).toBe(false);
  });

  it('asks where to save a new project, adds the extension, and then saves there without asking', async () => {
    const files = service();
    const chosen = path.join(dir, 'lenet');
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen });
    const saved = await files.saveFile({ data: bytes('v1'), suggestedName: 'LeNet.netwright', saveAs: false });
    expect(saved).toEqual({ name: 'lenet.netwright', path: `${chosen}.netwright` });
    expect(dialogs.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: 'LeNet.netwright' }));

    await files.saveFile({ data: bytes('v2'), path: saved!.path, suggestedName: 'LeNet.netwright', saveAs: false });
    expect(dialogs.showSaveDialog).toHaveBeenCalledTimes(1);
    expect(await readFile(saved!.path!, 'utf8')).toBe('v2');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await recent.list())[0].path).toBe(saved!.path);
  });

  it('does not write to a path the person never chose; it asks instead', async () => {
    const target = path.join(dir, 'elsewhere.netwright');
    dialogs.showSaveDialog.mockResolvedValue({ canceled: true });
    expect(await service().saveFile({ data: bytes('x'), path: target, suggestedName: 'm.netwright', saveAs: false })).toBeNull();
    expect(dialogs.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: target }));
    await expect(readFile(target)).rejects.toThrow();
  });

  it('"Save As" always asks, even for a known path', async () => {
    const files = service();
    const file = path.join(dir, 'a.netwright');
    await writeFile(file, '{}');
    dialogs.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [file] });
    await files.openFile();
    const copy = path.join(dir, 'b.netwright');
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: copy });
    expect(await files.saveFile({ data: bytes('new'), path: file, suggestedName: 'a.netwright', saveAs: true })).toEqual({ name: 'b.netwright', path: copy });
    expect(await readFile(file, 'utf8')).toBe('{}');
  });

  it('opens and saves a project archive byte for byte', async () => {
    const files = service();
    const archive = new Uint8Array(4096).map((_, i) => (i * 37) & 255);
    archive.set([0x50, 0x4b, 0x03, 0x04]);
    const chosen = path.join(dir, 'runs.netwright');
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen });
    await files.saveFile({ data: archive, suggestedName: 'runs.netwright', saveAs: false });
    expect(new Uint8Array(await readFile(chosen))).toEqual(archive);
    dialogs.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [chosen] });
    expect((await files.openFile())!.data).toEqual(archive);
  });

  it('reports a write failure with the path and the reason', async () => {
    dialogs.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(dir, 'missing-folder', 'm.netwright') });
    await expect(service().saveFile({ data: bytes('x'), suggestedName: 'm.netwright', saveAs: false })).rejects.toThrow(
      /Could not write .*missing-folder.*its folder does not exist/,
    );
  });
});
