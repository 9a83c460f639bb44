/**
 * The training loop every host shares: epochs of batches, a metrics stream about ten times a
 * second, validation at each epoch's end, early stopping, best weights, pause/resume and stop.
 * Host-agnostic: it talks through `emit` and `control`, and yields to the event loop regularly so
 * that pause and stop messages are seen between batches.
 */
import { ActiveClock, ThroughputMeter } from './throughput';
import type { TrainingConfig } from '../model/document';
import type { LossName } from '../model/program';
import { countCorrect, scoreKindOf } from './accuracy';
import type { DoneMessage, EpochMetrics, StopReason, WeightMap, WorkerMessage } from './protocol';
import { BATCH_METRIC_STRIDE } from './protocol';
import type { BatchSource, EvalSource, TrainableModel, TrainingControl } from './types';

export interface TrainingRun {
  runId: string;
  model: TrainableModel;
  train: BatchSource;
  validation: EvalSource | null;
  config: TrainingConfig;
  loss: LossName;
  /** Values per sample of the model's output (classes for classifiers). */
  outputWidth: number;
  control: TrainingControl;
  emit(message: WorkerMessage): void;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
  /** Seconds between progress messages. */
  progressInterval?: number;
}

/** A failure that ends a run; the finished epochs and best weights travel with it. */
export class TrainingFailure extends Error {
  constructor(
    readonly code: 'nonFinite' | 'internal',
    message: string,
    readonly hint: string,
    readonly epochs: EpochMetrics[],
    readonly weights: WeightMap | null,
    readonly bestEpoch: number | null,
  ) {
    super(message);
    this.name = 'TrainingFailure';
  }
}

/**
 * Any other error that ends a run mid-way (an engine error, out of memory): the original error plus what
 * survives it, so the host still gets the finished epochs and the best weights.
 */
export class TrainingInterrupted extends Error {
  constructor(
    override readonly cause: unknown,
    readonly epochs: EpochMetrics[],
    readonly weights: WeightMap | null,
    readonly bestEpoch: number | null,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'TrainingInterrupted';
  }
}

/** Lets queued messages (pause, stop) in without the 4 ms clamp of nested setTimeout in browsers. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Evaluates a split in inference mode: mean loss and accuracy (null for regression). */
export function evaluateSplit(model: TrainableModel, source: EvalSource, loss: LossName, outputWidth: number): { loss: number; accuracy: number | null } {
  const kind = scoreKindOf(loss);
  let lossSum = 0;
  let samples = 0;
  let correct = 0;
  let total = 0;
  for (const batch of source.batches()) {
    const result = model.evaluate(batch);
    lossSum += result.loss * batch.size;
    samples += batch.size;
    const c = countCorrect(kind, result.predictions, batch.targets, batch.size, outputWidth);
    correct += c.correct;
    total += c.total;
  }
  return { loss: samples > 0 ? lossSum / samples : Number.NaN, accuracy: kind === 'none' || total === 0 ? null : correct / total };
}

function nonFiniteHint(learningRate: number): string {
  const lower = Number((learningRate / 10).toPrecision(2));
  return `Lower the learning rate (now ${learningRate}; try ${lower}), make sure the inputs are normalised, or clip gradients by norm in the training settings.`;
}

/**
 * Runs the whole training; resolves with the done message it also emitted. Throws TrainingFailure for a
 * non-finite loss, TrainingInterrupted (wrapping the cause) for anything else that ends the run.
 */
export async function runTraining(run: TrainingRun): Promise<DoneMessage> {
  const survivors: { epochs: EpochMetrics[]; best: () => { weights: WeightMap | null; epoch: number | null } } = {
    epochs: [],
    best: () => ({ weights: null, epoch: null }),
  };
  try {
    return await trainLoop(run, survivors);
  } catch (error) {
    if (error instanceof TrainingFailure) throw error;
    const best = survivors.best();
    throw new TrainingInterrupted(error, survivors.epochs, best.weights, best.epoch);
  }
}

async function trainLoop(
  run: TrainingRun,
  survivors: { epochs: EpochMetrics[]; best: () => { weights: WeightMap | null; epoch: number | null } },
): Promise<DoneMessage> {
  const { model, train, config, control, emit, runId } = run;
  const now = run.now ?? (() => performance.now());
  const interval = (run.progressInterval ?? 0.1) * 1000;
  const kind = scoreKindOf(run.loss);
  const clock = new ActiveClock(now());
  const meter = new ThroughputMeter();
  const totalBatches = config.epochs * train.batchesPerEpoch;
  const epochs: EpochMetrics[] = survivors.epochs;
  let best: { epoch: number; score: number; weights: WeightMap } | null = null;
  survivors.best = () => (config.keepBestWeights && best ? { weights: best.weights, epoch: best.epoch } : { weights: null, epoch: null });
  let sinceBest = 0;
  let reason: StopReason = 'completed';
  let step = 0;

  // Metrics rows wait here until the next flush; a new buffer per message because it is transferred.
  let rows = new Float32Array(BATCH_METRIC_STRIDE * 64);
  let rowCount = 0;
  let lastFlush = now();
  const flush = (epoch: number): void => {
    if (rowCount === 0) return;
    const t = now();
    const elapsed = clock.elapsedSeconds(t);
    const progress = step / totalBatches;
    emit({
      type: 'progress',
      runId,
      batches: rows.slice(0, rowCount * BATCH_METRIC_STRIDE),
      epoch,
      progress,
      elapsedSeconds: elapsed,
      etaSeconds: progress > 0 ? (elapsed / progress) * (1 - progress) : null,
    });
    rows = new Float32Array(rows.length);
    rowCount = 0;
    lastFlush = t;
  };

  const currentBestWeights = (): WeightMap | null => (config.keepBestWeights && best ? best.weights : null);
  const fail = (message: string): never => {
    throw new TrainingFailure('nonFinite', message, nonFiniteHint(model.learningRate), epochs, currentBestWeights() ?? model.getWeights(), best?.epoch ?? null);
  };

  outer: for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const epochStart = now();
    let epochPausedMs = 0;
    train.startEpoch(epoch);
    meter.restart(now());
    let lossSum = 0;
    let samples = 0;
    let correct = 0;
    let scored = 0;
    for (let batch = train.next(); batch !== null; batch = train.next()) {
      if (now() - lastFlush >= interval) {
        flush(epoch);
        await yieldToEventLoop();
      }
      if (control.pauseRequested && !control.stopRequested) {
        flush(epoch);
        const pausedAt = now();
        clock.pause(pausedAt);
        emit({ type: 'paused', runId });
        await control.waitForResume();
        const resumedAt = now();
        clock.resume(resumedAt);
        epochPausedMs += resumedAt - pausedAt;
        if (!control.stopRequested) emit({ type: 'resumed', runId });
        lastFlush = resumedAt;
        meter.restart(resumedAt);
      }
      if (control.stopRequested) {
        reason = 'stopped';
        break outer;
      }
      const loss = model.trainStep(batch);
      step++;
      if (!Number.isFinite(loss)) fail(`The loss became ${loss} at epoch ${epoch}, step ${step}.`);
      lossSum += loss * batch.size;
      samples += batch.size;
      meter.batchEnded(batch.size, now());
      let accuracy = Number.NaN;
      const predictions = kind === 'none' ? null : model.lastTrainPredictions();
      if (predictions) {
        const c = countCorrect(kind, predictions, batch.targets, batch.size, run.outputWidth);
        correct += c.correct;
        scored += c.total;
        accuracy = c.total > 0 ? c.correct / c.total : Number.NaN;
      }
      if ((rowCount + 1) * BATCH_METRIC_STRIDE > rows.length) {
        const grown = new Float32Array(rows.length * 2);
        grown.set(rows);
        rows = grown;
      }
      // Written field by field: an array literal here would be garbage on every batch.
      const at = rowCount * BATCH_METRIC_STRIDE;
      rows[at] = step;
      rows[at + 1] = epoch;
      rows[at + 2] = loss;
      rows[at + 3] = accuracy;
      rows[at + 4] = model.learningRate;
      rows[at + 5] = meter.rate();
      rowCount++;
    }
    flush(epoch);

    const val = run.validation && run.validation.sampleCount > 0 ? evaluateSplit(model, run.validation, run.loss, run.outputWidth) : null;
    if (val && !Number.isFinite(val.loss)) fail(`The validation loss became ${val.loss} after epoch ${epoch}.`);
    const metrics: EpochMetrics = {
      epoch,
      trainLoss: samples > 0 ? lossSum / samples : Number.NaN,
      trainAccuracy: scored > 0 ? correct / scored : null,
      valLoss: val?.loss ?? null,
      valAccuracy: val?.accuracy ?? null,
      learningRate: model.learningRate,
      seconds: (now() - epochStart - epochPausedMs) / 1000,
    };
    epochs.push(metrics);
    emit({ type: 'epochEnd', runId, metrics });
    model.endEpoch();

    // Higher score is better; without validation the training loss decides.
    const useAccuracy = config.earlyStopping.metric === 'valAccuracy' && metrics.valAccuracy !== null;
    const score = useAccuracy ? metrics.valAccuracy! : -(metrics.valLoss ?? metrics.trainLoss);
    if (!best || score > best.score) {
      best = { epoch, score, weights: config.keepBestWeights ? model.getWeights() : {} };
      sinceBest = 0;
    } else {
      sinceBest++;
    }
    if (config.earlyStopping.enabled && sinceBest >= config.earlyStopping.patience && epoch < config.epochs) {
      reason = 'earlyStopping';
      break;
    }
    await yieldToEventLoop();
  }
  flush(epochs.length);

  const keepBest = config.keepBestWeights && best !== null && best.epoch > 0;
  const done: DoneMessage = {
    type: 'done',
    runId,
    reason,
    epochs,
    weights: keepBest ? best!.weights : model.getWeights(),
    bestEpoch: best?.epoch ?? null,
  };
  emit(done);
  return done;
}
