import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../../engine/metrics';
import type { EvaluationMessage } from '../../../engine/training/protocol';
import { confusionCells, sampleViewAt, summarise } from '../../../renderer/evaluation/evaluationModel';
import { sampleOrder } from '../../../renderer/evaluation/samplePaging';

function evaluation(partial: Partial<EvaluationMessage>): EvaluationMessage {
  return {
    type: 'evaluation',
    requestId: 'q',
    task: 'classification',
    classes: ['a', 'b', 'c'],
    predictions: new Float32Array(0),
    targets: new Int32Array(0),
    outputWidth: 3,
    count: 0,
    loss: 0.5,
    samples: new Float32Array(0),
    sampleShape: [2],
    sampleIndices: new Int32Array(0),
    ...partial,
  };
}

describe('confusion-matrix view model', () => {
  it('row-normalises: each true class row shares sum to 1 and tooltips name both classes', () => {
    const cm = confusionMatrix([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], 3);
    const cells = confusionCells(cm, ['cat', 'dog', 'owl']);
    expect(cells).toHaveLength(3);
    expect(cells[0][0].rowShare).toBeCloseTo(2 / 3);
    expect(cells[0][1].count).toBe(1);
    for (const row of cells) expect(row.reduce((s, c) => s + c.rowShare, 0)).toBeCloseTo(1);
    expect(cells[0][1].tooltip).toContain('“cat” samples predicted as “dog”');
    expect(cells[2][0].colour).toBe('transparent');
    expect(cells[0][0].colour).not.toBe(cells[0][1].colour);
  });

  it('handles any number of classes, including an empty true class', () => {
    const cm = confusionMatrix([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0], 13);
    const cells = confusionCells(cm, []);
    expect(cells).toHaveLength(13);
    expect(cells[12].every((c) => c.rowShare === 0)).toBe(true);
    expect(cells[11][0].tooltip).toContain('“11”');
  });
});

describe('summarise', () => {
  it('argmaxes multi-class probabilities into a confusion matrix and one ROC curve per class', () => {
    const predictions = new Float32Array([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.6, 0.3, 0.1]);
    const result = evaluation({ predictions, targets: new Int32Array([0, 1, 2, 1]), count: 4 });
    const summary = summarise(result);
    if (summary.kind !== 'classification') throw new Error('expected classification');
    expect(Array.from(summary.predicted)).toEqual([0, 1, 2, 0]);
    expect(summary.accuracy).toBe(0.75);
    expect(summary.confusion.counts[1 * 3 + 0]).toBe(1);
    expect(summary.roc).toHaveLength(3);
    expect(summary.report.recall[1]).toBe(0.5);
  });

  it('thresholds binary probabilities at 0.5 and scores the ROC of class 1', () => {
    const result = evaluation({ task: 'binary', classes: ['no', 'yes'], outputWidth: 1, predictions: new Float32Array([0.9, 0.4, 0.6, 0.1]), targets: new Int32Array([1, 1, 0, 0]), count: 4 });
    const summary = summarise(result);
    if (summary.kind !== 'classification') throw new Error('expected classification');
    expect(Array.from(summary.predicted)).toEqual([1, 0, 1, 0]);
    expect(summary.roc).toHaveLength(1);
    expect(summary.macroAuc).toBeCloseTo(0.75);
    // A sample predicted 0 at P(1) = 0.4 is shown with 60% confidence in class 0.
    const view = sampleViewAt(result, summary, 1);
    expect(view).toMatchObject({ truth: 1, predicted: 0, correct: false });
    expect(view.confidence).toBeCloseTo(0.6);
  });

  it('reports regression errors and lists wrong samples first', () => {
    const result = evaluation({ task: 'regression', classes: [], outputWidth: 1, predictions: new Float32Array([1, 2, 5]), targets: new Float32Array([1, 2, 3]), count: 3, sampleIndices: new Int32Array([0, 1, 2]) });
    const summary = summarise(result);
    if (summary.kind !== 'regression') throw new Error('expected regression');
    expect(summary.mae).toBeCloseTo(2 / 3);
    expect(summary.rmse).toBeCloseTo(Math.sqrt(4 / 3));
    const worst = sampleOrder(summary, { kind: 'all' })[0];
    expect(worst).toBe(2);
    expect(sampleViewAt(result, summary, worst)).toEqual({ testIndex: 2, truth: 3, predicted: 5, confidence: 5, correct: false });
  });
});
