/**
 * How a `netwright train` run ended, and what of it is kept. Every ending — finished, stopped with
 * Ctrl-C, ended by SIGTERM, failed (a NaN loss, a crash) — keeps the last good weights when any
 * exist, and metrics.json says which ending it was.
 */
import type { ModelDocument } from '../../engine/model';
import type { DoneMessage, EpochMetrics, ErrorMessage, InputNormalisation, TrainingErrorCode, WeightMap } from '../../engine/training/protocol';
import { EXIT } from '../command';
import type { TestMetrics } from './testMetrics';

/** completed: every epoch ran (or early stopping ended it); stopped: Ctrl-C; interrupted: SIGTERM/SIGHUP; failed: an error. */
export type RunStatus = 'completed' | 'stopped' | 'interrupted' | 'failed';

/** The signals that end a run gracefully: the run stops after the current batch and saves. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

const SIGNAL_NUMBERS: Record<StopSignal, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** What a run left: its ending, and the weights to keep (null when none survived). */
export interface RunEnd {
  status: RunStatus;
  /** One sentence for people. */
  reason: string;
  /** The last finished epoch (0 when none finished). */
  epoch: number;
  bestEpoch: number | null;
  epochs: EpochMetrics[];
  weights: WeightMap | null;
  normalisation: InputNormalisation | null;
  error: { code: TrainingErrorCode; message: string; hint: string } | null;
  signal: StopSignal | null;
}

/** The run's ending from the session's last message and the signal that stopped it, if any. */
export function runEnd(result: DoneMessage | ErrorMessage | null, signal: StopSignal | null): RunEnd {
  if (!result) {
    return { status: 'failed', reason: 'The run ended without a result.', epoch: 0, bestEpoch: null, epochs: [], weights: null, normalisation: null, error: { code: 'internal', message: 'The run ended without a result.', hint: 'Try again; if it happens again, report it with the model file.' }, signal };
  }
  const epochs = result.epochs;
  const epoch = epochs.at(-1)?.epoch ?? 0;
  const common = { epoch, bestEpoch: result.bestEpoch, epochs, weights: result.weights, normalisation: result.normalisation ?? null, signal };
  if (result.type === 'error') {
    return { ...common, status: 'failed', reason: result.message, error: { code: result.code, message: result.message, hint: result.hint } };
  }
  if (result.reason === 'stopped' && signal) {
    const by = signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : signal;
    return { ...common, status: signal === 'SIGINT' ? 'stopped' : 'interrupted', reason: `Stopped by ${by} after epoch ${epoch}.`, error: null };
  }
  if (result.reason === 'stopped') return { ...common, status: 'stopped', reason: `Stopped after epoch ${epoch}.`, error: null };
  const reason = result.reason === 'earlyStopping' ? `Early stopping after epoch ${epoch}: the validation loss stopped improving.` : `All ${epoch} epochs ran.`;
  return { ...common, status: 'completed', reason, error: null };
}

/** The exit code of a run's ending: 0 when completed, 128 + the signal's number when stopped by one, else 1 or 2. */
export function runExitCode(end: RunEnd): number {
  if (end.status === 'completed') return EXIT.ok;
  if (end.signal) return 128 + SIGNAL_NUMBERS[end.signal];
  if (end.status === 'stopped') return EXIT.ok;
  const code = end.error?.code;
  return code === 'internal' || code === 'crashed' || code === 'protocol' || code === 'outOfMemory' ? EXIT.failure : EXIT.invalid;
}

/** The content of metrics.json. */
export function metricsFile(document: ModelDocument, end: RunEnd, test: TestMetrics | null, seconds: number): Record<string, unknown> {
  const kept = end.epochs.find((e) => e.epoch === end.bestEpoch) ?? end.epochs.at(-1) ?? null;
  return {
    model: document.name,
    dataset: document.training.dataset,
    status: end.status,
    reason: end.reason,
    ...(end.error ? { error: end.error } : {}),
    epoch: end.epoch,
    bestEpoch: end.bestEpoch,
    seconds: Number(seconds.toFixed(2)),
    final: {
      // Training metrics are running averages over the kept epoch; validation and test use the kept weights.
      train: kept ? { loss: kept.trainLoss, accuracy: kept.trainAccuracy } : null,
      validation: kept && kept.valLoss !== null ? { loss: kept.valLoss, accuracy: kept.valAccuracy } : null,
      test,
    },
    epochs: end.epochs,
  };
}

/**
 * Routes SIGINT, SIGTERM and SIGHUP to `stop` while a run is active: the first one stops the run after
 * the current batch (what was trained is still written); a second one ends the process at once, which
 * leaves every output as it was (writes are atomic).
 */
export class RunSignals {
  private received: StopSignal | null = null;
  private readonly handlers = new Map<StopSignal, () => void>();

  constructor(stop: () => void, onFirst?: (signal: StopSignal) => void) {
    for (const signal of STOP_SIGNALS) {
      const handler = () => {
        if (this.received) process.exit(128 + SIGNAL_NUMBERS[signal]);
        this.received = signal;
        onFirst?.(signal);
        stop();
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** The first signal received, if any. */
  get signal(): StopSignal | null {
    return this.received;
  }

  dispose(): void {
    for (const [signal, handler] of this.handlers) process.removeListener(signal, handler);
    this.handlers.clear();
  }
}
