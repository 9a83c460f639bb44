import { describe, expect, it } from 'vitest';
import type { Dataset, DatasetMeta, Split } from '../../../engine/data';
import { checkInputShape, loadDataset, prepare } from '../../../engine/data';
import { createNodeDataIo } from '../../../engine/data/nodeIo';
import { splitIndices } from '../../../engine/data/split';

/** A dataset whose first feature is the sample's index, so every split can be traced back. */
function indexedDataset(count: number, classes: number, kind: DatasetMeta['kind'] = 'tabular'): Dataset {
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = 100 + (i % 7);
    // Unbalanced classes: class c has weight c + 1.
    y[i] = Math.floor(Math.sqrt((i / count) * classes * classes));
  }
  const test: Split = { x: new Float32Array([1e6, 1e6]), y: new Int32Array([0]), count: 1, sampleShape: [2] };
  const meta: DatasetMeta = { id: 't', name: 'Test set', description: '', task: 'classification', kind, inputShape: [2], classes: Array.from({ length: classes }, String), trainCount: count, testCount: 1, options: [], source: '' };
  return { meta, train: { x, y, count, sampleShape: [2] }, test };
}

const ids = (s: Split | null) => (s ? Array.from({ length: s.count }, (_, i) => s.x[2 * i]) : []);

describe('prepare', () => {
  it('splits into disjoint train and validation parts that cover the data', () => {
    const d = indexedDataset(1000, 3);
    const p = prepare(d, { validationSplit: 0.2, seed: 1, normalisation: 'none' });
    expect(p.train.count).toBe(800);
    expect(p.validation?.count).toBe(200);
    const all = [...ids(p.train), ...ids(p.validation)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    // Labels travel with their samples.
    for (let i = 0; i < p.train.count; i++) expect(p.train.y[i]).toBe(d.train.y[p.train.x[2 * i]]);
  });

  it('is reproducible from the seed and shuffles differently for another seed', () => {
    const d = indexedDataset(500, 2);
    const a = ids(prepare(d, { validationSplit: 0.1, seed: 3, normalisation: 'none' }).validation);
    const b = ids(prepare(d, { validationSplit: 0.1, seed: 3, normalisation: 'none' }).validation);
    const c = ids(prepare(d, { validationSplit: 0.1, seed: 4, normalisation: 'none' }).validation);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('stratifies the validation split by class', () => {
    const d = indexedDataset(1200, 4);
    const p = prepare(d, { validationSplit: 0.25, seed: 9, normalisation: 'none' });
    for (let c = 0; c < 4; c++) {
      const total = d.train.y.filter((v) => v === c).length;
      const held = p.validation!.y.filter((v) => v === c).length;
      expect(Math.abs(held - 0.25 * total)).toBeLessThanOrEqual(1);
    }
  });

  it('holds out exactly round(fraction × count) samples, stratified or not', () => {
    const labels = Int32Array.from({ length: 101 }, (_, i) => i % 3);
    expect(splitIndices(101, 0.3, 1, labels).held.length).toBe(30);
    expect(splitIndices(101, 0.3, 1).held.length).toBe(30);
  });

  it('fits normalisation on the training part only and applies it to every split', () => {
    const d = indexedDataset(400, 2);
    const p = prepare(d, { validationSplit: 0.5, seed: 2, normalisation: 'standardise' });
    // The split does not depend on the normalisation: the same seed without it gives the raw training ids.
    const rawIds = ids(prepare(d, { validationSplit: 0.5, seed: 2, normalisation: 'none' }).train);
    const trainMean = rawIds.reduce((s, v) => s + v, 0) / rawIds.length;
    const trainStd = Math.sqrt(rawIds.reduce((s, v) => s + (v - trainMean) ** 2, 0) / rawIds.length);
    expect(p.normalisation.offset[0]).toBeCloseTo(trainMean, 3);
    expect(1 / p.normalisation.scale[0]).toBeCloseTo(trainStd, 2);
    // Not the statistics of all samples (mean 199.5), and the test sample (1e6) did not enter them.
    expect(Math.abs(trainMean - 199.5)).toBeGreaterThan(0.1);
    expect(p.test.x[0]).toBeCloseTo((1e6 - trainMean) / trainStd, 0);
    // The loaded dataset is left as it was.
    expect(d.test.x[0]).toBe(1e6);
    expect(d.train.x[2 * 17]).toBe(17);
  });

  it('scales to [0, 1] per feature with minmax', () => {
    const p = prepare(indexedDataset(300, 2), { validationSplit: 0, seed: 0, normalisation: 'minmax' });
    expect(p.validation).toBeNull();
    expect(Math.min(...p.train.x)).toBe(0);
    expect(Math.max(...p.train.x)).toBe(1);
  });

  it('standardises images with one global mean and deviation (MNIST: 0.1307, 0.3081)', async () => {
    const d = await loadDataset('mnist', {}, createNodeDataIo());
    const p = prepare(d, { validationSplit: 0.1, seed: 42, modelInputShape: [784] });
    expect(p.normalisation.offset).toHaveLength(1);
    expect(p.normalisation.offset[0]).toBeCloseTo(0.1307, 3);
    expect(1 / p.normalisation.scale[0]).toBeCloseTo(0.3081, 3);
    expect(p.train.count).toBe(54000);
    expect(p.validation?.count).toBe(6000);
    expect(p.reshaped).toBe(true);
    expect(p.train.sampleShape).toEqual([784]);
    expect(p.test.sampleShape).toEqual([784]);
  });

  it('refuses a validation split that leaves nothing to train on', () => {
    expect(() => prepare(indexedDataset(10, 2), { validationSplit: 1, seed: 0 })).toThrow(/validation split/);
  });
});

describe('checkInputShape', () => {
  it('accepts equal shapes and reshapes equal element counts', () => {
    expect(checkInputShape([28, 28, 1], [28, 28, 1])).toEqual({ reshape: false });
    expect(checkInputShape([28, 28, 1], [784])).toEqual({ reshape: true });
    expect(checkInputShape([64], [8, 8, 1])).toEqual({ reshape: true });
  });

  it('names both shapes and what to do when they do not fit', () => {
    expect(() => checkInputShape([28, 28, 1], [32, 32, 3], 'MNIST')).toThrow(/MNIST has samples of shape \[28, 28, 1\] \(784 values\) but the model's Input expects \[32, 32, 3\] \(3072 values\)/);
    expect(() => checkInputShape([4], [2], 'Iris')).toThrow(expect.objectContaining({ code: 'shapeMismatch', hint: expect.stringMatching(/Set the Input node's shape to \[4\]/) }));
    expect(() => prepare(indexedDataset(10, 2), { validationSplit: 0.1, seed: 0, modelInputShape: [3] })).toThrow(/\[2\]/);
  });
});
