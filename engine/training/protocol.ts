/**
 * The training protocol between a host (Electron main, a browser page, the CLI) and the worker that
 * runs the engine. One protocol for every host; versioned so a stale worker is detected, not misread.
 */
import type { ModelDocument } from '../model/document';

export const TRAINING_PROTOCOL_VERSION = 1;

/** Columns of one row of the batch-metrics stream, in order. */
export const BATCH_METRIC_COLUMNS = ['step', 'epoch', 'loss', 'accuracy', 'learningRate', 'samplesPerSecond'] as const;
export const BATCH_METRIC_STRIDE = BATCH_METRIC_COLUMNS.length;

export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  /** null for regression tasks. */
  trainAccuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  learningRate: number;
  seconds: number;
}

export type WeightMap = Record<string, Float32Array>;

// ---- host -> worker ----------------------------------------------------------------------------

export interface StartMessage {
  type: 'start';
  protocol: typeof TRAINING_PROTOCOL_VERSION;
  runId: string;
  document: ModelDocument;
  /** Weights to start from (e.g. a previous run's); absent: initialise from the seed. */
  initialWeights?: WeightMap;
  /** Worker threads for the kernels; 0 or absent: as many as the machine offers, up to 2. */
  threads?: number;
}

export type HostMessage = StartMessage | { type: 'pause' } | { type: 'resume' } | { type: 'stop' };

// ---- worker -> host ----------------------------------------------------------------------------

export interface ProgressMessage {
  type: 'progress';
  runId: string;
  /** Rows of BATCH_METRIC_STRIDE values (see BATCH_METRIC_COLUMNS), transferred, ~10 per second. */
  batches: Float32Array;
  epoch: number;
  /** Fraction of the whole run done, 0..1. */
  progress: number;
  elapsedSeconds: number;
  etaSeconds: number | null;
}

export interface EpochEndMessage {
  type: 'epochEnd';
  runId: string;
  metrics: EpochMetrics;
}

export type StopReason = 'completed' | 'stopped' | 'earlyStopping';

export interface DoneMessage {
  type: 'done';
  runId: string;
  reason: StopReason;
  epochs: EpochMetrics[];
  /** The weights to keep: the best epoch's when keep-best is on, else the last. */
  weights: WeightMap;
  bestEpoch: number | null;
}

export type TrainingErrorCode = 'nonFinite' | 'invalidModel' | 'dataset' | 'outOfMemory' | 'protocol' | 'crashed' | 'internal';

export interface ErrorMessage {
  type: 'error';
  runId: string;
  code: TrainingErrorCode;
  message: string;
  /** What the person can do about it. */
  hint: string;
  /** Finished epochs and the best weights so far survive a failure. */
  epochs: EpochMetrics[];
  weights: WeightMap | null;
  bestEpoch: number | null;
}

export type WorkerMessage =
  | { type: 'ready'; protocol: typeof TRAINING_PROTOCOL_VERSION }
  | { type: 'started'; runId: string; totalEpochs: number; batchesPerEpoch: number; threads: number; kernels: string }
  | ProgressMessage
  | EpochEndMessage
  | { type: 'paused'; runId: string }
  | { type: 'resumed'; runId: string }
  | DoneMessage
  | ErrorMessage;

/** Buffers inside a message that can be transferred rather than copied. */
export function transferablesOf(message: WorkerMessage): ArrayBuffer[] {
  switch (message.type) {
    case 'progress':
      return [message.batches.buffer as ArrayBuffer];
    case 'done':
      return Object.values(message.weights).map((w) => w.buffer as ArrayBuffer);
    case 'error':
      return message.weights ? Object.values(message.weights).map((w) => w.buffer as ArrayBuffer) : [];
    case 'ready':
    case 'started':
    case 'epochEnd':
    case 'paused':
    case 'resumed':
      return [];
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
}
