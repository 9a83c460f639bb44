import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('npm run build:electron', () => {
  it('bundles main and preload as CommonJS, with electron as the only external module', async () => {
    await run(process.execPath, ['scripts/build-electron.mjs'], { cwd: root });
    for (const bundle of ['main.cjs', 'preload.cjs']) {
      const code = await readFile(path.join(root, 'dist/electron', bundle), 'utf8');
      const required = new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]));
      if (bundle === 'preload.cjs') {
        // The sandboxed preload can require only a few built-ins; everything else must be bundled in.
        expect([...required]).toEqual(['electron']);
      } else {
        expect(required.has('electron')).toBe(true);
        for (const name of required) expect(name === 'electron' || name.startsWith('node:') || !name.includes('/')).toBe(true);
      }
    }
  });
});
