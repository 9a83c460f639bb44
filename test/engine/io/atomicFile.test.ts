import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputLocationError, checkOutputFile, checkOutputFolder, ensureDirectory, removeStaleTemporaries, writeFileAtomic, writeFilesAtomic } from '../../../engine/io/atomicFile';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const visible = async (folder: string) => (await readdir(folder)).filter((n) => !n.startsWith('.')).sort();
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const onLinux = process.platform === 'linux';

describe('writeFileAtomic', () => {
  it('replaces a file whole, keeps its permissions and leaves no temporary behind', async () => {
    const file = path.join(dir, 'model.json');
    await writeFile(file, 'old');
    await chmod(file, 0o600);
    await writeFileAtomic(file, 'new content');
    expect(await readFile(file, 'utf8')).toBe('new content');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['model.json']);
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
  });

  it('leaves the old file and no temporary when the write fails', async () => {
    const file = path.join(dir, 'model.json');
    await writeFile(file, 'old');
    await expect(writeFileAtomic(file, 42 as unknown as string)).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['model.json']);
  });

  it('removes temporaries left by processes that no longer exist, and keeps those of live ones', async () => {
    const dead = path.join(dir, '.model.json.2147483646-0123456789ab.tmp');
    const alive = path.join(dir, `.model.json.${process.pid}-0123456789ab.tmp`);
    await writeFile(dead, 'half');
    await writeFile(alive, 'in progress');
    await removeStaleTemporaries(dir);
    expect(await readdir(dir)).toEqual([path.basename(alive)]);
  });
});

describe('writeFilesAtomic', () => {
  const files = [
    { path: 'model.json', data: '{"a":1}' },
    { path: 'group1-shard1of1.bin', data: new Uint8Array([9, 9]) },
    { path: 'sub/readme.txt', data: 'nested' },
  ];

  it('creates a new folder with every file in one rename', async () => {
    const out = path.join(dir, 'a', 'b', 'export');
    await writeFilesAtomic(out, files);
    expect(await visible(out)).toEqual(['group1-shard1of1.bin', 'model.json', 'sub']);
    expect(await readFile(path.join(out, 'sub/readme.txt'), 'utf8')).toBe('nested');
    expect(await readdir(path.join(dir, 'a', 'b'))).toEqual(['export']);
  });

  it('replaces the files of an existing folder and keeps the rest of it', async () => {
    await writeFile(path.join(dir, 'model.json'), 'old');
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    await writeFilesAtomic(dir, files);
    expect(await readFile(path.join(dir, 'model.json'), 'utf8')).toBe('{"a":1}');
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['group1-shard1of1.bin', 'model.json', 'notes.txt', 'sub']));
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('leaves nothing behind when a write fails partway', async () => {
    const broken = [files[0], { path: 'second.json', data: 42 as unknown as string }];
    const fresh = path.join(dir, 'fresh');
    await expect(writeFilesAtomic(fresh, broken)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);

    await writeFile(path.join(dir, 'model.json'), 'old');
    await expect(writeFilesAtomic(dir, broken)).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['model.json']);
    expect(await readFile(path.join(dir, 'model.json'), 'utf8')).toBe('old');
  });

  it('refuses file names that leave the folder', async () => {
    await expect(writeFilesAtomic(path.join(dir, 'out'), [{ path: '../escape.txt', data: 'x' }])).rejects.toThrow(/leaves its folder/);
    await expect(writeFilesAtomic(path.join(dir, 'out'), [{ path: '/etc/x', data: 'x' }])).rejects.toThrow(/leaves its folder/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('output locations are checked before any work', () => {
  it('accepts a new or existing writable folder and leaves nothing behind', async () => {
    await checkOutputFolder(dir, ['model.json']);
    await checkOutputFolder(path.join(dir, 'new', 'deeper'));
    await checkOutputFile(path.join(dir, 'new', 'model.json'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an existing file, a path through a file and a folder where a file goes', async () => {
    await writeFile(path.join(dir, 'file'), 'x');
    await expect(checkOutputFolder(path.join(dir, 'file'))).rejects.toThrow(/it is a file, not a folder/);
    await expect(checkOutputFolder(path.join(dir, 'file', 'sub'))).rejects.toThrow(/is a file, not a folder/);
    await mkdir(path.join(dir, 'out', 'model.json'), { recursive: true });
    await expect(checkOutputFolder(path.join(dir, 'out'), ['model.json'])).rejects.toThrow(/model\.json is a folder/);
    await expect(checkOutputFile(path.join(dir, 'out'))).rejects.toBeInstanceOf(OutputLocationError);
  });

  // Root writes through permissions, so there the read-only folder is one of sysfs's (CI runs as root).
  it.skipIf(isRoot && !onLinux)('refuses a read-only folder', async () => {
    const locked = isRoot ? '/sys/kernel' : path.join(dir, 'locked');
    if (!isRoot) {
      await mkdir(locked);
      await chmod(locked, 0o500);
    }
    try {
      await expect(checkOutputFolder(locked)).rejects.toThrow(/does not accept new files \(permission denied\)/);
      await expect(checkOutputFolder(path.join(locked, 'sub'))).rejects.toThrow(/a folder cannot be created/);
    } finally {
      if (!isRoot) await chmod(locked, 0o700);
    }
  });

  it.skipIf(!onLinux)('refuses /proc/x at once instead of looping like mkdir -p does', async () => {
    const began = Date.now();
    await expect(checkOutputFolder('/proc/x')).rejects.toThrow(/a folder cannot be created in \/proc/);
    await expect(ensureDirectory('/proc/x/y')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(writeFilesAtomic('/proc/x', [{ path: 'a', data: 'b' }])).rejects.toThrow();
    expect(Date.now() - began).toBeLessThan(2000);
  });
});
