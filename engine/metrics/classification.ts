/**
 * Classification metrics over class ids: accuracy, the confusion matrix, and per-class precision,
 * recall and F1 with macro and weighted averages. Where a ratio has a zero denominator the value is 0,
 * as in scikit-learn's default, and the affected classes are listed so the UI can warn.
 */

/** Fraction of predictions equal to the truth (0 for no samples). */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  if (yTrue.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/** Counts of (true class, predicted class) pairs; `counts[t * size + p]`, rows are true classes. */
export interface ConfusionMatrix {
  size: number;
  counts: Int32Array;
}

/** The confusion matrix over classes 0..classes-1 (default: one past the largest id seen). */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes?: number): ConfusionMatrix {
  checkSameLength(yTrue, yPred);
  const size = classes ?? largestLabel(yTrue, yPred) + 1;
  const counts = new Int32Array(size * size);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (!(t >= 0 && t < size && p >= 0 && p < size)) {
      throw new RangeError(`Sample ${i}: labels ${t} (true) and ${p} (predicted) must be class ids in 0..${size - 1}.`);
    }
    counts[t * size + p]++;
  }
  return { size, counts };
}

/** Precision, recall and F1 of one averaging. */
export interface AveragedScores {
  precision: number;
  recall: number;
  f1: number;
}

/** Per-class scores (index = class id), their averages, and which classes had a zero denominator. */
export interface ClassificationReport {
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  /** Number of true samples of each class. */
  support: Int32Array;
  /** Unweighted mean over classes. */
  macro: AveragedScores;
  /** Mean over classes weighted by support. */
  weighted: AveragedScores;
  /** Classes never predicted (precision undefined, reported as 0). */
  undefinedPrecision: number[];
  /** Classes absent from the truth (recall undefined, reported as 0). */
  undefinedRecall: number[];
  /** True when any score above was set to 0 for a zero denominator. */
  zeroDivision: boolean;
}

/** Per-class precision, recall and F1 from a confusion matrix. */
export function reportFromConfusion(cm: ConfusionMatrix): ClassificationReport {
  const k = cm.size;
  const precision = new Float64Array(k);
  const recall = new Float64Array(k);
  const f1 = new Float64Array(k);
  const support = new Int32Array(k);
  const undefinedPrecision: number[] = [];
  const undefinedRecall: number[] = [];
  for (let c = 0; c < k; c++) {
    const tp = cm.counts[c * k + c];
    let predicted = 0;
    let actual = 0;
    for (let o = 0; o < k; o++) {
      predicted += cm.counts[o * k + c];
      actual += cm.counts[c * k + o];
    }
    support[c] = actual;
    if (predicted > 0) precision[c] = tp / predicted;
    else undefinedPrecision.push(c);
    if (actual > 0) recall[c] = tp / actual;
    else undefinedRecall.push(c);
    const sum = precision[c] + recall[c];
    f1[c] = sum > 0 ? (2 * precision[c] * recall[c]) / sum : 0;
  }
  let total = 0;
  for (let c = 0; c < k; c++) total += support[c];
  const average = (values: Float64Array, weights: Int32Array | null): number => {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += values[c] * (weights ? weights[c] : 1);
    const denominator = weights ? total : k;
    return denominator > 0 ? sum / denominator : 0;
  };
  return {
    precision,
    recall,
    f1,
    support,
    macro: { precision: average(precision, null), recall: average(recall, null), f1: average(f1, null) },
    weighted: { precision: average(precision, support), recall: average(recall, support), f1: average(f1, support) },
    undefinedPrecision,
    undefinedRecall,
    zeroDivision: undefinedPrecision.length > 0 || undefinedRecall.length > 0,
  };
}

/** Per-class precision, recall and F1 over classes 0..classes-1 (see ClassificationReport). */
export function classificationReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes?: number): ClassificationReport {
  return reportFromConfusion(confusionMatrix(yTrue, yPred, classes));
}

/** Predicted class per row of an [n, k] probability or logit matrix (first maximum wins). */
export function argmaxRows(scores: ArrayLike<number>, classes: number): Int32Array {
  const n = Math.floor(scores.length / classes);
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[r * classes + c] > scores[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** Class 1 where the probability reaches the threshold (default 0.5), else class 0. */
export function thresholdPredictions(probabilities: ArrayLike<number>, threshold = 0.5): Int32Array {
  const out = new Int32Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) out[i] = probabilities[i] >= threshold ? 1 : 0;
  return out;
}

export function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`The truth has ${a.length} values but the predictions have ${b.length}.`);
}

function largestLabel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = -1;
  for (let i = 0; i < a.length; i++) max = Math.max(max, a[i], b[i]);
  return max;
}
