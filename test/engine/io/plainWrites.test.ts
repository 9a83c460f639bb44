import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
/** The one module allowed to write files directly; everything else goes through it. */
const ATOMIC_MODULE = 'engine/io/atomicFile.ts';
// Direct writes that can leave a truncated file behind when the process dies mid-write.
const PLAIN_WRITE = /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|truncate|truncateSync)\s*\(/;

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|cts|mjs|js)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

describe('every write in engine/, cli/ and electron/ is atomic', () => {
  it('has no plain writeFile (or similar) outside the atomic module', () => {
    const offenders: string[] = [];
    for (const file of ['engine', 'cli', 'electron'].flatMap(sources)) {
      if (file === ATOMIC_MODULE) continue;
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (PLAIN_WRITE.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*')) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders, 'use writeFileAtomic / writeFilesAtomic from engine/io/atomicFile.ts').toEqual([]);
  });
});
