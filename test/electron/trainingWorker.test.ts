import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeTrainingHost } from '../../engine/training/nodeHost';
import type { WorkerMessage } from '../../engine/training/protocol';
import { trainingDataLocations } from '../../electron/training/dataLocations';
import { start, template } from '../engine/training/sessionHelpers';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

// Bundled like scripts/build-electron.mjs does it, into a folder of its own (no import.meta.url there).
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-worker-'));
  await build({
    absWorkingDir: root,
    entryPoints: ['engine/training/nodeWorker.ts'],
    outfile: path.join(dir, 'trainingWorker.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  for (const wasm of ['netwright-kernels.wasm', 'netwright-kernels-threads.wasm']) await copyFile(path.join(root, 'engine/kernels', wasm), path.join(dir, wasm));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bundled training worker (dist/electron/trainingWorker.cjs)', () => {
  it('trains from the bundle with the data and kernels the Electron main process points it at', async () => {
    const host = new NodeTrainingHost({
      workerFile: path.join(dir, 'trainingWorker.cjs'),
      workerData: { wasmDir: dir, dataLocations: trainingDataLocations(path.join(dir, 'no-build-here'), root) },
    });
    try {
      const done = new Promise<WorkerMessage>((resolve) => host.onMessage((m) => (m.type === 'done' || m.type === 'error') && resolve(m)));
      host.post(start(template('mlp-mnist.json', { dataset: { name: 'mnist', options: { samples: 1000 } }, epochs: 1 })));
      const result = await done;
      if (result.type !== 'done') throw new Error(`training failed: ${JSON.stringify(result)}`);
      expect(result.epochs).toHaveLength(1);
      expect(result.epochs[0].valAccuracy).toBeGreaterThan(0.5);
    } finally {
      await host.dispose();
    }
  });
});
