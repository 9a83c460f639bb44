/**
 * The Electron main process: wires the secure window, the app:// protocol, IPC services, the menu and
 * the project-file stores together. Logic lives in the modules it imports, which are tested in Node.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { resolveDevServerUrl } from './devServer';
import { registerIpcHandlers } from './ipc/handlers';
import { createImportModelService } from './ipc/importModel';
import { createSaveBinaryService } from './ipc/saveBinary';
import { APP_ORIGIN, APP_SCHEME, createSenderCheck, originOf } from './ipc/senders';
import { buildMenuTemplate } from './menu';
import { createProjectFileService, type ProjectDialogs } from './projectFiles';
import { createRecentFilesStore } from './recentFiles';
import { createRecoveryStore } from './recoveryStore';
import { denyEverything, developmentContentSecurityPolicy, hardenSession, isSafeExternalUrl } from './security';
import { createMainWindow } from './window';
import { NodeTrainingHost } from '../engine/training/nodeHost';
import { trainingDataLocations } from './training/dataLocations';
import { registerTrainingIpc } from './training/trainingIpc';

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const developer = !app.isPackaged;
const devServer = resolveDevServerUrl(process.env.NETWRIGHT_DEV_URL, app.isPackaged);
const rendererUrl = devServer ? devServer.href : `${APP_ORIGIN}/index.html`;
const trustedOrigins = [devServer ? originOf(devServer.href)! : APP_ORIGIN];

let mainWindow: BrowserWindow | null = null;
/** Mirrors the renderer's dirty flag (sent with every title change) for the close confirmation. */
let dirty = false;

const openExternal = (url: string): void => {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
};

function installMenu(sections: Parameters<typeof buildMenuTemplate>[0]): void {
  const template = buildMenuTemplate(sections, {
    platform: process.platform,
    developer,
    onCommand: (commandId) => mainWindow?.webContents.send('netwright:menu-command', commandId),
  });
  Menu.setApplicationMenu(template.length ? Menu.buildFromTemplate(template) : null);
}

function openMainWindow(onDiscard: () => Promise<void>): void {
  const window = createMainWindow({
    BrowserWindow,
    preloadPath: path.join(__dirname, 'preload.cjs'),
    url: rendererUrl,
    openExternal,
    developer,
  });
  let closeConfirmed = false;
  window.on('close', (event) => {
    if (!dirty || closeConfirmed) return;
    event.preventDefault();
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        buttons: ['Discard changes', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: 'Discard unsaved changes?',
        detail: 'The model has changes that are not saved. Closing the window discards them.',
      })
      .then(async ({ response }) => {
        if (response !== 0) return;
        closeConfirmed = true;
        await onDiscard().catch(() => undefined);
        window.close();
      });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    dirty = false;
  });
  mainWindow = window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const recent = createRecentFilesStore(path.join(userData, 'recent-files.json'));
  const recovery = createRecoveryStore(path.join(userData, 'recovery.bin'));

  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => denyEverything(contents));
  if (devServer) {
    const policy = developmentContentSecurityPolicy(originOf(devServer.href)!);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } }),
    );
  } else {
    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(__dirname, '..', 'renderer')));
  }

  const parent = (): BrowserWindow | undefined => mainWindow ?? undefined;
  const dialogs: ProjectDialogs = {
    showOpenDialog: (options) => (parent() ? dialog.showOpenDialog(parent()!, options) : dialog.showOpenDialog(options)),
    showSaveDialog: (options) => (parent() ? dialog.showSaveDialog(parent()!, options) : dialog.showSaveDialog(options)),
  };
  const files = createProjectFileService(dialogs, recent);
  // Exports use the same save dialog but stay off the recent lists (the app's and the OS's).
  const saveBinary = createSaveBinaryService(dialogs);
  const importModel = createImportModelService(dialogs);
  /** Also lists the file in the OS's own recent documents (Dock / jump list). */
  const withOsRecent = <T extends { path?: string } | null>(file: T): T => {
    if (file?.path) app.addRecentDocument(file.path);
    return file;
  };
  const fromMainWindow = (sender: unknown): boolean => mainWindow !== null && sender === mainWindow.webContents;

  registerIpcHandlers({
    ipcMain,
    isTrustedSender: createSenderCheck(trustedOrigins),
    warn: (message) => console.warn(`[netwright] ${message}`),
    invoke: {
      'netwright:open-file': async () => withOsRecent(await files.openFile()),
      'netwright:open-recent': async (filePath) => withOsRecent(await files.openRecent(filePath)),
      'netwright:save-file': async (request) => withOsRecent(await files.saveFile(request)),
      'netwright:recent-files': () => recent.list(),
      'netwright:recovery-write': (snapshot) => recovery.write(snapshot),
      'netwright:recovery-read': () => recovery.read(),
      'netwright:recovery-clear': () => recovery.clear(),
      'netwright:save-binary': (request) => saveBinary(request),
      'netwright:open-model': () => importModel(),
    },
    send: {
      'netwright:set-menu': (sections, sender) => {
        if (fromMainWindow(sender)) installMenu(sections);
      },
      'netwright:set-title': ({ title, dirty: isDirty }, sender) => {
        if (!fromMainWindow(sender) || !mainWindow) return;
        dirty = isDirty;
        mainWindow.setTitle(title);
        if (process.platform === 'darwin') mainWindow.setDocumentEdited(isDirty);
      },
    },
  });

  // Training runs in a worker thread (the bundled engine/training/nodeWorker.ts), started on first use.
  const training = new NodeTrainingHost({
    workerFile: path.join(__dirname, 'trainingWorker.cjs'),
    workerData: { wasmDir: __dirname, dataLocations: trainingDataLocations(__dirname, path.join(__dirname, '..', '..')) },
  });
  registerTrainingIpc({
    ipcMain,
    host: training,
    isTrustedSender: createSenderCheck(trustedOrigins),
    isMainWindow: fromMainWindow,
    target: () => mainWindow?.webContents ?? null,
    warn: (message) => console.warn(`[netwright] ${message}`),
  });
  app.on('will-quit', () => void training.dispose());

  installMenu([]);
  openMainWindow(() => recovery.clear());
  app.on('activate', () => {
    if (!mainWindow) openMainWindow(() => recovery.clear());
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((err: unknown) => {
    dialog.showErrorBox('Netwright could not start', err instanceof Error ? (err.stack ?? err.message) : String(err));
    app.quit();
  });
}
