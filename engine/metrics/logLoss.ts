/** Cross-entropy of predicted probabilities against class ids (scikit-learn's log_loss). */

/** Probabilities are clipped to [EPS, 1 - EPS] so that a confident mistake costs a large but finite loss. */
const EPS = 2.220446049250313e-16;

/**
 * Mean negative log-probability of the true class. `probabilities` is [n, classes] row-major, or for two
 * classes may be n values of P(class 1). Rows are clipped and renormalised to sum to 1.
 */
export function logLoss(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, classes?: number): number {
  const n = yTrue.length;
  if (n === 0) return 0;
  const binary = probabilities.length === n && (classes === undefined || classes === 2);
  if (binary) {
    const asRows = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      asRows[2 * i] = 1 - probabilities[i];
      asRows[2 * i + 1] = probabilities[i];
    }
    return logLoss(yTrue, asRows, 2);
  }
  const k = classes ?? probabilities.length / n;
  if (!Number.isInteger(k) || k * n !== probabilities.length) {
    throw new RangeError(`${probabilities.length} probabilities do not form ${n} rows of ${classes ?? '?'} classes.`);
  }
  let sum = 0;
  for (let r = 0; r < n; r++) {
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += clip(probabilities[r * k + c]);
    const t = yTrue[r];
    if (!(t >= 0 && t < k)) throw new RangeError(`Sample ${r}: label ${t} is not a class id in 0..${k - 1}.`);
    sum -= Math.log(clip(probabilities[r * k + t]) / rowSum);
  }
  return sum / n;
}

const clip = (p: number): number => Math.min(Math.max(p, EPS), 1 - EPS);
