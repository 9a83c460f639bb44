/** Picks the host for where the renderer runs: Electron when the preload API is present, else the browser. */
import { createElectronHost } from './electronHost';
import type { Host } from './host';
import type { NetwrightApi } from './netwright';
import { createWebHost } from './webHost';

/** `scope` is the global object (window); tests pass their own. */
export function createHost(scope: { netwright?: NetwrightApi } = globalThis as { netwright?: NetwrightApi }): Host {
  return scope.netwright ? createElectronHost(scope.netwright) : createWebHost();
}
