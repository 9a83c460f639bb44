import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DATASETS, availableDatasets, loadDataset } from '../../../engine/data';
import { createNodeDataIo } from '../../../engine/data/nodeIo';
import { encodeIdxUint8 } from '../../../engine/data/idx';

const io = createNodeDataIo();

function labelRange(y: Int32Array | Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of y) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return [min, max];
}

describe('MNIST', () => {
  it('loads 60000 training and 10000 test images of 28×28×1 with labels 0..9 and pixels in [0, 1]', async () => {
    const d = await loadDataset('mnist', {}, io);
    expect(d.train.count).toBe(60000);
    expect(d.test.count).toBe(10000);
    expect(d.train.sampleShape).toEqual([28, 28, 1]);
    expect(d.train.x.length).toBe(60000 * 784);
    expect(d.train.y).toBeInstanceOf(Int32Array);
    expect(labelRange(d.train.y)).toEqual([0, 9]);
    expect(labelRange(d.test.y)).toEqual([0, 9]);
    let max = 0;
    for (let i = 0; i < d.test.x.length; i++) max = Math.max(max, d.test.x[i]);
    expect(max).toBe(1);
    // Every digit is well represented (MNIST has 5421..6742 training images per class).
    const counts = new Array(10).fill(0);
    for (const label of d.train.y) counts[label]++;
    expect(Math.min(...counts)).toBeGreaterThan(5000);
  });

  it('takes the first N training images with the samples option', async () => {
    const d = await loadDataset('mnist', { samples: 1000 }, io);
    expect(d.train.count).toBe(1000);
    expect(d.meta.trainCount).toBe(1000);
    expect(d.test.count).toBe(10000);
  });
});

describe('scikit-learn CSVs', () => {
  const cases = [
    { id: 'iris', total: 150, features: 4, classes: 3 },
    { id: 'wine', total: 178, features: 13, classes: 3 },
    { id: 'breast-cancer', total: 569, features: 30, classes: 2 },
    { id: 'digits', total: 1797, features: 64, classes: 10 },
  ];
  for (const c of cases) {
    it(`${c.id}: ${c.total}×${c.features}, ${c.classes} classes, 20% stratified test hold-out`, async () => {
      const d = await loadDataset(c.id, {}, io);
      expect(d.train.count + d.test.count).toBe(c.total);
      expect(d.test.count).toBe(Math.round(0.2 * c.total));
      expect(d.train.x.length / d.train.count).toBe(c.features);
      expect(d.meta.classes).toHaveLength(c.classes);
      expect(labelRange(d.train.y)).toEqual([0, c.classes - 1]);
      expect(labelRange(d.test.y)).toEqual([0, c.classes - 1]);
      expect(d.meta.trainCount).toBe(d.train.count);
    });
  }

  it('gives iris a test set of 10 flowers per species and keeps it the same on every load', async () => {
    const a = await loadDataset('iris', {}, io);
    const b = await loadDataset('iris', {}, io);
    const counts = [0, 0, 0];
    for (const label of a.test.y) counts[label]++;
    expect(counts).toEqual([10, 10, 10]);
    expect(Array.from(a.test.x)).toEqual(Array.from(b.test.x));
  });

  it('shapes digits as 8×8×1 images scaled to [0, 1]', async () => {
    const d = await loadDataset('digits', {}, io);
    expect(d.meta.inputShape).toEqual([8, 8, 1]);
    expect(d.train.sampleShape).toEqual([8, 8, 1]);
    expect(Math.max(...d.train.x)).toBe(1);
  });
});

describe('availability and the registry', () => {
  it('lists Fashion-MNIST only where its files exist', () => {
    const without = availableDatasets(createNodeDataIo({ fashionMnistDir: join(tmpdir(), 'no-such-folder') })).map((m) => m.id);
    expect(without).not.toContain('fashion-mnist');
    expect(without).toEqual(expect.arrayContaining(['mnist', 'iris', 'wine', 'breast-cancer', 'digits', 'spirals', 'xor', 'moons', 'circles', 'blobs', 'sine']));
  });

  it('reads gzipped Fashion-MNIST IDX files from the folder it is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netwright-fashion-'));
    const write = (name: string, dims: number[], values: Uint8Array) => writeFileSync(join(dir, name), gzipSync(encodeIdxUint8(dims, values)));
    write('train-images-idx3-ubyte.gz', [6, 28, 28], new Uint8Array(6 * 784).fill(255));
    write('train-labels-idx1-ubyte.gz', [6], Uint8Array.from([0, 1, 2, 3, 4, 9]));
    write('t10k-images-idx3-ubyte.gz', [2, 28, 28], new Uint8Array(2 * 784));
    write('t10k-labels-idx1-ubyte.gz', [2], Uint8Array.from([5, 7]));
    const local = createNodeDataIo({ fashionMnistDir: dir });
    expect(availableDatasets(local).map((m) => m.id)).toContain('fashion-mnist');
    const d = await loadDataset('fashion-mnist', {}, local);
    expect(d.train.count).toBe(6);
    expect(Array.from(d.train.y)).toEqual([0, 1, 2, 3, 4, 9]);
    expect(d.train.x[0]).toBe(1);
    expect(d.test.count).toBe(2);
    expect(d.meta.classes[9]).toBe('Ankle boot');
  });

  it('explains how to get a dataset that is missing', async () => {
    const local = createNodeDataIo({ fashionMnistDir: join(tmpdir(), 'no-such-folder') });
    await expect(loadDataset('fashion-mnist', {}, local)).rejects.toMatchObject({ code: 'unavailable', hint: expect.stringMatching(/dataset-fashion-mnist/) });
  });

  it('rejects unknown datasets and options, listing the choices', async () => {
    await expect(loadDataset('cifar', {}, io)).rejects.toThrow(/no built-in dataset 'cifar'/);
    await expect(loadDataset('iris', { samples: 10 }, io)).rejects.toThrow(/Iris has no option 'samples'/);
  });

  it('describes every dataset with a shape, a task and its sample counts', () => {
    for (const m of DATASETS) {
      expect(m.inputShape.length).toBeGreaterThan(0);
      expect(m.trainCount).toBeGreaterThan(0);
      expect(m.testCount).toBeGreaterThan(0);
      expect(m.task === 'regression' ? m.classes.length === 0 : m.classes.length >= 2).toBe(true);
    }
    expect(DATASETS.find((m) => m.id === 'mnist')?.inputShape).toEqual([28, 28, 1]);
  });
});
