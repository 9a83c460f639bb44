import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrainedModel } from '../../engine/training/trainedFile';
import { netwright as netwrightBinary, netwrightInProcess as netwright } from './helpers';
import { lineCsv, lineModel } from './fixtures/lineModel';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let dir: string;
let model: string;
let csv: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-outputs-'));
  model = path.join(dir, 'line.json');
  csv = path.join(dir, 'line.csv');
  await writeFile(model, JSON.stringify(lineModel({ epochs: 2, lr: 0.1 })));
  await writeFile(csv, lineCsv());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const train = (out: string, ...more: string[]) => netwright('train', model, '--dataset', csv, '--target', 'y', '--out', out, ...more);

describe('the output location is checked before training starts', () => {
  it('refuses --out that is an existing file, exit 2, before any epoch', async () => {
    const file = path.join(dir, 'taken');
    await writeFile(file, 'keep me');
    const { code, stdout, stderr } = await train(file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`netwright train: cannot write to ${file}: it is a file, not a folder.\nhint: Choose a folder you can write to with --out.\n`);
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });

  it('refuses a folder that cannot be created (a file in the way), exit 2', async () => {
    const { code, stdout, stderr } = await train(path.join(dir, 'taken', 'run1'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${path.join(dir, 'taken')} is a file, not a folder`);
  });

  it('refuses an output folder with a folder where model.json goes', async () => {
    await mkdir(path.join(dir, 'odd', 'model.json'), { recursive: true });
    const { code, stderr } = await train(path.join(dir, 'odd'));
    expect(code).toBe(2);
    expect(stderr).toContain('model.json is a folder');
  });

  // Root writes through permissions, so there the read-only folder is one of sysfs's (CI runs as root).
  it.skipIf(isRoot && process.platform !== 'linux')('refuses a read-only folder, exit 2', async () => {
    const locked = isRoot ? '/sys/kernel' : path.join(dir, 'locked');
    if (!isRoot) {
      await mkdir(locked);
      await chmod(locked, 0o500);
    }
    try {
      const { code, stdout, stderr } = await train(locked);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('does not accept new files (permission denied)');
    } finally {
      if (!isRoot) await chmod(locked, 0o700);
    }
  });

  it.skipIf(process.platform !== 'linux')('refuses --out /proc/x at once (it used to hang in mkdir -p), with the real binary', async () => {
    const began = Date.now();
    const { code, stdout, stderr } = await netwrightBinary('train', model, '--dataset', csv, '--target', 'y', '--out', '/proc/x');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('netwright train: cannot write to /proc/x: a folder cannot be created in /proc');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - began).toBeLessThan(30_000);
  }, 40_000);

  it('export and import check their output the same way', async () => {
    const out = path.join(dir, 'trained');
    expect((await train(out)).code).toBe(0);
    const taken = path.join(dir, 'taken');
    const exported = await netwright('export', path.join(out, 'model.json'), '--format', 'tfjs', '--out', taken);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain(`cannot write to ${taken}: it is a file, not a folder.`);
    const imported = await netwright('import', path.join(out, 'model.json'), '--out', path.join(taken, 'x.json'));
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain('is a file, not a folder');
    const intoFolder = await netwright('import', path.join(out, 'model.json'), '--out', dir);
    expect(intoFolder.code).toBe(2);
    expect(intoFolder.stderr).toContain('it is a folder, not a file');
  });

  it('train writes into a new nested folder, and again over its own output, leaving only its two files', async () => {
    const out = path.join(dir, 'runs', 'a', 'b');
    expect((await train(out)).code).toBe(0);
    const first = await readFile(path.join(out, 'model.json'), 'utf8');
    const again = await train(out, '--seed', '7');
    expect(again.code).toBe(0);
    expect(await readdir(out)).toEqual(['metrics.json', 'model.json']);
    expect(await readFile(path.join(out, 'model.json'), 'utf8')).not.toBe(first);
    expect(parseTrainedModel(await readFile(path.join(out, 'model.json'), 'utf8')).weights['line/kernel']).toHaveLength(1);
    const metrics = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8'));
    expect(metrics).toMatchObject({ status: 'completed', reason: 'All 2 epochs ran.', epoch: 2 });
  });
});
