/**
 * Which test samples the sample grid lists, and how it pages through them. The evaluation carries every
 * test sample's prediction and target, so lists and counts are exact here; only the sample images of
 * the page on screen are fetched from the worker (see SampleGrid).
 */
import type { EvaluationSummary } from './evaluationModel';

/** Samples shown per page. */
export const SAMPLE_PAGE_SIZE = 20;

/** What the grid lists: mistakes, everything (mistakes first), or one confusion-matrix cell. */
export type SampleFilter = { kind: 'errors' } | { kind: 'all' } | { kind: 'cell'; truth: number; predicted: number };

/** Regression predictions within 10% of the target (at least ±0.1) count as right. */
export function regressionCorrect(predicted: number, truth: number): boolean {
  return Math.abs(predicted - truth) <= 0.1 * Math.max(1, Math.abs(truth));
}

/** True when the test sample `i` is predicted right. */
export function isCorrect(summary: EvaluationSummary, i: number): boolean {
  return summary.kind === 'regression' ? regressionCorrect(summary.predicted[i], summary.truth[i]) : summary.predicted[i] === summary.truth[i];
}

/** Number of test samples predicted wrong: the off-diagonal of the confusion matrix for classes. */
export function errorCount(summary: EvaluationSummary): number {
  let wrong = 0;
  for (let i = 0; i < summary.truth.length; i++) if (!isCorrect(summary, i)) wrong++;
  return wrong;
}

/**
 * Test-set indices the filter selects, in the order shown: test order within mistakes and within right
 * answers for classes; the largest error first for regression. A cell filter on regression selects nothing.
 */
export function sampleOrder(summary: EvaluationSummary, filter: SampleFilter): Int32Array {
  const n = summary.truth.length;
  const all = Array.from({ length: n }, (_, i) => i);
  if (summary.kind === 'regression') {
    if (filter.kind === 'cell') return new Int32Array(0);
    const error = (i: number) => Math.abs(summary.predicted[i] - summary.truth[i]);
    const worstFirst = all.sort((a, b) => error(b) - error(a) || a - b);
    return Int32Array.from(filter.kind === 'errors' ? worstFirst.filter((i) => !isCorrect(summary, i)) : worstFirst);
  }
  switch (filter.kind) {
    case 'errors':
      return Int32Array.from(all.filter((i) => !isCorrect(summary, i)));
    case 'all':
      return Int32Array.from([...all.filter((i) => !isCorrect(summary, i)), ...all.filter((i) => isCorrect(summary, i))]);
    case 'cell':
      return Int32Array.from(all.filter((i) => summary.truth[i] === filter.truth && summary.predicted[i] === filter.predicted));
    default: {
      const unreachable: never = filter;
      return unreachable;
    }
  }
}

/** One page of a list: which slice it shows and how the pager labels it. */
export interface SamplePage {
  /** Zero-based page number, clamped into range. */
  page: number;
  pages: number;
  /** Slice [start, end) of the list. */
  start: number;
  end: number;
  /** "41–60 of 420", or "none" for an empty list. */
  label: string;
}

/** The page `page` (clamped) of a list of `total` samples, `size` per page. */
export function samplePage(total: number, page: number, size = SAMPLE_PAGE_SIZE): SamplePage {
  const pages = Math.max(1, Math.ceil(total / size));
  const at = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const start = Math.min(total, at * size);
  const end = Math.min(total, start + size);
  const label = total === 0 ? 'none' : `${(start + 1).toLocaleString('en-US')}–${end.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
  return { page: at, pages, start, end, label };
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** What a cell filter says above the grid: "true 3 → predicted 5, 12 samples". */
export function cellFilterLabel(truth: number, predicted: number, count: number, classes: readonly string[]): string {
  const name = (i: number) => classes[i] ?? String(i);
  return `true ${name(truth)} → predicted ${name(predicted)}, ${plural(count, 'sample')}`;
}

/** Indices among `wanted` that `have` lacks, in order, without repeats. */
export function missingIndices(wanted: ArrayLike<number>, have: { has(index: number): boolean }): Int32Array {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let k = 0; k < wanted.length; k++) {
    const i = wanted[k];
    if (!have.has(i) && !seen.has(i)) {
      seen.add(i);
      out.push(i);
    }
  }
  return Int32Array.from(out);
}
