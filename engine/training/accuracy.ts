import { LOSSES } from '../model/losses';
import type { LossName, ScoreKind } from '../model/losses';

export type { ScoreKind };

/** How a loss's predictions are scored, as the loss table says (see LossSpec.accuracy). */
export function scoreKindOf(loss: LossName): ScoreKind {
  return LOSSES[loss].accuracy;
}

function argmax(values: Float32Array | Int32Array, offset: number, width: number): number {
  let best = offset;
  for (let i = offset + 1; i < offset + width; i++) if (values[i] > values[best]) best = i;
  return best - offset;
}

/**
 * Number of correct predictions in a batch. Targets are class ids (sparse), one-hot or soft rows
 * (categorical/KL: the target's argmax is the class), or 0/1 values (binary, every output scored).
 */
export function countCorrect(
  kind: ScoreKind,
  predictions: Float32Array,
  targets: Float32Array | Int32Array,
  size: number,
  width: number,
): { correct: number; total: number } {
  if (kind === 'none' || size === 0) return { correct: 0, total: 0 };
  let correct = 0;
  if (kind === 'binary') {
    const n = size * width;
    for (let i = 0; i < n; i++) if (predictions[i] >= 0.5 === targets[i] >= 0.5) correct++;
    return { correct, total: n };
  }
  const sparse = targets instanceof Int32Array;
  for (let r = 0; r < size; r++) {
    const predicted = argmax(predictions, r * width, width);
    const actual = sparse ? targets[r] : argmax(targets, r * width, width);
    if (predicted === actual) correct++;
  }
  return { correct, total: size };
}
