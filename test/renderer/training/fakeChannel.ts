/**
 * A TrainingChannel that replays scripted worker messages, for tests of everything behind the
 * channel: the store's reducers, the controller's requests, automatic evaluation.
 */
import { BATCH_METRIC_STRIDE } from '../../../engine/training/protocol';
import type { EpochMetrics, HostMessage, WorkerMessage } from '../../../engine/training/protocol';
import type { TrainingChannel } from '../../../renderer/host/host';

/** Records what the host posted; delivers messages when the test says so. */
export class FakeChannel implements TrainingChannel {
  readonly posted: HostMessage[] = [];
  private listeners = new Set<(message: WorkerMessage) => void>();
  /** Called for every post; lets a test answer requests. */
  onPost: ((message: HostMessage, channel: FakeChannel) => void) | null = null;

  post(message: HostMessage): void {
    this.posted.push(message);
    this.onPost?.(message, this);
  }

  onMessage(listener: (message: WorkerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...messages: WorkerMessage[]): void {
    for (const message of messages) for (const listener of this.listeners) listener(message);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** The last posted message of a type. */
  lastPosted<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }> | undefined {
    return [...this.posted].reverse().find((m): m is Extract<HostMessage, { type: T }> => m.type === type);
  }
}

export interface ScriptOptions {
  epochs: number;
  batchesPerEpoch: number;
  /** Progress messages per epoch; batches are spread evenly over them. */
  flushesPerEpoch?: number;
  /** Fail with a non-finite loss after this many finished epochs. */
  failAfterEpochs?: number;
}

/** Loss of a scripted batch: decays with the step, so curves look like training. */
export const scriptedLoss = (step: number): number => 2.3 * Math.exp(-step / 40) + 0.1;
export const scriptedAccuracy = (step: number): number => 1 - 0.9 * Math.exp(-step / 30);

function epochMetrics(epoch: number, step: number): EpochMetrics {
  return {
    epoch,
    trainLoss: scriptedLoss(step),
    trainAccuracy: scriptedAccuracy(step),
    valLoss: scriptedLoss(step) * 1.1,
    valAccuracy: scriptedAccuracy(step) * 0.98,
    learningRate: 0.001,
    seconds: 1.5,
  };
}

/** The messages a worker sends for one run, from 'started' to 'done' (or 'error'). */
export function scriptedRun(runId: string, options: ScriptOptions): WorkerMessage[] {
  const { epochs, batchesPerEpoch } = options;
  const flushes = options.flushesPerEpoch ?? 2;
  const messages: WorkerMessage[] = [{ type: 'started', runId, totalEpochs: epochs, batchesPerEpoch, threads: 2, kernels: 'simd' }];
  const finished: EpochMetrics[] = [];
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (options.failAfterEpochs !== undefined && finished.length === options.failAfterEpochs) {
      messages.push({
        type: 'error',
        runId,
        code: 'nonFinite',
        message: `The loss became NaN at epoch ${epoch}, step ${step + 1}.`,
        hint: 'Lower the learning rate (try 0.0001) or turn on gradient clipping.',
        epochs: [...finished],
        weights: { 'dense1.kernel': new Float32Array([0.5, -0.5]) },
        bestEpoch: finished.length,
      });
      return messages;
    }
    for (let f = 0; f < flushes; f++) {
      const rows = Math.floor(batchesPerEpoch / flushes) + (f < batchesPerEpoch % flushes ? 1 : 0);
      const batches = new Float32Array(rows * BATCH_METRIC_STRIDE);
      for (let r = 0; r < rows; r++) {
        step++;
        batches.set([step, epoch, scriptedLoss(step), scriptedAccuracy(step), 0.001, 5000 + step], r * BATCH_METRIC_STRIDE);
      }
      const progress = step / (epochs * batchesPerEpoch);
      messages.push({ type: 'progress', runId, batches, epoch, progress, elapsedSeconds: step * 0.01, etaSeconds: (epochs * batchesPerEpoch - step) * 0.01 });
    }
    const metrics = epochMetrics(epoch, step);
    finished.push(metrics);
    messages.push({ type: 'epochEnd', runId, metrics });
  }
  messages.push({
    type: 'done',
    runId,
    reason: 'completed',
    epochs: finished,
    weights: { 'dense1.kernel': new Float32Array([1, 2]) },
    bestEpoch: epochs,
    normalisation: { kind: 'standardise', offset: [0.13], scale: [3.2] },
  });
  return messages;
}
