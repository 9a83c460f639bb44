import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers } from '../../electron/ipc/handlers';
import { APP_ORIGIN, createSenderCheck } from '../../electron/ipc/senders';
import { createSaveBinaryService, type SaveDialogs } from '../../electron/ipc/saveBinary';
import { eventFrom, FakeIpcMain } from './fakes';

const appPage = eventFrom(`${APP_ORIGIN}/index.html`);
const onnxFilter = { name: 'ONNX model', extensions: ['onnx'] };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The real save-binary service behind the real handlers, with a dialog that answers `choice`. */
function saveThroughIpc(choice: { canceled: boolean; filePath?: string }) {
  const showSaveDialog = vi.fn<SaveDialogs['showSaveDialog']>(async () => choice);
  const ipcMain = new FakeIpcMain();
  const unused = () => Promise.reject(new Error('not expected'));
  registerIpcHandlers({
    ipcMain,
    isTrustedSender: createSenderCheck([APP_ORIGIN]),
    invoke: {
      'netwright:open-file': unused,
      'netwright:open-recent': unused,
      'netwright:save-file': unused,
      'netwright:recent-files': unused,
      'netwright:recovery-write': unused,
      'netwright:recovery-read': unused,
      'netwright:open-model': unused,
      'netwright:recovery-clear': unused,
      'netwright:save-binary': createSaveBinaryService({ showSaveDialog }),
    },
    send: { 'netwright:set-menu': vi.fn(), 'netwright:set-title': vi.fn() },
    warn: vi.fn(),
  });
  return { ipcMain, showSaveDialog };
}

describe('saving binary files', () => {
  it('asks where to save with the filters, writes the bytes exactly, and leaves no temporary file', async () => {
    const target = path.join(dir, 'cnn.onnx');
    const { ipcMain, showSaveDialog } = saveThroughIpc({ canceled: false, filePath: target });
    const data = new Uint8Array([0x08, 0x07, 0x12, 0x00, 0xff, 0x80]);
    const answer = await ipcMain.invoke('netwright:save-binary', appPage, { data, suggestedName: 'cnn.onnx', filters: [onnxFilter] });
    expect(answer).toEqual({ ok: true, value: { name: 'cnn.onnx', path: target } });
    expect(new Uint8Array(await readFile(target))).toEqual(data);
    expect(await readdir(dir)).toEqual(['cnn.onnx']);
    expect(showSaveDialog).toHaveBeenCalledWith({ title: 'Export', defaultPath: 'cnn.onnx', filters: [onnxFilter, { name: 'All files', extensions: ['*'] }] });
  });

  it('answers null and writes nothing when the person cancels', async () => {
    const { ipcMain } = saveThroughIpc({ canceled: true });
    const answer = await ipcMain.invoke('netwright:save-binary', appPage, { data: new Uint8Array([1]), suggestedName: 'cnn.onnx' });
    expect(answer).toEqual({ ok: true, value: null });
    expect(await readdir(dir)).toEqual([]);
  });

  it('adds the extension to a bare name and proposes a name, never a folder', async () => {
    const { ipcMain, showSaveDialog } = saveThroughIpc({ canceled: false, filePath: path.join(dir, 'mnist') });
    const request = { data: new Uint8Array([80, 75]), suggestedName: '../../etc/mnist-tfjs.zip', filters: [{ name: 'Zip archive', extensions: ['zip'] }] };
    expect(await ipcMain.invoke('netwright:save-binary', appPage, request)).toMatchObject({ ok: true, value: { name: 'mnist.zip' } });
    expect(showSaveDialog.mock.lastCall![0].defaultPath).toBe('mnist-tfjs.zip');
    expect(await readdir(dir)).toEqual(['mnist.zip']);
  });

  it('explains a failed write, naming the file', async () => {
    const target = path.join(dir, 'missing-folder', 'cnn.onnx');
    const { ipcMain } = saveThroughIpc({ canceled: false, filePath: target });
    const answer = await ipcMain.invoke('netwright:save-binary', appPage, { data: new Uint8Array([1]), suggestedName: 'cnn.onnx' });
    expect(answer).toEqual({ ok: false, error: `Could not write ${target}: its folder does not exist.` });
  });
});
