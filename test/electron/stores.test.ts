import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecentFilesStore, RECENT_FILES_LIMIT } from '../../electron/recentFiles';
import { createRecoveryStore, encodeRecovery } from '../../electron/recoveryStore';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-stores-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function project(name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, '{}');
  return file;
}

describe('recent files', () => {
  it('lists the most recently used first, without duplicates, and survives a restart', async () => {
    const [a, b, c] = [await project('a.netwright'), await project('b.netwright'), await project('c.netwright')];
    const store = createRecentFilesStore(path.join(dir, 'recent.json'));
    await store.add(a);
    await store.add(b);
    await store.add(c);
    await store.add(a);
    const reopened = createRecentFilesStore(path.join(dir, 'recent.json'));
    expect(await reopened.list()).toEqual([
      { name: 'a.netwright', path: a },
      { name: 'c.netwright', path: c },
      { name: 'b.netwright', path: b },
    ]);
  });

  it(`keeps at most ${RECENT_FILES_LIMIT}`, async () => {
    const store = createRecentFilesStore(path.join(dir, 'recent.json'));
    const files: string[] = [];
    for (let i = 0; i < RECENT_FILES_LIMIT + 3; i++) files.push(await project(`m${i}.netwright`));
    for (const file of files) await store.add(file);
    const list = await store.list();
    expect(list).toHaveLength(RECENT_FILES_LIMIT);
    expect(list[0].path).toBe(files.at(-1));
    expect(list.map((f) => f.path)).not.toContain(files[0]);
  });

  it('drops files that no longer exist, and remembers that it did', async () => {
    const [a, b] = [await project('a.netwright'), await project('b.netwright')];
    const storePath = path.join(dir, 'recent.json');
    const store = createRecentFilesStore(storePath);
    await store.add(a);
    await store.add(b);
    await rm(b);
    expect((await store.list()).map((f) => f.path)).toEqual([a]);
    expect(JSON.parse(await readFile(storePath, 'utf8')).paths).toEqual([a]);
  });

  it('does not lose entries added concurrently', async () => {
    const files = await Promise.all(['a', 'b', 'c', 'd'].map((n) => project(`${n}.netwright`)));
    const store = createRecentFilesStore(path.join(dir, 'recent.json'));
    await Promise.all(files.map((f) => store.add(f)));
    expect(await store.list()).toHaveLength(4);
  });

  it('reads a damaged store as an empty list instead of failing', async () => {
    const storePath = path.join(dir, 'recent.json');
    await writeFile(storePath, '{"paths": [oops');
    const store = createRecentFilesStore(storePath);
    expect(await store.list()).toEqual([]);
    const a = await project('a.netwright');
    await store.add(a);
    expect((await store.list()).map((f) => f.path)).toEqual([a]);
  });
});

describe('recovery store', () => {
  const snapshot = { savedAt: '2025-01-01T10:00:00.000Z', origin: '/p/model.netwright', data: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 255, 7]) };

  it('keeps the latest snapshot across restarts until cleared', async () => {
    const file = path.join(dir, 'recovery.json');
    await createRecoveryStore(file).write({ ...snapshot, data: new TextEncoder().encode('old') });
    await createRecoveryStore(file).write(snapshot);
    expect(await createRecoveryStore(file).read()).toEqual(snapshot);
    await createRecoveryStore(file).clear();
    expect(await createRecoveryStore(file).read()).toBeNull();
  });

  it('reads nothing when there is no snapshot or it is damaged', async () => {
    const file = path.join(dir, 'recovery.json');
    expect(await createRecoveryStore(file).read()).toBeNull();
    await writeFile(file, '{"savedAt": 1}');
    expect(await createRecoveryStore(file).read()).toBeNull();
    await writeFile(file, 'not json');
    expect(await createRecoveryStore(file).read()).toBeNull();
    // A header that claims more bytes than the file has, and one that is not JSON.
    const damaged = encodeRecovery(snapshot);
    new DataView(damaged.buffer).setUint32(8, 1e6, true);
    await writeFile(file, damaged);
    expect(await createRecoveryStore(file).read()).toBeNull();
    const garbled = encodeRecovery(snapshot);
    garbled[13] = 0x7b;
    await writeFile(file, garbled);
    expect(await createRecoveryStore(file).read()).toBeNull();
    await expect(createRecoveryStore(path.join(dir, 'absent.json')).clear()).resolves.toBeUndefined();
  });
});
