import { describe, expect, it } from 'vitest';
import type { EvaluationMessage } from '../../../engine/training/protocol';
import { summarise } from '../../../renderer/evaluation/evaluationModel';
import type { ClassificationSummary } from '../../../renderer/evaluation/evaluationModel';
import { cellFilterLabel, errorCount, missingIndices, SAMPLE_PAGE_SIZE, samplePage, sampleOrder } from '../../../renderer/evaluation/samplePaging';

/** A seeded stream in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** An evaluation of `count` samples over `k` classes whose model is right about 60% of the time. */
function evaluation(count: number, k: number, seed = 7): EvaluationMessage {
  const next = random(seed);
  const targets = Int32Array.from({ length: count }, () => Math.floor(next() * k));
  const predictions = new Float32Array(count * k);
  for (let i = 0; i < count; i++) {
    const predicted = next() < 0.6 ? targets[i] : Math.floor(next() * k);
    for (let c = 0; c < k; c++) predictions[i * k + c] = c === predicted ? 0.7 : 0.3 / (k - 1);
  }
  const classes = Array.from({ length: k }, (_, c) => `c${c}`);
  return { type: 'evaluation', requestId: 'q', task: 'classification', classes, predictions, targets, outputWidth: k, count, loss: 1, samples: new Float32Array(0), sampleShape: [1], sampleIndices: new Int32Array(0) };
}

const classification = (result: EvaluationMessage): ClassificationSummary => {
  const summary = summarise(result);
  if (summary.kind !== 'classification') throw new Error('expected classification');
  return summary;
};

describe('sample lists and paging', () => {
  const result = evaluation(1000, 4);
  const summary = classification(result);
  const k = 4;
  const cm = summary.confusion.counts;
  const offDiagonal = Array.from(cm).reduce((sum, n, at) => (Math.floor(at / k) === at % k ? sum : sum + n), 0);

  it('a confusion-matrix cell lists exactly its count of samples, each with that true and predicted class', () => {
    for (let t = 0; t < k; t++) {
      for (let p = 0; p < k; p++) {
        const cell = sampleOrder(summary, { kind: 'cell', truth: t, predicted: p });
        expect(cell.length).toBe(cm[t * k + p]);
        expect(Array.from(cell).every((i) => summary.truth[i] === t && summary.predicted[i] === p)).toBe(true);
      }
    }
  });

  it('counts every mistake: the off-diagonal of the matrix, far beyond one page', () => {
    expect(offDiagonal).toBeGreaterThan(200);
    expect(errorCount(summary)).toBe(offDiagonal);
    const errors = sampleOrder(summary, { kind: 'errors' });
    expect(errors.length).toBe(offDiagonal);
    expect(Array.from(errors).every((i) => summary.truth[i] !== summary.predicted[i])).toBe(true);
  });

  it('lists all samples with the mistakes first, each once', () => {
    const all = Array.from(sampleOrder(summary, { kind: 'all' }));
    expect(new Set(all).size).toBe(1000);
    const wrong = all.map((i) => summary.truth[i] !== summary.predicted[i]);
    expect(wrong.slice(0, offDiagonal).every(Boolean)).toBe(true);
    expect(wrong.slice(offDiagonal).some(Boolean)).toBe(false);
  });

  it('pages through a list: every sample on exactly one page, labels as the pager shows them', () => {
    const errors = sampleOrder(summary, { kind: 'errors' });
    const first = samplePage(errors.length, 0);
    const seen: number[] = [];
    for (let page = 0; page < first.pages; page++) {
      const at = samplePage(errors.length, page);
      expect(at.end - at.start).toBe(page < first.pages - 1 ? SAMPLE_PAGE_SIZE : errors.length - page * SAMPLE_PAGE_SIZE);
      seen.push(...errors.subarray(at.start, at.end));
    }
    expect(seen).toEqual(Array.from(errors));
    expect(first.pages).toBe(Math.ceil(offDiagonal / SAMPLE_PAGE_SIZE));
  });

  it('labels and clamps pages', () => {
    expect(samplePage(420, 2)).toEqual({ page: 2, pages: 21, start: 40, end: 60, label: '41–60 of 420' });
    expect(samplePage(420, 99)).toMatchObject({ page: 20, start: 400, end: 420, label: '401–420 of 420' });
    expect(samplePage(420, -3).page).toBe(0);
    expect(samplePage(12_345, 1).label).toBe('21–40 of 12,345');
    expect(samplePage(0, 0)).toEqual({ page: 0, pages: 1, start: 0, end: 0, label: 'none' });
  });

  it('names a cell filter the way the grid shows it', () => {
    expect(cellFilterLabel(3, 5, 12, ['0', '1', '2', '3', '4', '5'])).toBe('true 3 → predicted 5, 12 samples');
    expect(cellFilterLabel(0, 1, 1, ['cat', 'dog'])).toBe('true cat → predicted dog, 1 sample');
  });

  it('asks only for the samples of a page it does not hold', () => {
    const held = new Set([2, 5]);
    expect(Array.from(missingIndices(Int32Array.from([1, 2, 3, 5, 3]), held))).toEqual([1, 3]);
  });

  it('regression: lists the largest errors first; the mistakes are those off by more than 10%', () => {
    const regression = summarise({ ...evaluation(0, 2), task: 'regression', classes: [], outputWidth: 1, predictions: Float32Array.from([1, 2, 5, 10.5]), targets: Float32Array.from([1, 2.5, 3, 10]), count: 4 });
    expect(Array.from(sampleOrder(regression, { kind: 'all' }))).toEqual([2, 1, 3, 0]);
    expect(Array.from(sampleOrder(regression, { kind: 'errors' }))).toEqual([2, 1]);
    expect(errorCount(regression)).toBe(2);
    expect(sampleOrder(regression, { kind: 'cell', truth: 0, predicted: 0 })).toHaveLength(0);
  });
});
