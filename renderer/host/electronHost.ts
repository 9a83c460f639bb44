/** The Host for the desktop app: a thin layer over the preload's `window.netwright` API. */
import type { Host } from './host';
import type { NetwrightApi } from './netwright';
import { formatWindowTitle } from './windowTitle';

/** Wraps the preload API; `api` is `window.netwright`. */
export function createElectronHost(api: NetwrightApi): Host {
  return {
    kind: 'electron',
    openFile: () => api.openFile(),
    openRecent: (path) => api.openRecent(path),
    openModelFiles: () => api.openModelFiles(),
    saveFile: (request) => api.saveFile(request),
    saveBinary: (request) => api.saveBinary(request),
    recentFiles: () => api.recentFiles(),
    writeRecovery: (snapshot) => api.writeRecovery(snapshot),
    readRecovery: () => api.readRecovery(),
    clearRecovery: () => api.clearRecovery(),
    setMenu: (sections) => api.setMenu(sections),
    onMenuCommand: (listener) => api.onMenuCommand(listener),
    setTitle: (title, dirty) => api.setTitle(formatWindowTitle(title, dirty), dirty),
    training: api.training,
  };
}
