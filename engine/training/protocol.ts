/**
 * The training protocol between a host (Electron main, a browser page, the CLI) and the worker that
 * runs the engine. One protocol for every host; versioned so a stale worker is detected, not misread.
 */
import type { Dataset } from '../data/types';
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

/** The input transform fitted on the training split; saved with trained weights, applied before predicting. */
export interface InputNormalisation {
  kind: 'standardise' | 'minmax' | 'none';
  /** One entry (pooled, images) or one per input feature. x' = (x - offset) * scale. */
  offset: number[];
  scale: number[];
}

/** A model with the weights and input transform a finished run produced. */
export interface TrainedModel {
  document: ModelDocument;
  weights: WeightMap;
  normalisation: InputNormalisation;
}

/** A 2-D decision map: predictions over a grid covering the data's range (synthetic 2-D sets only). */
export interface DecisionGrid {
  /** Grid resolution per axis. */
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** size·size values, row-major from (xMin, yMin): P(class 1) for binary, else the predicted class id. */
  values: Float32Array;
}

// ---- host -> worker ----------------------------------------------------------------------------

export interface StartMessage {
  type: 'start';
  protocol: typeof TRAINING_PROTOCOL_VERSION;
  runId: string;
  document: ModelDocument;
  /**
   * Weights to start from (a previous run's, a trained file's); absent: initialise from the seed.
   * Weights of layers the model no longer has are ignored; layers they lack keep their fresh weights.
   */
  initialWeights?: WeightMap;
  /** The shapes of initialWeights by name, when known, so that a mismatch names both shapes. */
  initialShapes?: Record<string, number[]>;
  /** The input transform initialWeights were trained with: reused instead of fitted again. */
  initialNormalisation?: InputNormalisation;
  /** Worker threads for the kernels; 0 or absent: as many as the machine offers, up to 2. */
  threads?: number;
}

/** Test-set evaluation of trained weights; answered by an EvaluationMessage with the same requestId. */
export interface EvaluateRequest {
  type: 'evaluate';
  requestId: string;
  model: TrainedModel;
}

/** Predictions for raw (un-normalised) samples, e.g. a drawn digit; answered by a PredictionMessage. */
export interface PredictRequest {
  type: 'predict';
  requestId: string;
  model: TrainedModel;
  /** count samples of the model's input shape, flat. */
  inputs: Float32Array;
  count: number;
}

/**
 * A dataset's description and a few samples for the picker; answered by a DatasetPreviewMessage.
 * With `indices`, the samples at those indices of `split` instead (the Evaluate view's pages of test samples).
 */
export interface DatasetPreviewRequest {
  type: 'datasetPreview';
  requestId: string;
  dataset: { name: string; options: Record<string, number | string | boolean> };
  samples: number;
  /** The split to read; absent: 'train'. */
  split?: 'train' | 'test';
  /** Indices into the split, in the order wanted; absent: the first `samples`. */
  indices?: Int32Array;
}

/** Names that registered datasets take (a person's own files): 'user:' and a slug. */
export const USER_DATASET_PREFIX = 'user:';
/** True when a dataset name refers to a registered (imported) dataset rather than a built-in one. */
export const isUserDatasetName = (name: string): boolean => name.startsWith(USER_DATASET_PREFIX);

/**
 * Hands the worker a dataset built by the host (a person's CSV or image folder) under `id` ('user:<slug>').
 * The worker keeps it in memory; start, evaluate and datasetPreview then resolve that name to it.
 * Answered by a DatasetRegisteredMessage, or a RequestFailedMessage when the dataset is inconsistent.
 */
export interface RegisterDatasetRequest {
  type: 'registerDataset';
  requestId: string;
  id: string;
  dataset: Dataset;
}

export type HostMessage =
  | StartMessage
  | RegisterDatasetRequest
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | EvaluateRequest
  | PredictRequest
  | DatasetPreviewRequest;

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
  /** Filled in by the worker: the input transform the weights were trained with. */
  normalisation?: InputNormalisation;
}

export interface EvaluationMessage {
  type: 'evaluation';
  requestId: string;
  task: 'classification' | 'binary' | 'regression';
  classes: string[];
  /** Per test sample: probabilities (classification: classes wide; binary: 1 wide) or values (regression). */
  predictions: Float32Array;
  /** Class ids (Int32Array) for classification, 0/1 or values (Float32Array) otherwise. */
  targets: Int32Array | Float32Array;
  outputWidth: number;
  count: number;
  loss: number;
  /**
   * Raw test samples for the sample grid's first page: at most EVALUATION_PREVIEW_LIMIT of them, or every
   * one for 2-D inputs (the decision map's points). Further ones come from a test-split datasetPreview.
   */
  samples: Float32Array;
  sampleShape: number[];
  /** Indices (into the test set) of the samples in `samples`, misclassified first. */
  sampleIndices: Int32Array;
  /** 2-D classification only: the model's predictions over a grid covering the data (see DecisionGrid). */
  decisionMap?: DecisionGrid;
}

export interface PredictionMessage {
  type: 'prediction';
  requestId: string;
  outputs: Float32Array;
  outputWidth: number;
}

export interface DatasetPreviewMessage {
  type: 'datasetPreview';
  requestId: string;
  meta: {
    id: string;
    name: string;
    description: string;
    task: 'classification' | 'binary' | 'regression';
    inputShape: number[];
    classes: string[];
    trainCount: number;
    testCount: number;
    source: string;
    /** A table's column names (see DatasetMeta), so the preview shows the file's own header. */
    featureNames?: string[];
    targetName?: string;
  };
  samples: Float32Array;
  labels: Int32Array | Float32Array;
  count: number;
  /** The split indices of the samples, when the request named them. */
  indices?: Int32Array;
}

/** The worker now holds a registered dataset under `id`. */
export interface DatasetRegisteredMessage {
  type: 'datasetRegistered';
  requestId: string;
  id: string;
}

/** A request could not be answered; `requestId` says which. */
export interface RequestFailedMessage {
  type: 'requestFailed';
  requestId: string;
  message: string;
  hint: string;
  /** Set when the request named a 'user:' dataset this worker does not hold (e.g. a fresh worker after a crash). */
  missingDataset?: string;
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
  /** The input transform the surviving weights were trained with, when the data got that far. */
  normalisation?: InputNormalisation;
  /** Set when the run named a 'user:' dataset this worker does not hold: register it and start again. */
  missingDataset?: string;
}

export type WorkerMessage =
  | { type: 'ready'; protocol: typeof TRAINING_PROTOCOL_VERSION }
  | { type: 'started'; runId: string; totalEpochs: number; batchesPerEpoch: number; threads: number; kernels: string }
  | ProgressMessage
  | EpochEndMessage
  | { type: 'paused'; runId: string }
  | { type: 'resumed'; runId: string }
  | DoneMessage
  | ErrorMessage
  | { type: 'boundary'; runId: string; grid: DecisionGrid }
  | EvaluationMessage
  | PredictionMessage
  | DatasetPreviewMessage
  | DatasetRegisteredMessage
  | RequestFailedMessage;

/** Buffers inside a message that can be transferred rather than copied. */
export function transferablesOf(message: WorkerMessage): ArrayBuffer[] {
  switch (message.type) {
    case 'progress':
      return [message.batches.buffer as ArrayBuffer];
    case 'done':
      return Object.values(message.weights).map((w) => w.buffer as ArrayBuffer);
    case 'error':
      return message.weights ? Object.values(message.weights).map((w) => w.buffer as ArrayBuffer) : [];
    case 'boundary':
      return [message.grid.values.buffer as ArrayBuffer];
    case 'evaluation':
      return [message.predictions.buffer, message.targets.buffer, message.samples.buffer, message.sampleIndices.buffer, ...(message.decisionMap ? [message.decisionMap.values.buffer] : [])] as ArrayBuffer[];
    case 'prediction':
      return [message.outputs.buffer as ArrayBuffer];
    case 'datasetPreview':
      return [message.samples.buffer, message.labels.buffer, ...(message.indices ? [message.indices.buffer] : [])] as ArrayBuffer[];
    case 'requestFailed':
    case 'datasetRegistered':
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
