/**
 * Whether a model fits in the engine's memory: its weights alone, and a lower bound of what training
 * needs (weights, gradients, the optimiser's state and one batch of activations with their
 * gradients). A model over either is refused by validation with its size, before any training starts.
 */
import { KERNEL_MEMORY_BYTES } from '../kernels/memoryLimit';
import { sizeOf } from './catalog';
import type { OptimizerName } from './document';
import type { ModelDocument } from './document';
import type { GraphIssue } from './issues';
import type { NodeAnalysis } from './analyze';

const FLOAT_BYTES = 4;

/** Per-parameter state each optimiser keeps besides the weight and its gradient. */
const OPTIMIZER_SLOTS: Record<OptimizerName, number> = {
  sgd: 0,
  momentum: 1,
  nesterov: 1,
  adagrad: 1,
  rmsprop: 1,
  adadelta: 2,
  adam: 2,
  adamw: 2,
};

/** "1.50 GiB", "12.0 MiB", "512 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} bytes`;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}

/** Bytes of the weights and the lower bound of bytes training needs. */
export function memoryEstimate(doc: ModelDocument, nodes: Record<string, NodeAnalysis>, totalParams: number): { weightBytes: number; trainingBytes: number } {
  const weightBytes = totalParams * FLOAT_BYTES;
  const slots = OPTIMIZER_SLOTS[doc.training.optimizer.type] ?? 0;
  let activations = 0;
  for (const info of Object.values(nodes)) if (info.outputShape) activations += sizeOf(info.outputShape);
  const trainingBytes = weightBytes * (2 + slots) + activations * doc.training.batchSize * FLOAT_BYTES * 2;
  return { weightBytes, trainingBytes };
}

/** Issues for a model that does not fit in the engine's memory (none when it fits). */
export function memoryIssues(doc: ModelDocument, nodes: Record<string, NodeAnalysis>, totalParams: number, limit = KERNEL_MEMORY_BYTES): GraphIssue[] {
  const { weightBytes, trainingBytes } = memoryEstimate(doc, nodes, totalParams);
  if (weightBytes > limit) {
    return [
      {
        severity: 'error',
        code: 'too-large',
        message: `The weights need ${formatBytes(weightBytes)} (${totalParams.toLocaleString('en-US')} parameters × 4 bytes), more than the ${formatBytes(limit)} the engine can hold; use fewer units, filters or layers.`,
      },
    ];
  }
  if (trainingBytes > limit) {
    return [
      {
        severity: 'error',
        code: 'too-large',
        message: `Training needs at least ${formatBytes(trainingBytes)} (weights ${formatBytes(weightBytes)}, their gradients and ${doc.training.optimizer.type} state, and the activations of a batch of ${doc.training.batchSize}), more than the ${formatBytes(limit)} the engine can hold; lower the batch size or use fewer units or filters.`,
      },
    ];
  }
  return [];
}
