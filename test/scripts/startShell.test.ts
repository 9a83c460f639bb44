import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { desktopShellMissingMessage, electronBinary } from '../../scripts/startShell.mjs';

describe('npm start: finding the desktop shell', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const electronPackage = (files: Record<string, string>): string => {
    dir = mkdtempSync(join(tmpdir(), 'netwright-electron-'));
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    return dir;
  };

  it('finds the binary named by path.txt, as Electron itself does', () => {
    const electron = electronPackage({ 'package.json': '{}', 'path.txt': 'electron', 'dist/electron': '' });
    expect(electronBinary(electron)).toEqual({ ok: true, path: join(electron, 'dist', 'electron') });
  });

  it('says why when the package was installed without its binary, or not at all', () => {
    expect(electronBinary(electronPackage({ 'package.json': '{}' }))).toEqual({ ok: false, reason: 'its binary has not been downloaded' });
    expect(electronBinary(electronPackage({ 'package.json': '{}', 'path.txt': 'electron' })).reason).toMatch(/binary is missing/);
    expect(electronBinary(join(electronPackage({}), 'nothing-here')).reason).toBe('the electron package is not installed');
  });

  it('tells a person what is missing, how to get it, and that the browser opens instead', () => {
    const message = desktopShellMissingMessage('RequestError: getaddrinfo ENOTFOUND github.com');
    expect(message).toContain('desktop shell (Electron) is not available: RequestError: getaddrinfo ENOTFOUND github.com.');
    expect(message).toContain('node node_modules/electron/install.js');
    expect(message).toContain('ELECTRON_MIRROR');
    expect(message).toContain('opens in your browser');
  });
});
