/**
 * Loads the real bundled main process with a stand-in `electron` module, since the Electron binary
 * cannot run here, and checks how main.ts wires the window, protocol, IPC, menu and recovery together.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventFrom, FakeIpcMain, FakeWebContents } from './fakes';

const root = path.resolve(import.meta.dirname, '../..');

class FakeWindow {
  static all: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly handlers = new Map<string, ((event: { preventDefault(): void }) => void)[]>();
  readonly loadURL = vi.fn(async () => undefined);
  readonly setTitle = vi.fn();
  readonly setDocumentEdited = vi.fn();
  readonly show = vi.fn();
  readonly close = vi.fn(() => this.emit('close'));
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    FakeWindow.all.push(this);
  }
  on(event: string, handler: (event: { preventDefault(): void }) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  once(event: string, handler: (event: { preventDefault(): void }) => void): this {
    return this.on(event, handler);
  }
  /** Emits like Electron and reports whether a handler prevented the default. */
  emit(event: string): boolean {
    let prevented = false;
    for (const handler of this.handlers.get(event) ?? []) handler({ preventDefault: () => (prevented = true) });
    return prevented;
  }
}

let userData: string;
const ipcMain = new FakeIpcMain();
const electron = {
  app: {
    isPackaged: true,
    whenReady: async () => undefined,
    getPath: () => userData,
    on: vi.fn(),
    requestSingleInstanceLock: () => true,
    addRecentDocument: vi.fn(),
    quit: vi.fn(),
  },
  BrowserWindow: FakeWindow,
  dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })), showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
  ipcMain,
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (template: unknown[]) => ({ template }) },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } } },
  shell: { openExternal: vi.fn() },
};

let window: FakeWindow;
const appPage = eventFrom('app://netwright/index.html');
const fromWindow = () => ({ ...appPage, sender: window.webContents });

beforeAll(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'netwright-main-'));
  const outfile = path.join(userData, 'bundle', 'main.cjs');
  await build({ entryPoints: [path.join(root, 'electron/main.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['electron'], outfile, logLevel: 'silent' });
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? electron : originalLoad.call(this, request, ...rest);
  };
  try {
    createRequire(import.meta.url)(outfile);
  } finally {
    loader._load = originalLoad;
  }
  await vi.waitFor(() => expect(FakeWindow.all).toHaveLength(1));
  window = FakeWindow.all[0];
});
afterAll(async () => {
  await rm(userData, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('registers the app:// scheme as standard and secure, and serves it', () => {
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens one secure window on the app page, with the bundled preload', () => {
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(window.options.webPreferences.preload).toBe(path.join(userData, 'bundle', 'preload.cjs'));
    expect(window.loadURL).toHaveBeenCalledWith('app://netwright/index.html');
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
  });

  it('keeps recovery snapshots in userData through IPC', async () => {
    const snapshot = { savedAt: '2025-03-01T12:00:00.000Z', data: new TextEncoder().encode('{"format":"netwright-model"}') };
    expect(await ipcMain.invoke('netwright:recovery-write', fromWindow(), snapshot)).toEqual({ ok: true });
    expect(existsSync(path.join(userData, 'recovery.bin'))).toBe(true);
    expect(await ipcMain.invoke('netwright:recovery-read', fromWindow())).toEqual({ ok: true, value: snapshot });
  });

  it('saves export bytes through a native dialog on the asking window, without listing them as recent', async () => {
    const target = path.join(userData, 'cnn.onnx');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const data = new Uint8Array([8, 7, 18, 0, 255]);
    const request = { data, suggestedName: 'cnn.onnx', filters: [{ name: 'ONNX model', extensions: ['onnx'] }] };
    expect(await ipcMain.invoke('netwright:save-binary', fromWindow(), request)).toEqual({ ok: true, value: { name: 'cnn.onnx', path: target } });
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: 'cnn.onnx' }));
    expect(new Uint8Array(await readFile(target))).toEqual(data);
    expect(electron.app.addRecentDocument).not.toHaveBeenCalledWith(target);
    expect(await ipcMain.invoke('netwright:recent-files', fromWindow())).toEqual({ ok: true, value: [] });
  });

  it('installs the menu the renderer sends and sends clicks back as command ids', () => {
    ipcMain.emit('netwright:set-menu', fromWindow(), [{ label: 'File', items: [{ kind: 'command', commandId: 'file.open', label: 'Open…', enabled: true }] }]);
    const menu = electron.Menu.setApplicationMenu.mock.lastCall![0] as { template: { label?: string; submenu?: { click(): void }[] }[] };
    const file = menu.template.find((item) => item.label === 'File')!;
    file.submenu![0].click();
    expect(window.webContents.sent).toContainEqual(['netwright:menu-command', ['file.open']]);
  });

  it('titles the window from the renderer and ignores other senders', () => {
    ipcMain.emit('netwright:set-title', { ...appPage, sender: new FakeWebContents() }, { title: 'Intruder', dirty: false });
    expect(window.setTitle).not.toHaveBeenCalled();
    ipcMain.emit('netwright:set-title', fromWindow(), { title: '• LeNet-5 — Netwright', dirty: true });
    expect(window.setTitle).toHaveBeenCalledWith('• LeNet-5 — Netwright');
  });

  it('asks before closing with unsaved changes, and discarding clears the recovery snapshot', async () => {
    expect(window.emit('close')).toBe(true);
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ message: 'Discard unsaved changes?' }));
    await vi.waitFor(() => expect(window.close).toHaveBeenCalled());
    expect(existsSync(path.join(userData, 'recovery.bin'))).toBe(false);
  });
});
