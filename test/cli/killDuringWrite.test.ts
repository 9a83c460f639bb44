/**
 * The kill test: SIGTERM and SIGKILL at varied moments of `train` and `export` (the real binary) and
 * of a process that does nothing but write, over existing good outputs. After every kill each output
 * file is complete — the old version or the new one, never empty or truncated — and nothing but the
 * outputs is visible in the folder (temporaries are hidden, and removed by the next write).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../engine/io/atomicFile';
import { parseTrainedModel } from '../../engine/training/trainedFile';
import { CliProcess, netwright, root, sleep } from './helpers';
import { lineCsv, lineModel } from './fixtures/lineModel';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-kill-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const visible = async (folder: string) => (await readdir(folder)).filter((n) => !n.startsWith('.')).sort();

async function checkTrainOutput(out: string): Promise<void> {
  expect(await visible(out)).toEqual(['metrics.json', 'model.json']);
  const trained = parseTrainedModel(await readFile(path.join(out, 'model.json'), 'utf8'));
  expect(trained.weights['line/kernel']).toHaveLength(1);
  const metrics = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8'));
  expect(['completed', 'interrupted']).toContain(metrics.status);
}

describe('kill test: SIGTERM and SIGKILL during a write leave the previous file intact', () => {
  it('train', async () => {
    const model = path.join(dir, 'line.json');
    const csv = path.join(dir, 'line.csv');
    await writeFile(model, JSON.stringify(lineModel({ epochs: 3, lr: 0.1 })));
    await writeFile(csv, lineCsv());
    const out = path.join(dir, 'train-out');
    const args = ['train', model, '--dataset', csv, '--target', 'y', '--out', out];
    expect((await netwright(...args)).code).toBe(0);
    await checkTrainOutput(out);

    // [signal, what to wait for on stdout (null: nothing), then how long]; the writes follow the last epoch.
    const moments: [NodeJS.Signals, RegExp | null, number][] = [
      ['SIGKILL', /^epoch 1\//m, 0],
      ['SIGTERM', /^epoch 3\/3/m, 0],
      ['SIGKILL', /^epoch 3\/3/m, 3],
      ['SIGKILL', /^epoch 3\/3/m, 12],
    ];
    for (const [signal, after, delay] of moments) {
      const run = new CliProcess(args);
      if (after) await run.output(after);
      await sleep(delay);
      run.child.kill(signal);
      await run.exited;
      await checkTrainOutput(out);
    }
  }, 120_000);

  it('export', async () => {
    const trainedOut = path.join(dir, 'train-out');
    const out = path.join(dir, 'export-out');
    const args = ['export', path.join(trainedOut, 'model.json'), '--format', 'tfjs', '--out', out];
    const began = Date.now();
    expect((await netwright(...args)).code).toBe(0);
    const took = Date.now() - began;
    const files = await visible(out);
    const sizes = await Promise.all(files.map(async (f) => (await stat(path.join(out, f))).size));

    for (const [i, fraction] of [0.85, 0.95, 1].entries()) {
      const run = new CliProcess(args);
      await sleep(Math.round(took * fraction));
      run.child.kill(i % 2 === 0 ? 'SIGKILL' : 'SIGTERM');
      await run.exited;
      expect(await visible(out)).toEqual(files);
      expect(await Promise.all(files.map(async (f) => (await stat(path.join(out, f))).size))).toEqual(sizes);
      const manifest = JSON.parse(await readFile(path.join(out, 'model.json'), 'utf8'));
      expect(manifest.weightsManifest[0].paths).toEqual(['group1-shard1of1.bin']);
    }
  }, 120_000);

  it('a process killed while it writes leaves complete files, always', async () => {
    const file = path.join(dir, 'loop', 'big.json');
    const folder = path.join(dir, 'loop', 'pair');
    await mkdir(path.dirname(file));
    const complete = async (target: string, size: number) => {
      const json = JSON.parse(await readFile(target, 'utf8'));
      expect(json.size).toBe(size);
      expect(json.pad).toHaveLength(size);
      return json.n as number;
    };
    let last = 0;
    for (const delay of [0, 23, 61, 127]) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/cli/fixtures/writeLoop.ts'), file, folder], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        child.on('exit', (code) => reject(new Error(`the writing process ended by itself (${code})`)));
      });
      await sleep(delay);
      child.kill('SIGKILL');
      await exited;
      const n = await complete(file, 4 << 20);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(await visible(folder)).toEqual(['a.json', 'b.json']);
      await complete(path.join(folder, 'a.json'), 1 << 20);
      await complete(path.join(folder, 'b.json'), 1 << 20);
      expect(await visible(path.dirname(file))).toEqual(['big.json', 'pair']);
      last = n;
    }
    expect(last).toBeGreaterThanOrEqual(1);
    // The next write clears what the killed processes left hidden.
    await writeFileAtomic(file, '{}');
    expect(await readdir(path.dirname(file))).toEqual(['big.json', 'pair']);
  }, 120_000);
});
