/**
 * Mini-batches without copying the dataset each epoch: an epoch is a permutation of sample indices
 * (a Uint32Array, reshuffled per epoch from the seed), and each batch gathers its rows into buffers
 * allocated once. The batch object returned is always one of two preallocated ones (full or last),
 * so the caller must use it before asking for the next.
 */
import type { Split } from './types';
import { shapeSize, targetWidth } from './types';
import { DataRandom, deriveDataSeed, shuffleInPlace } from './random';

/** One batch in the engine's layout: one flat input array, the targets, and the number of samples. */
export interface DataBatch {
  inputs: Float32Array[];
  targets: Float32Array | Int32Array;
  size: number;
}

/** Options of a batcher: batch size, seed, whether to shuffle, whether to skip a short last batch. */
export interface BatcherOptions {
  batchSize: number;
  seed: number;
  shuffle?: boolean;
  dropLast?: boolean;
}

/** Batches over one split, epoch after epoch (matches the training loop's BatchSource). */
export interface Batcher {
  readonly batchesPerEpoch: number;
  readonly sampleCount: number;
  /** The current epoch's order of sample indices (read-only for callers). */
  readonly order: Uint32Array;
  /** Starts an epoch: its order depends only on the seed and the epoch number, so a resumed run repeats it. */
  startEpoch(epoch: number): void;
  /** The next batch of the epoch, or null at its end; the returned buffers are reused by the next call. */
  next(): DataBatch | null;
}

function makeBatch(split: Split, rows: number, width: number): DataBatch {
  const x = new Float32Array(rows * shapeSize(split.sampleShape));
  const y = split.y instanceof Int32Array ? new Int32Array(rows * width) : new Float32Array(rows * width);
  return { inputs: [x], targets: y, size: rows };
}

/** A shuffling batcher over a split (see Batcher). */
export function createBatcher(split: Split, options: BatcherOptions): Batcher {
  const { seed } = options;
  const shuffle = options.shuffle ?? true;
  const batchSize = Math.max(1, Math.min(options.batchSize, Math.max(1, split.count)));
  const sampleSize = shapeSize(split.sampleShape);
  const width = targetWidth(split);
  const tail = split.count % batchSize;
  const useTail = tail > 0 && !options.dropLast;
  const batchesPerEpoch = Math.floor(split.count / batchSize) + (useTail ? 1 : 0);
  const full = makeBatch(split, batchSize, width);
  // The short last batch has its own exactly-sized buffers, so no batch ever needs a fresh view.
  const last = useTail ? makeBatch(split, tail, width) : full;
  const order = new Uint32Array(split.count);
  let position = 0;
  let batchIndex = batchesPerEpoch;

  return {
    batchesPerEpoch,
    sampleCount: split.count,
    order,
    startEpoch(epoch: number) {
      for (let i = 0; i < order.length; i++) order[i] = i;
      if (shuffle) shuffleInPlace(order, new DataRandom(deriveDataSeed(seed, `epoch ${epoch}`)));
      position = 0;
      batchIndex = 0;
    },
    next(): DataBatch | null {
      if (batchIndex >= batchesPerEpoch) return null;
      const batch = batchIndex === batchesPerEpoch - 1 && useTail ? last : full;
      const x = batch.inputs[0];
      const y = batch.targets;
      for (let r = 0; r < batch.size; r++) {
        const row = order[position + r];
        x.set(split.x.subarray(row * sampleSize, (row + 1) * sampleSize), r * sampleSize);
        if (width === 1) y[r] = split.y[row];
        else y.set(split.y.subarray(row * width, (row + 1) * width), r * width);
      }
      position += batch.size;
      batchIndex++;
      return batch;
    },
  };
}

/** Sequential batches over a split as views into it (no copy): for validation, test and prediction. */
export function sequentialBatches(split: Split, batchSize: number): { sampleCount: number; batches(): Iterable<DataBatch> } {
  const sampleSize = shapeSize(split.sampleShape);
  const width = targetWidth(split);
  const size = Math.max(1, batchSize);
  return {
    sampleCount: split.count,
    *batches() {
      for (let start = 0; start < split.count; start += size) {
        const n = Math.min(size, split.count - start);
        yield {
          inputs: [split.x.subarray(start * sampleSize, (start + n) * sampleSize)],
          targets: split.y.subarray(start * width, (start + n) * width),
          size: n,
        };
      }
    },
  };
}
