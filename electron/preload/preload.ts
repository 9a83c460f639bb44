/**
 * The preload script: the only code that touches ipcRenderer. It exposes one typed API,
 * `window.netwright`, and nothing else of Electron or Node to the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './api';

contextBridge.exposeInMainWorld('netwright', createPreloadApi(ipcRenderer));
