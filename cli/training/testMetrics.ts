/** Test-set metrics from an evaluation answer, computed with engine/metrics, and their terminal report. */
import type { ClassificationReport } from '../../engine/metrics';
import { accuracy, argmaxRows, confusionMatrix, meanAbsoluteError, reportFromConfusion, r2Score, rootMeanSquaredError, thresholdPredictions } from '../../engine/metrics';
import type { EvaluationMessage } from '../../engine/training/protocol';
import { renderTable } from '../table';
import { sanitizeText } from '../text';

export interface ClassMetrics {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Metrics of one split, as metrics.json and `eval --json` write them. */
export type TestMetrics =
  | {
      task: 'classification' | 'binary';
      samples: number;
      loss: number;
      accuracy: number;
      perClass: ClassMetrics[];
      macro: { precision: number; recall: number; f1: number };
      weighted: { precision: number; recall: number; f1: number };
      /** Rows are true classes, columns predicted ones. */
      confusionMatrix: number[][];
      classes: string[];
    }
  | { task: 'regression'; samples: number; loss: number; mae: number; rmse: number; r2: number };

const round = (v: number) => Number(v.toPrecision(6));

/** Metrics of an evaluation message (classification: argmax or 0.5 threshold; regression: the first output). */
export function testMetrics(evaluation: EvaluationMessage): TestMetrics {
  const { task, count, outputWidth, predictions, targets } = evaluation;
  if (task === 'regression') {
    const values = outputWidth === 1 ? predictions : Float32Array.from({ length: count }, (_, i) => predictions[i * outputWidth]);
    return { task, samples: count, loss: round(evaluation.loss), mae: round(meanAbsoluteError(targets, values)), rmse: round(rootMeanSquaredError(targets, values)), r2: round(r2Score(targets, values)) };
  }
  const classes = evaluation.classes.length || Math.max(2, outputWidth);
  const predicted = outputWidth === 1 ? thresholdPredictions(predictions) : argmaxRows(predictions, outputWidth);
  const truth = Int32Array.from(targets, (t) => Math.round(t));
  const confusion = confusionMatrix(truth, predicted, classes);
  const report: ClassificationReport = reportFromConfusion(confusion);
  const names = evaluation.classes.length ? evaluation.classes : Array.from({ length: classes }, (_, i) => String(i));
  const size = confusion.size;
  const matrix = Array.from({ length: size }, (_, t) => Array.from(confusion.counts.subarray(t * size, (t + 1) * size)));
  return {
    task,
    samples: count,
    loss: round(evaluation.loss),
    accuracy: round(accuracy(truth, predicted)),
    perClass: names.map((name, c) => ({ class: name, precision: round(report.precision[c]), recall: round(report.recall[c]), f1: round(report.f1[c]), support: report.support[c] })),
    macro: { precision: round(report.macro.precision), recall: round(report.macro.recall), f1: round(report.macro.f1) },
    weighted: { precision: round(report.weighted.precision), recall: round(report.weighted.recall), f1: round(report.weighted.f1) },
    confusionMatrix: matrix,
    classes: names,
  };
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** Human-readable lines for the terminal. */
export function formatTestMetrics(metrics: TestMetrics): string[] {
  if (metrics.task === 'regression') {
    return [`Test samples: ${metrics.samples}`, `Loss: ${metrics.loss.toFixed(4)}`, `MAE: ${metrics.mae.toFixed(4)}`, `RMSE: ${metrics.rmse.toFixed(4)}`, `R²: ${metrics.r2.toFixed(4)}`];
  }
  const lines = [`Test samples: ${metrics.samples}`, `Loss: ${metrics.loss.toFixed(4)}`, `Accuracy: ${pct(metrics.accuracy)}`, ''];
  const f = (v: number) => v.toFixed(3);
  const rows = metrics.perClass.map((c) => [sanitizeText(c.class), f(c.precision), f(c.recall), f(c.f1), String(c.support)]);
  rows.push(['macro avg', f(metrics.macro.precision), f(metrics.macro.recall), f(metrics.macro.f1), String(metrics.samples)]);
  rows.push(['weighted avg', f(metrics.weighted.precision), f(metrics.weighted.recall), f(metrics.weighted.f1), String(metrics.samples)]);
  const right = { align: 'right' as const };
  lines.push(...renderTable([{ header: 'Class' }, { header: 'Precision', ...right }, { header: 'Recall', ...right }, { header: 'F1', ...right }, { header: 'Support', ...right }], rows));
  lines.push('', 'Confusion matrix (rows: true class, columns: predicted):');
  const header = [{ header: 'true \\ predicted' }, ...metrics.classes.map((c) => ({ header: sanitizeText(c), ...right }))];
  lines.push(...renderTable(header, metrics.confusionMatrix.map((row, t) => [sanitizeText(metrics.classes[t]), ...row.map(String)])));
  return lines;
}
