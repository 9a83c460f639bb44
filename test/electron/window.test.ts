import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow } from '../../electron/window';
import { denyEverything, guardWebContents, hardenSession } from '../../electron/security';
import { resolveDevServerUrl } from '../../electron/devServer';
import { FakeWebContents } from './fakes';

class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  readonly once = vi.fn();
  readonly on = vi.fn();
  readonly show = vi.fn();
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
}

function makeWindow(developer = false) {
  const openExternal = vi.fn();
  const window = createMainWindow({
    BrowserWindow: FakeBrowserWindow,
    preloadPath: '/app/dist/electron/preload.cjs',
    url: 'app://netwright/index.html',
    openExternal,
    developer,
  });
  return { window, openExternal };
}

describe('createMainWindow', () => {
  it('creates the window isolated, sandboxed and without Node', () => {
    const { window } = makeWindow();
    const prefs = window.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist/electron/preload.cjs',
      devTools: false,
    });
    expect(makeWindow(true).window.options.webPreferences!.devTools).toBe(true);
  });

  it('loads the app URL and shows the window once it is ready', () => {
    const { window } = makeWindow();
    expect(window.loaded).toEqual(['app://netwright/index.html']);
    expect(window.options.show).toBe(false);
    expect(window.once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
  });

  it('denies every navigation, sending only http(s) links to the system browser', () => {
    const { window, openExternal } = makeWindow();
    expect(window.webContents.fire('will-navigate', 'https://netwright.org/docs')).toBe(true);
    expect(window.webContents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(window.webContents.fire('will-navigate', 'app://netwright/other.html')).toBe(true);
    expect(window.webContents.fire('will-attach-webview')).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://netwright.org/docs']]);
  });

  it('denies new windows and opens only http(s) URLs externally', () => {
    const { window, openExternal } = makeWindow();
    const handler = window.webContents.openHandler!;
    for (const url of ['https://example.org/', 'http://example.org/', 'javascript:alert(1)', 'file:///tmp/x', 'smb://host/share', 'not a url']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://example.org/'], ['http://example.org/']]);
  });
});

describe('session and web contents hardening', () => {
  it('denies permission requests and checks, except clipboard writes', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((c: unknown, p: string) => boolean) | undefined;
    hardenSession({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'hid', 'fullscreen']) {
      const callback = vi.fn();
      request!(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!(null, permission)).toBe(false);
    }
    expect(check!(null, 'clipboard-sanitized-write')).toBe(true);
  });

  it('stops any other web contents from navigating, opening windows or attaching webviews', () => {
    const contents = new FakeWebContents();
    denyEverything(contents);
    expect(contents.fire('will-navigate', 'https://example.org')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
  });

  it('guards redirects too', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents, vi.fn());
    expect(contents.fire('will-redirect', 'https://example.org')).toBe(true);
  });
});

describe('dev server URL', () => {
  it('is used only unpackaged and only on this machine', () => {
    expect(resolveDevServerUrl('http://localhost:5173/', false)?.href).toBe('http://localhost:5173/');
    expect(resolveDevServerUrl('http://127.0.0.1:5173', false)?.host).toBe('127.0.0.1:5173');
    expect(resolveDevServerUrl('http://localhost:5173/', true)).toBeNull();
    expect(resolveDevServerUrl(undefined, false)).toBeNull();
    expect(() => resolveDevServerUrl('https://evil.example/', false)).toThrow(/localhost/);
    expect(() => resolveDevServerUrl('http://192.168.1.5:5173/', false)).toThrow(/localhost/);
    expect(() => resolveDevServerUrl('file:///tmp/index.html', false)).toThrow(/localhost/);
  });
});
