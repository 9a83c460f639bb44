/**
 * ROC curves and the area under them, for two classes and one-vs-rest for many. The curve has one
 * point per distinct score; points on a straight horizontal or vertical run are dropped (they do not
 * change the curve or its area), and it starts at (0, 0), as scikit-learn's roc_curve draws it.
 */
import { checkSameLength } from './classification';

/** Points of a ROC curve: false- and true-positive rates at each threshold (score ≥ threshold is positive). */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** The first threshold is one above the highest score: nothing is positive there. */
  thresholds: Float64Array;
  /** Area under the curve; NaN when the truth has only one class (the curve is then undefined). */
  auc: number;
}

/** The ROC curve of scores against 0/1 truth (1 = positive). */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  checkSameLength(yTrue, scores);
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  // Cumulative true and false positives at the last sample of each distinct score.
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let i = 0; i < n; i++) {
    const s = order[i];
    if (yTrue[s] === 1) tp++;
    if (i === n - 1 || scores[order[i + 1]] !== scores[s]) {
      tps.push(tp);
      fps.push(i + 1 - tp);
      thresholds.push(scores[s]);
    }
  }
  // Keep the ends and every point where the curve changes direction.
  const keep: number[] = [];
  for (let i = 0; i < tps.length; i++) {
    const corner = i === 0 || i === tps.length - 1 || fps[i - 1] - 2 * fps[i] + fps[i + 1] !== 0 || tps[i - 1] - 2 * tps[i] + tps[i + 1] !== 0;
    if (tps.length <= 2 || corner) keep.push(i);
  }
  const points = keep.length + 1;
  const fpr = new Float64Array(points);
  const tpr = new Float64Array(points);
  const th = new Float64Array(points);
  const positives = tps.length ? tps[tps.length - 1] : 0;
  const negatives = fps.length ? fps[fps.length - 1] : 0;
  th[0] = (thresholds[0] ?? 0) + 1;
  keep.forEach((i, j) => {
    fpr[j + 1] = negatives > 0 ? fps[i] / negatives : NaN;
    tpr[j + 1] = positives > 0 ? tps[i] / positives : NaN;
    th[j + 1] = thresholds[i];
  });
  if (negatives === 0) fpr[0] = NaN;
  if (positives === 0) tpr[0] = NaN;
  return { fpr, tpr, thresholds: th, auc: positives > 0 && negatives > 0 ? trapezoidArea(fpr, tpr) : NaN };
}

/** Area under a curve by the trapezoid rule (x must be sorted). */
export function trapezoidArea(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

/** Area under the ROC curve of scores against 0/1 truth. */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  return rocCurve(yTrue, scores).auc;
}

/** One ROC curve per class (that class against the rest) and the macro-average of their areas. */
export interface OneVsRestRoc {
  curves: RocCurve[];
  /** Mean of the per-class areas over the classes present in the truth; NaN if none can be scored. */
  macroAuc: number;
  /** Classes absent from the truth (or present in all of it): their curve is undefined and left out of the mean. */
  undefinedClasses: number[];
}

/** One-vs-rest ROC curves from [n, classes] row-major probabilities. */
export function oneVsRestRoc(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, classes: number): OneVsRestRoc {
  const n = yTrue.length;
  if (probabilities.length !== n * classes) throw new RangeError(`${probabilities.length} probabilities do not form ${n} rows of ${classes} classes.`);
  const curves: RocCurve[] = [];
  const undefinedClasses: number[] = [];
  const truth = new Int32Array(n);
  const scores = new Float64Array(n);
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < n; i++) {
      truth[i] = yTrue[i] === c ? 1 : 0;
      scores[i] = probabilities[i * classes + c];
    }
    const curve = rocCurve(truth, scores);
    curves.push(curve);
    if (Number.isNaN(curve.auc)) undefinedClasses.push(c);
    else sum += curve.auc;
  }
  const scored = classes - undefinedClasses.length;
  return { curves, macroAuc: scored > 0 ? sum / scored : NaN, undefinedClasses };
}
