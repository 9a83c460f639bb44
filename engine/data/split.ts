/** Seeded, optionally stratified splitting of a set of samples, and gathering rows into new splits. */
import type { Split } from './types';
import { shapeSize, targetWidth } from './types';
import { DataRandom, permutation, shuffleInPlace } from './random';

/** Indices of the two parts of a split; both in a seeded random order. */
export interface IndexSplit {
  kept: Uint32Array;
  held: Uint32Array;
}

/**
 * Splits 0..count-1 so that round(fraction·count) indices are held out. With `labels` (class ids) every
 * class is held out in proportion to its size: each class gets the floor of its share and the leftover
 * places go to the classes with the largest remainders, so the total is exact.
 */
export function splitIndices(count: number, fraction: number, seed: number, labels?: ArrayLike<number>): IndexSplit {
  const random = new DataRandom(seed);
  const heldTotal = Math.round(fraction * count);
  if (!labels) {
    const order = permutation(count, random);
    return { kept: order.slice(heldTotal), held: order.slice(0, heldTotal) };
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const members = byClass.get(labels[i]);
    if (members) members.push(i);
    else byClass.set(labels[i], [i]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const quotas = classes.map((c) => fraction * byClass.get(c)!.length);
  const taken = quotas.map(Math.floor);
  let remaining = heldTotal - taken.reduce((a, b) => a + b, 0);
  const byRemainder = classes.map((_, i) => i).sort((a, b) => quotas[b] - taken[b] - (quotas[a] - taken[a]) || a - b);
  for (const i of byRemainder) {
    if (remaining <= 0) break;
    if (taken[i] < byClass.get(classes[i])!.length) {
      taken[i]++;
      remaining--;
    }
  }
  const kept: number[] = [];
  const held: number[] = [];
  classes.forEach((c, i) => {
    const members = byClass.get(c)!;
    shuffleInPlace(members, random);
    for (let j = 0; j < members.length; j++) (j < taken[i] ? held : kept).push(members[j]);
  });
  // Mix the classes again so that neither part is ordered by class.
  shuffleInPlace(kept, random);
  shuffleInPlace(held, random);
  return { kept: Uint32Array.from(kept), held: Uint32Array.from(held) };
}

/** A new split holding the given rows of `split`, in the given order. */
export function gatherSplit(split: Split, indices: ArrayLike<number>): Split {
  const sampleSize = shapeSize(split.sampleShape);
  const width = targetWidth(split);
  const n = indices.length;
  const x = new Float32Array(n * sampleSize);
  const y = split.y instanceof Int32Array ? new Int32Array(n * width) : new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = indices[i];
    x.set(split.x.subarray(row * sampleSize, (row + 1) * sampleSize), i * sampleSize);
    if (width === 1) y[i] = split.y[row];
    else y.set(split.y.subarray(row * width, (row + 1) * width), i * width);
  }
  return { x, y, count: n, sampleShape: [...split.sampleShape] };
}

/** Holds out a fraction of a split (stratified when its targets are class ids): the train and test parts. */
export function holdOut(all: Split, fraction: number, seed: number): { train: Split; test: Split } {
  const labels = all.y instanceof Int32Array ? all.y : undefined;
  const { kept, held } = splitIndices(all.count, fraction, seed, labels);
  return { train: gatherSplit(all, kept), test: gatherSplit(all, held) };
}

/** Number of samples of each class id 0..classes-1. */
export function classCounts(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}
