import type { WeightMap } from './protocol';

/** One batch as the engine takes it: one flat input per program input, targets per sample. */
export interface Batch {
  inputs: Float32Array[];
  targets: Float32Array | Int32Array;
  size: number;
}

/** What the training loop needs of a model; the runtime's Model satisfies it through a thin adapter. */
export interface TrainableModel {
  /** One optimiser step; returns the mean loss of the batch. */
  trainStep(batch: Batch): number;
  /** Predictions (probabilities or values) of the last trainStep, for running accuracy; null if unavailable. */
  lastTrainPredictions(): Float32Array | null;
  /** Forward only, inference mode: the batch's mean loss and its predictions. */
  evaluate(batch: Batch): { loss: number; predictions: Float32Array };
  getWeights(): WeightMap;
  setWeights(weights: WeightMap): void;
  readonly learningRate: number;
  /** Advances per-epoch learning-rate schedules. */
  endEpoch(): void;
}

/** Training batches: reshuffled per epoch, buffers reused between batches. */
export interface BatchSource {
  readonly batchesPerEpoch: number;
  readonly sampleCount: number;
  startEpoch(epoch: number): void;
  /** The next batch of this epoch, or null at its end. The returned buffers are reused by the next call. */
  next(): Batch | null;
}

/** Sequential, unshuffled batches over a fixed split (validation or test). */
export interface EvalSource {
  readonly sampleCount: number;
  batches(): Iterable<Batch>;
}

/** How the host steers a run in progress. */
export interface TrainingControl {
  readonly stopRequested: boolean;
  readonly pauseRequested: boolean;
  /** Resolves when the host resumes (or stops). */
  waitForResume(): Promise<void>;
}
