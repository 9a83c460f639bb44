// Finding Electron's binary for `npm start`, and what to say when it is not there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron executable installed under `electronDir` (node_modules/electron), read the way
 * Electron's own index.js reads it (path.txt names the file inside dist/).
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function electronBinary(electronDir) {
  if (!existsSync(path.join(electronDir, 'package.json'))) return { ok: false, reason: 'the electron package is not installed' };
  let relative;
  try {
    relative = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    return { ok: false, reason: 'its binary has not been downloaded' };
  }
  const binary = path.join(electronDir, 'dist', relative);
  return existsSync(binary) ? { ok: true, path: binary } : { ok: false, reason: `its binary is missing (${binary})` };
}

/** What `npm start` says when it opens the browser instead of the desktop shell. */
export function desktopShellMissingMessage(reason) {
  return [
    `The Netwright desktop shell (Electron) is not available: ${reason}.`,
    'To get it, run this once where github.com (or your Electron mirror, set in ELECTRON_MIRROR) can be reached:',
    '  node node_modules/electron/install.js',
    'then "npm start" again. Meanwhile the same app opens in your browser.',
  ].join('\n');
}
