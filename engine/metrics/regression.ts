/** Regression metrics: mean absolute error, root mean squared error and the coefficient of determination. */
import { checkSameLength } from './classification';

/** Mean of |truth - prediction| (0 for no samples). */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]);
  return yTrue.length ? sum / yTrue.length : 0;
}

/** Square root of the mean squared error (0 for no samples). */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i] - yPred[i]) ** 2;
  return yTrue.length ? Math.sqrt(sum / yTrue.length) : 0;
}

/**
 * R² = 1 - SS_res / SS_tot. For a constant truth (SS_tot = 0) it is 1 when the predictions are exact and
 * 0 otherwise, as scikit-learn reports it, rather than an infinity.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  const n = yTrue.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    residual += (yTrue[i] - yPred[i]) ** 2;
    total += (yTrue[i] - mean) ** 2;
  }
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}
