import { describe, expect, it } from 'vitest';
import type { Split } from '../../../engine/data';
import { createBatcher, sequentialBatches } from '../../../engine/data';

/** 3 values per sample: the index, and two copies of it scaled, so gathering whole rows can be checked. */
function indexedSplit(count: number, regression = false): Split {
  const x = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) x.set([i, 2 * i, 3 * i], 3 * i);
  const y = regression ? Float32Array.from({ length: count }, (_, i) => i / 2) : Int32Array.from({ length: count }, (_, i) => i % 5);
  return { x, y, count, sampleShape: [3] };
}

describe('createBatcher', () => {
  it('visits every sample exactly once per epoch, with whole rows and their targets', () => {
    const split = indexedSplit(103);
    const batcher = createBatcher(split, { batchSize: 10, seed: 1 });
    expect(batcher.batchesPerEpoch).toBe(11);
    for (let epoch = 0; epoch < 3; epoch++) {
      batcher.startEpoch(epoch);
      const seen = new Array(103).fill(0);
      let batches = 0;
      for (let b = batcher.next(); b; b = batcher.next()) {
        batches++;
        const x = b.inputs[0];
        expect(x.length).toBe(b.size * 3);
        expect(b.targets.length).toBe(b.size);
        for (let r = 0; r < b.size; r++) {
          const id = x[3 * r];
          seen[id]++;
          expect([x[3 * r + 1], x[3 * r + 2]]).toEqual([2 * id, 3 * id]);
          expect(b.targets[r]).toBe(id % 5);
        }
      }
      expect(batches).toBe(11);
      expect(seen.every((n) => n === 1)).toBe(true);
    }
  });

  it('reuses the same buffers for every batch (no allocation per batch)', () => {
    const batcher = createBatcher(indexedSplit(64), { batchSize: 16, seed: 2 });
    batcher.startEpoch(0);
    const first = batcher.next()!;
    const x = first.inputs[0];
    const y = first.targets;
    for (let b = batcher.next(); b; b = batcher.next()) {
      expect(b).toBe(first);
      expect(b.inputs[0]).toBe(x);
      expect(b.targets).toBe(y);
    }
    batcher.startEpoch(1);
    expect(batcher.next()!.inputs[0]).toBe(x);
  });

  it('gives the short last batch its own preallocated buffers, reused every epoch', () => {
    const batcher = createBatcher(indexedSplit(25, true), { batchSize: 10, seed: 3 });
    const lastOf = () => {
      batcher.startEpoch(0);
      let last = batcher.next()!;
      for (let b = batcher.next(); b; b = batcher.next()) last = b;
      return last;
    };
    const a = lastOf();
    expect(a.size).toBe(5);
    expect(a.inputs[0].length).toBe(15);
    expect(a.targets).toBeInstanceOf(Float32Array);
    expect(lastOf()).toBe(a);
    expect(createBatcher(indexedSplit(25), { batchSize: 10, seed: 3, dropLast: true }).batchesPerEpoch).toBe(2);
  });

  it('shuffles each epoch differently, and the same way again for the same seed and epoch', () => {
    const order = (seed: number, epoch: number) => {
      const b = createBatcher(indexedSplit(50), { batchSize: 50, seed });
      b.startEpoch(epoch);
      return Array.from(b.next()!.inputs[0].filter((_, i) => i % 3 === 0));
    };
    expect(order(1, 0)).toEqual(order(1, 0));
    expect(order(1, 0)).not.toEqual(order(1, 1));
    expect(order(1, 0)).not.toEqual(order(2, 0));
    expect(order(1, 0)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('keeps the data order when shuffling is off', () => {
    const b = createBatcher(indexedSplit(7), { batchSize: 7, seed: 1, shuffle: false });
    b.startEpoch(0);
    expect(Array.from(b.order)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('sequentialBatches', () => {
  it('yields views of the split in order, covering it once', () => {
    const split = indexedSplit(23);
    const seen: number[] = [];
    for (const b of sequentialBatches(split, 10).batches()) {
      expect(b.inputs[0].buffer).toBe(split.x.buffer);
      for (let r = 0; r < b.size; r++) seen.push(b.inputs[0][3 * r]);
    }
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });
});
