import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../engine/data';
import { createNodeDataIo } from '../../../engine/data/nodeIo';
import { DataRandom } from '../../../engine/data/random';

const io = createNodeDataIo();
const SYNTHETIC = ['spirals', 'xor', 'moons', 'circles', 'blobs', 'sine'];

describe('synthetic datasets', () => {
  for (const id of SYNTHETIC) {
    it(`${id}: the same seed gives the same data, another seed other data`, async () => {
      const a = await loadDataset(id, { samples: 300, noise: 0.2, seed: 7 }, io);
      const b = await loadDataset(id, { samples: 300, noise: 0.2, seed: 7 }, io);
      const c = await loadDataset(id, { samples: 300, noise: 0.2, seed: 8 }, io);
      expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
      expect(Array.from(a.train.y)).toEqual(Array.from(b.train.y));
      expect(Array.from(a.test.x)).toEqual(Array.from(b.test.x));
      expect(Array.from(a.train.x)).not.toEqual(Array.from(c.train.x));
    });

    it(`${id}: has the requested number of samples, 20% of them for testing`, async () => {
      const d = await loadDataset(id, { samples: 537 }, io);
      expect(d.train.count + d.test.count).toBe(537);
      expect(d.test.count).toBe(Math.round(0.2 * 537));
      expect(d.train.x.length).toBe(d.train.count * d.meta.inputShape[0]);
      expect(d.train.y.length).toBe(d.train.count);
      expect(d.meta.trainCount).toBe(d.train.count);
      for (const v of d.train.x) expect(Number.isFinite(v)).toBe(true);
    });
  }

  it('gives the binary sets two balanced classes', async () => {
    for (const id of ['spirals', 'xor', 'moons', 'circles']) {
      const d = await loadDataset(id, { samples: 1000 }, io);
      expect(d.meta.task).toBe('binary');
      const ones = [...d.train.y, ...d.test.y].filter((v) => v === 1).length;
      expect(ones).toBe(500);
    }
  });

  it('makes as many blobs as classes are asked for', async () => {
    const d = await loadDataset('blobs', { classes: 5, samples: 500 }, io);
    expect(d.meta.classes).toHaveLength(5);
    expect(new Set(d.train.y).size).toBe(5);
  });

  it('labels XOR by the signs of the coordinates when there is no noise', async () => {
    const d = await loadDataset('xor', { noise: 0 }, io);
    for (let i = 0; i < d.train.count; i++) {
      const opposite = d.train.x[2 * i] * d.train.x[2 * i + 1] < 0;
      expect(d.train.y[i]).toBe(opposite ? 1 : 0);
    }
  });

  it('puts noiseless sine targets exactly on the sine curve', async () => {
    const d = await loadDataset('sine', { noise: 0 }, io);
    expect(d.train.y).toBeInstanceOf(Float32Array);
    for (let i = 0; i < d.train.count; i++) expect(d.train.y[i]).toBeCloseTo(Math.sin(d.train.x[i]), 5);
  });

  it('rejects options outside their range with the allowed range', async () => {
    await expect(loadDataset('spirals', { samples: 5 }, io)).rejects.toThrow(/option 'samples' is 5, outside 20\.\.1000000/);
    await expect(loadDataset('spirals', { noise: -1 }, io)).rejects.toThrow(/'noise'/);
    await expect(loadDataset('blobs', { classes: 2.5 }, io)).rejects.toThrow(/not a whole number/);
    await expect(loadDataset('spirals', { nosie: 0.1 }, io)).rejects.toThrow(/no option 'nosie' \(its options: samples, noise, seed\)/);
  });
});

describe('DataRandom', () => {
  it('repeats its sequence for a seed and draws uniform values in [0, 1)', () => {
    const a = new DataRandom(123);
    const b = new DataRandom(123);
    const values = Array.from({ length: 10000 }, () => a.next());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it('draws normals with mean 0 and standard deviation 1', () => {
    const r = new DataRandom(5);
    const values = Array.from({ length: 20000 }, () => r.normal());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.03);
  });
});
