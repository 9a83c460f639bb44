import { defaultTraining } from '../../../engine/model';
import type { TrainingConfig } from '../../../engine/model';
import type { Batch, BatchSource, EvalSource, TrainableModel, TrainingControl } from '../../../engine/training/types';
import type { WeightMap } from '../../../engine/training/protocol';

/**
 * A one-weight model whose losses follow a script: the loss of a step is script[step] (the last entry
 * repeats), and validation loss after epoch e is valScript[e - 1]. Its single weight counts steps, so
 * tests can tell which epoch's weights came back.
 */
export class ScriptedModel implements TrainableModel {
  steps = 0;
  epochsEnded = 0;
  learningRate = 0.01;
  constructor(
    private readonly script: number[],
    private readonly valScript: number[] = [],
  ) {}
  trainStep(_batch: Batch): number {
    const loss = this.script[Math.min(this.steps, this.script.length - 1)];
    this.steps++;
    return loss;
  }
  lastTrainPredictions(): Float32Array {
    // two classes; predicts class 1 for every sample
    return new Float32Array(64 * 2).map((_, i) => (i % 2 === 1 ? 0.9 : 0.1));
  }
  evaluate(batch: Batch): { loss: number; predictions: Float32Array } {
    const loss = this.valScript[Math.min(this.epochsEnded, this.valScript.length - 1)] ?? 1;
    return { loss, predictions: new Float32Array(batch.size * 2).map((_, i) => (i % 2 === 1 ? 0.9 : 0.1)) };
  }
  getWeights(): WeightMap {
    return { 'w/kernel': new Float32Array([this.steps]) };
  }
  setWeights(w: WeightMap): void {
    this.steps = w['w/kernel'][0];
  }
  endEpoch(): void {
    this.epochsEnded++;
  }
}

/** `batches` batches of 4 samples whose labels are all 1. */
export function fixedBatches(batches: number): BatchSource & EvalSource {
  const batch: Batch = { inputs: [new Float32Array(8)], targets: new Int32Array([1, 1, 1, 1]), size: 4 };
  let left = 0;
  return {
    batchesPerEpoch: batches,
    sampleCount: batches * 4,
    startEpoch: () => {
      left = batches;
    },
    next: () => (left-- > 0 ? batch : null),
    batches: () => Array.from({ length: batches }, () => batch),
  };
}

export function config(overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  return { ...defaultTraining(), epochs: 3, ...overrides };
}

/** A control the test flips by hand. */
export class ManualControl implements TrainingControl {
  stopRequested = false;
  pauseRequested = false;
  private resume: (() => void) | null = null;
  waitForResume(): Promise<void> {
    return new Promise((resolve) => {
      this.resume = resolve;
    });
  }
  release(): void {
    this.pauseRequested = false;
    this.resume?.();
  }
}
