/**
 * What the Evaluate view shows, derived from one 'evaluation' message with the engine's metrics:
 * predicted classes, accuracy, confusion matrix, per-class report, ROC curves, regression errors.
 */
import {
  accuracy,
  argmaxRows,
  confusionMatrix,
  meanAbsoluteError,
  oneVsRestRoc,
  r2Score,
  reportFromConfusion,
  rocCurve,
  rootMeanSquaredError,
  thresholdPredictions,
} from '../../engine/metrics';
import type { ClassificationReport, ConfusionMatrix, RocCurve } from '../../engine/metrics';
import type { EvaluationMessage } from '../../engine/training/protocol';
import { regressionCorrect } from './samplePaging';

export interface ClassificationSummary {
  kind: 'classification';
  classes: string[];
  predicted: Int32Array;
  truth: Int32Array;
  accuracy: number;
  confusion: ConfusionMatrix;
  report: ClassificationReport;
  /** Binary: one curve (class 1 positive). Otherwise one per class, one-vs-rest. */
  roc: RocCurve[];
  macroAuc: number;
}

export interface RegressionSummary {
  kind: 'regression';
  predicted: Float32Array;
  truth: Float32Array;
  mae: number;
  rmse: number;
  r2: number;
}

export type EvaluationSummary = ClassificationSummary | RegressionSummary;

/** Class names, falling back to ids when the worker sent none. */
function classNames(result: EvaluationMessage, size: number): string[] {
  return Array.from({ length: size }, (_, i) => result.classes[i] ?? String(i));
}

/** The summary of an evaluation. */
export function summarise(result: EvaluationMessage): EvaluationSummary {
  const n = result.count;
  if (result.task === 'regression') {
    const predicted = result.predictions.subarray(0, n);
    const truth = Float32Array.from(result.targets.subarray(0, n));
    return { kind: 'regression', predicted, truth, mae: meanAbsoluteError(truth, predicted), rmse: rootMeanSquaredError(truth, predicted), r2: r2Score(truth, predicted) };
  }
  const truth = Int32Array.from(result.targets.subarray(0, n), (v) => Math.round(v));
  if (result.task === 'binary' && result.outputWidth === 1) {
    const scores = result.predictions.subarray(0, n);
    const predicted = thresholdPredictions(scores);
    const confusion = confusionMatrix(truth, predicted, 2);
    const curve = rocCurve(truth, scores);
    return { kind: 'classification', classes: classNames(result, 2), predicted, truth, accuracy: accuracy(truth, predicted), confusion, report: reportFromConfusion(confusion), roc: [curve], macroAuc: curve.auc };
  }
  const width = result.outputWidth;
  const scores = result.predictions.subarray(0, n * width);
  const predicted = argmaxRows(scores, width);
  const confusion = confusionMatrix(truth, predicted, width);
  const roc = width === 2 ? { curves: [rocCurve(Int32Array.from(truth, (t) => (t === 1 ? 1 : 0)), Float64Array.from({ length: n }, (_, i) => scores[i * 2 + 1]))], macroAuc: NaN } : oneVsRestRoc(truth, scores, width);
  const macroAuc = width === 2 ? roc.curves[0].auc : roc.macroAuc;
  return { kind: 'classification', classes: classNames(result, width), predicted, truth, accuracy: accuracy(truth, predicted), confusion, report: reportFromConfusion(confusion), roc: roc.curves, macroAuc };
}

/** One cell of the confusion-matrix heatmap. */
export interface ConfusionCell {
  truth: number;
  predicted: number;
  count: number;
  /** Share of the true class's samples (row-normalised), 0..1; 0 for an empty row. */
  rowShare: number;
  /** Heat colour from the row share: diagonal in blue (right), off-diagonal in red (wrong). */
  colour: string;
  tooltip: string;
}

/** The heatmap's rows: one cell per (true, predicted) pair, coloured by row share. */
export function confusionCells(cm: ConfusionMatrix, classes: readonly string[]): ConfusionCell[][] {
  const k = cm.size;
  const rows: ConfusionCell[][] = [];
  for (let t = 0; t < k; t++) {
    let total = 0;
    for (let p = 0; p < k; p++) total += cm.counts[t * k + p];
    const row: ConfusionCell[] = [];
    for (let p = 0; p < k; p++) {
      const count = cm.counts[t * k + p];
      const rowShare = total > 0 ? count / total : 0;
      const alpha = count === 0 ? 0 : 0.12 + 0.78 * Math.sqrt(rowShare);
      const colour = count === 0 ? 'transparent' : t === p ? `rgba(110, 168, 254, ${alpha.toFixed(3)})` : `rgba(242, 114, 122, ${alpha.toFixed(3)})`;
      const name = (i: number) => classes[i] ?? String(i);
      const tooltip =
        t === p
          ? `${count} of ${total} “${name(t)}” samples predicted correctly (${(rowShare * 100).toFixed(1)}%)`
          : `${count} of ${total} “${name(t)}” samples predicted as “${name(p)}” (${(rowShare * 100).toFixed(1)}%)`;
      row.push({ truth: t, predicted: p, count, rowShare, colour, tooltip });
    }
    rows.push(row);
  }
  return rows;
}

/** One test sample with its prediction, as the sample grid shows it. */
export interface SampleView {
  testIndex: number;
  truth: number;
  predicted: number;
  /** Confidence in the predicted class (classification) or the predicted value (regression). */
  confidence: number;
  correct: boolean;
}

/** The view of test sample `i`. */
export function sampleViewAt(result: EvaluationMessage, summary: EvaluationSummary, i: number): SampleView {
  if (summary.kind === 'regression') {
    const predicted = summary.predicted[i];
    const truth = summary.truth[i];
    return { testIndex: i, truth, predicted, confidence: predicted, correct: regressionCorrect(predicted, truth) };
  }
  const predicted = summary.predicted[i];
  const width = result.outputWidth;
  const confidence = width === 1 ? (predicted === 1 ? result.predictions[i] : 1 - result.predictions[i]) : result.predictions[i * width + predicted];
  return { testIndex: i, truth: summary.truth[i], predicted, confidence, correct: predicted === summary.truth[i] };
}
