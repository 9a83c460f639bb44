/**
 * The one factory for application windows. Every window Netwright opens comes from here, so the
 * security settings below hold everywhere: isolated, sandboxed, no Node, no navigation, no pop-ups.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { guardWebContents, type GuardedContents } from './security';

/** The part of Electron's BrowserWindow the factory and main.ts use; tests pass a fake constructor. */
export interface MainWindowLike {
  webContents: GuardedContents & { send(channel: string, ...args: unknown[]): void };
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export interface MainWindowOptions<W extends MainWindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  preloadPath: string;
  /** app://netwright/index.html, or the Vite dev server in development. */
  url: string;
  openExternal: (url: string) => unknown;
  /** Development builds keep the developer tools. */
  developer: boolean;
}

/** The webPreferences every Netwright window uses. */
export function secureWebPreferences(preloadPath: string, developer: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: developer,
  };
}

/** Creates the main window, guards its web contents and starts loading the renderer. */
export function createMainWindow<W extends MainWindowLike>(options: MainWindowOptions<W>): W {
  const window = new options.BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Netwright',
    show: false,
    backgroundColor: '#1e1f22',
    webPreferences: secureWebPreferences(options.preloadPath, options.developer),
  });
  guardWebContents(window.webContents, options.openExternal);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
