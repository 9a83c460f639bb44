/**
 * A training run as the renderer keeps it, and the reducers that fold worker messages into it.
 * Runs live here, not in the worker: when the worker crashes, finished epochs and weights survive.
 * The project document is never touched by training; a run keeps its own snapshot of it.
 */
import type { ModelDocument, TrainingConfig } from '../../engine/model';
import { BATCH_METRIC_STRIDE } from '../../engine/training/protocol';
import type {
  EpochMetrics,
  InputNormalisation,
  TrainingErrorCode,
  WeightMap,
  WorkerMessage,
} from '../../engine/training/protocol';
import { MetricBuffer } from './metricBuffer';

/** Where a run is in its life. The last four are final. */
export type RunStatus = 'starting' | 'running' | 'paused' | 'completed' | 'stopped' | 'earlyStopping' | 'failed';

export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'stopped', 'earlyStopping', 'failed'];

/** True while a run can still produce messages. */
export const isActive = (status: RunStatus): boolean => !FINAL_STATUSES.includes(status);

/**
 * Numbers that change ~10 times a second. Mutated in place by progress messages and read by timers,
 * so the stream does not re-render React components per message.
 */
export interface RunLive {
  epoch: number;
  /** Fraction of the run done, 0..1. */
  progress: number;
  elapsedSeconds: number;
  etaSeconds: number | null;
  samplesPerSecond: number;
}

export interface RunError {
  code: TrainingErrorCode;
  message: string;
  hint: string;
}

export interface TrainingRun {
  id: string;
  /** "Run 3": what the history list calls it. */
  label: string;
  startedAt: number;
  /** Snapshots taken when the run started; later edits of the project do not change them. */
  document: ModelDocument;
  settings: TrainingConfig;
  status: RunStatus;
  totalEpochs: number;
  batchesPerEpoch: number;
  threads: number;
  kernels: string;
  /** Per-batch rows of BATCH_METRIC_COLUMNS, appended in place (see MetricBuffer). */
  batches: MetricBuffer;
  live: RunLive;
  epochs: EpochMetrics[];
  bestEpoch: number | null;
  /** Kept in memory for evaluation and prediction; null until the run ends (or if it failed before an epoch). */
  weights: WeightMap | null;
  normalisation: InputNormalisation | null;
  error: RunError | null;
  /** The file the weights came from when the run was imported (File › Import…) rather than trained. */
  importedFrom?: string;
  /** The run whose kept weights this one started from ("Continue training"); absent: fresh weights. */
  startedFrom?: { runId: string; label: string };
}

/** What a run starts from. */
export interface RunInit {
  id: string;
  label: string;
  document: ModelDocument;
  startedAt: number;
  startedFrom?: TrainingRun['startedFrom'];
}

/** A new run waiting for the worker's 'started'. */
export function createRun(init: RunInit): TrainingRun {
  return {
    ...init,
    settings: init.document.training,
    status: 'starting',
    totalEpochs: init.document.training.epochs,
    batchesPerEpoch: 0,
    threads: 0,
    kernels: '',
    batches: new MetricBuffer(BATCH_METRIC_STRIDE),
    live: { epoch: 0, progress: 0, elapsedSeconds: 0, etaSeconds: null, samplesPerSecond: 0 },
    epochs: [],
    bestEpoch: null,
    weights: null,
    normalisation: null,
    error: null,
  };
}

/** Keeps whichever epoch list is longer: a crash report synthesised by the host may know none. */
function survivingEpochs(known: EpochMetrics[], reported: EpochMetrics[]): EpochMetrics[] {
  return reported.length >= known.length ? reported : known;
}

/** The message's runId, when it belongs to a run. */
export function runIdOf(message: WorkerMessage): string | null {
  switch (message.type) {
    case 'started':
    case 'progress':
    case 'epochEnd':
    case 'paused':
    case 'resumed':
    case 'done':
    case 'error':
    case 'boundary':
      return message.runId;
    case 'ready':
    case 'evaluation':
    case 'prediction':
    case 'datasetPreview':
    case 'datasetRegistered':
    case 'requestFailed':
      return null;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
}

/**
 * Folds one message into a run. Returns the same object when only the live numbers and the batch
 * buffer changed (both mutated in place), a new object when anything React shows changed.
 */
export function reduceRun(run: TrainingRun, message: WorkerMessage): TrainingRun {
  switch (message.type) {
    case 'started':
      return { ...run, status: 'running', totalEpochs: message.totalEpochs, batchesPerEpoch: message.batchesPerEpoch, threads: message.threads, kernels: message.kernels };
    case 'progress': {
      if (!isActive(run.status)) return run;
      run.batches.appendRows(message.batches);
      const live = run.live;
      live.epoch = message.epoch;
      live.progress = message.progress;
      live.elapsedSeconds = message.elapsedSeconds;
      live.etaSeconds = message.etaSeconds;
      const speed = run.batches.last(5);
      if (Number.isFinite(speed)) live.samplesPerSecond = speed;
      return run;
    }
    case 'epochEnd': {
      const epochs = [...run.epochs.filter((e) => e.epoch !== message.metrics.epoch), message.metrics];
      return { ...run, epochs };
    }
    case 'paused':
      return isActive(run.status) ? { ...run, status: 'paused' } : run;
    case 'resumed':
      return isActive(run.status) ? { ...run, status: 'running' } : run;
    case 'done':
      run.live.progress = message.reason === 'completed' ? 1 : run.live.progress;
      run.live.etaSeconds = null;
      return {
        ...run,
        status: message.reason,
        epochs: survivingEpochs(run.epochs, message.epochs),
        weights: message.weights,
        bestEpoch: message.bestEpoch,
        normalisation: message.normalisation ?? run.normalisation,
      };
    case 'error': {
      run.live.etaSeconds = null;
      // Older worker builds may add the input transform to the error report too.
      const normalisation = message.normalisation ?? run.normalisation;
      return {
        ...run,
        status: 'failed',
        error: { code: message.code, message: message.message, hint: message.hint },
        epochs: survivingEpochs(run.epochs, message.epochs),
        weights: message.weights ?? run.weights,
        bestEpoch: message.bestEpoch ?? run.bestEpoch,
        normalisation,
      };
    }
    case 'boundary': // kept beside the runs (TrainingData.boundaries) so a new map does not re-render the run list
    case 'ready':
    case 'evaluation':
    case 'prediction':
    case 'datasetPreview':
    case 'datasetRegistered':
    case 'requestFailed':
      return run;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
}

/** The epoch whose metrics describe the run's result: the best one when known, else the last. */
export function resultEpoch(run: Pick<TrainingRun, 'epochs' | 'bestEpoch'>): EpochMetrics | null {
  if (run.epochs.length === 0) return null;
  return run.epochs.find((e) => e.epoch === run.bestEpoch) ?? run.epochs[run.epochs.length - 1];
}

/** True when the run has weights that evaluation and prediction can use. */
export const hasUsableWeights = (run: TrainingRun): boolean => run.weights !== null && Object.keys(run.weights).length > 0;

/** True when a new run can start from this one's kept weights: it has ended (even by failing) and kept some. */
export const canContinueFrom = (run: TrainingRun): boolean => !isActive(run.status) && hasUsableWeights(run);
