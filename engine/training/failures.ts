/** Turns whatever ended a run or a request into a message a person can act on: what, where, what to do. */
import { DatasetError } from '../data';
import type { GraphIssue } from '../model';
import { EngineError } from '../runtime';
import type { EpochMetrics, ErrorMessage, TrainingErrorCode, WeightMap } from './protocol';
import { TrainingFailure, TrainingInterrupted } from './trainer';

/** A failure with its protocol code, message and hint, before it is addressed to a run or a request. */
export interface Failure {
  code: TrainingErrorCode;
  message: string;
  hint: string;
}

/** What survives a failed run (finished epochs, weights) when the failure itself does not carry it. */
export interface RunRemains {
  epochs: EpochMetrics[];
  weights: WeightMap | null;
  bestEpoch: number | null;
}

/** A failure raised on purpose by the session (invalid model, protocol mismatch). */
export class SessionFailure extends Error {
  constructor(
    readonly code: TrainingErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'SessionFailure';
  }
}

/** The failure for a document whose graph has errors, naming every node involved. */
export function invalidModelFailure(issues: GraphIssue[]): SessionFailure {
  const lines = issues.slice(0, 10).map((i) => `[${i.nodeId ? `node ${i.nodeId}` : i.edgeId ? `edge ${i.edgeId}` : 'model'}] ${i.message}`);
  const nodes = [...new Set(issues.map((i) => i.nodeId).filter((id): id is string => !!id))];
  const more = issues.length > 10 ? ` … and ${issues.length - 10} more.` : '';
  return new SessionFailure(
    'invalidModel',
    `The model cannot be trained: ${issues.length} error${issues.length === 1 ? '' : 's'}${nodes.length ? ` at ${nodes.join(', ')}` : ''}. ${lines.join(' ')}${more}`,
    'Fix the nodes marked in the editor (the inspector says what each one needs), then train again.',
  );
}

/** Classifies an error thrown while training or answering a request. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof SessionFailure) return { code: error.code, message: error.message, hint: error.hint };
  if (error instanceof TrainingFailure) return { code: error.code, message: error.message, hint: error.hint };
  if (error instanceof DatasetError) return { code: 'dataset', message: error.message, hint: error.hint || 'Choose another dataset in the training settings.' };
  if (error instanceof EngineError) {
    switch (error.code) {
      case 'nonFinite':
        return { code: 'nonFinite', message: error.message, hint: 'Lower the learning rate, make sure the inputs are normalised, or clip gradients by norm in the training settings.' };
      case 'outOfMemory':
        return { code: 'outOfMemory', message: error.message, hint: 'Use a smaller batch size, fewer filters or units, or close other runs.' };
      case 'shapeMismatch':
      case 'unknownWeight':
        return { code: 'invalidModel', message: error.message, hint: 'The weights do not belong to this model: train it again, or undo the change to its layers.' };
      case 'invalidInput':
        return { code: 'dataset', message: error.message, hint: 'Check that the dataset fits the model (classes, value ranges).' };
      case 'unsupported':
        return { code: 'invalidModel', message: error.message, hint: 'Change the model in the editor; this construct cannot be trained yet.' };
      case 'disposed':
        return { code: 'internal', message: error.message, hint: 'Start the run again.' };
      default: {
        const unreachable: never = error.code;
        return unreachable;
      }
    }
  }
  if (error instanceof RangeError && /memory/i.test(error.message)) {
    return { code: 'outOfMemory', message: `Out of memory: ${error.message}`, hint: 'Use a smaller batch size or model.' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}`, hint: 'Try again; if it happens again, report it with the model file.' };
}

/** The error message that ends a run; a TrainingFailure's own epochs and weights win over `remains`. */
export function runErrorMessage(runId: string, error: unknown, remains: RunRemains): ErrorMessage {
  const failure = describeFailure(error);
  if (error instanceof TrainingFailure) {
    return { type: 'error', runId, ...failure, epochs: error.epochs, weights: error.weights, bestEpoch: error.bestEpoch };
  }
  if (error instanceof TrainingInterrupted) {
    // The best epoch's weights beat whatever the model holds after a failed step.
    return { type: 'error', runId, ...describeFailure(error.cause), epochs: error.epochs, weights: error.weights ?? remains.weights, bestEpoch: error.bestEpoch };
  }
  return { type: 'error', runId, ...failure, ...remains };
}
