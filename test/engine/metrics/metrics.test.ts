import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  accuracy,
  argmaxRows,
  classificationReport,
  confusionMatrix,
  logLoss,
  meanAbsoluteError,
  oneVsRestRoc,
  r2Score,
  rocAuc,
  rocCurve,
  rootMeanSquaredError,
  smoothSeries,
  thresholdPredictions,
} from '../../../engine/metrics';

// Written by scripts/metrics/make_reference.py with scikit-learn; see that script for the inputs.
interface ClassificationCase {
  name: string;
  classes: number;
  yTrue: number[];
  probabilities: number[];
  yPred: number[];
  accuracy: number;
  confusion: number[];
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
  macro: { precision: number; recall: number; f1: number };
  weighted: { precision: number; recall: number; f1: number };
  logLoss: number;
  perClassAuc: (number | null)[];
  macroAuc: number | null;
}
interface BinaryCase {
  name: string;
  yTrue: number[];
  scores: number[];
  fpr: number[];
  tpr: number[];
  thresholds: number[];
  auc: number;
  logLoss: number;
  f1: number;
}
interface RegressionCase {
  name: string;
  yTrue: number[];
  yPred: number[];
  mae: number;
  rmse: number;
  r2: number;
}
interface Reference {
  classification: ClassificationCase[];
  binary: BinaryCase[];
  regression: RegressionCase[];
  smoothing: { values: number[]; weight: number; smoothed: number[] }[];
}
const reference = JSON.parse(readFileSync(new URL('./reference.json', import.meta.url), 'utf8')) as Reference;

const TOLERANCE = 1e-6;
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i]), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThan(TOLERANCE);
}

describe('classification metrics match scikit-learn', () => {
  for (const c of reference.classification) {
    describe(c.name, () => {
      const predicted = argmaxRows(c.probabilities, c.classes);

      it('argmax of the probabilities gives the same predictions', () => {
        expect(Array.from(predicted)).toEqual(c.yPred);
      });

      it('accuracy and confusion matrix', () => {
        expect(accuracy(c.yTrue, predicted)).toBeCloseTo(c.accuracy, 12);
        const cm = confusionMatrix(c.yTrue, predicted, c.classes);
        expect(cm.size).toBe(c.classes);
        expect(Array.from(cm.counts)).toEqual(c.confusion);
      });

      it('per-class precision, recall, F1 and their averages', () => {
        const report = classificationReport(c.yTrue, predicted, c.classes);
        expectClose(report.precision, c.precision);
        expectClose(report.recall, c.recall);
        expectClose(report.f1, c.f1);
        expect(Array.from(report.support)).toEqual(c.support);
        expectClose([report.macro.precision, report.macro.recall, report.macro.f1], [c.macro.precision, c.macro.recall, c.macro.f1]);
        expectClose([report.weighted.precision, report.weighted.recall, report.weighted.f1], [c.weighted.precision, c.weighted.recall, c.weighted.f1]);
      });

      it('log-loss', () => {
        expect(Math.abs(logLoss(c.yTrue, c.probabilities, c.classes) - c.logLoss)).toBeLessThan(TOLERANCE);
      });

      it('one-vs-rest AUC per class and macro average', () => {
        const roc = oneVsRestRoc(c.yTrue, c.probabilities, c.classes);
        c.perClassAuc.forEach((auc, k) => {
          if (auc === null) expect(roc.undefinedClasses).toContain(k);
          else expect(Math.abs(roc.curves[k].auc - auc)).toBeLessThan(TOLERANCE);
        });
        if (c.macroAuc !== null) expect(Math.abs(roc.macroAuc - c.macroAuc)).toBeLessThan(TOLERANCE);
      });
    });
  }

  it('flags zero division for a class that is never predicted nor present', () => {
    const c = reference.classification.find((x) => x.name === 'absent class')!;
    const report = classificationReport(c.yTrue, argmaxRows(c.probabilities, c.classes), c.classes);
    expect(report.zeroDivision).toBe(true);
    expect(report.undefinedPrecision).toEqual([4]);
    expect(report.undefinedRecall).toEqual([4]);
    const other = reference.classification.find((x) => x.name === 'four classes')!;
    expect(classificationReport(other.yTrue, other.yPred, other.classes).zeroDivision).toBe(false);
  });
});

describe('binary ROC matches scikit-learn', () => {
  for (const c of reference.binary) {
    it(`${c.name}: curve points, thresholds, AUC, log-loss, F1`, () => {
      const curve = rocCurve(c.yTrue, c.scores);
      expectClose(curve.fpr, c.fpr);
      expectClose(curve.tpr, c.tpr);
      expectClose(curve.thresholds, c.thresholds);
      expect(Math.abs(rocAuc(c.yTrue, c.scores) - c.auc)).toBeLessThan(TOLERANCE);
      expect(Math.abs(logLoss(c.yTrue, c.scores) - c.logLoss)).toBeLessThan(TOLERANCE);
      const f1 = classificationReport(c.yTrue, thresholdPredictions(c.scores), 2).f1[1];
      expect(Math.abs(f1 - c.f1)).toBeLessThan(TOLERANCE);
    });
  }

  it('reports an undefined AUC when the truth has one class', () => {
    expect(rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toBeNaN();
  });
});

describe('regression metrics match scikit-learn', () => {
  for (const c of reference.regression) {
    it(c.name, () => {
      expect(Math.abs(meanAbsoluteError(c.yTrue, c.yPred) - c.mae)).toBeLessThan(TOLERANCE);
      expect(Math.abs(rootMeanSquaredError(c.yTrue, c.yPred) - c.rmse)).toBeLessThan(TOLERANCE);
      expect(Math.abs(r2Score(c.yTrue, c.yPred) - c.r2)).toBeLessThan(TOLERANCE);
    });
  }

  it('R² of a constant truth is 1 for exact predictions and 0 otherwise', () => {
    expect(r2Score([2, 2, 2], [2, 2, 2])).toBe(1);
    expect(r2Score([2, 2, 2], [1, 2, 3])).toBe(0);
  });
});

describe('smoothSeries', () => {
  for (const c of reference.smoothing) {
    it(`equals the weighted mean of the values so far (weight ${c.weight})`, () => {
      const out = smoothSeries(c.values, c.weight, new Float64Array(c.values.length));
      expectClose(out, c.smoothed);
    });
  }

  it('starts at the first value, keeps constants, passes non-finite values through', () => {
    expect(smoothSeries([5, 1], 0.9)[0]).toBe(5);
    expect(Array.from(smoothSeries([0.3, 0.3, 0.3], 0.99, new Float64Array(3)))).toEqual([0.3, 0.3, 0.3]);
    const withGap = smoothSeries([1, NaN, 3], 0.5, new Float64Array(3));
    expect(withGap[1]).toBeNaN();
    expect(withGap[2]).toBeCloseTo((0.5 * 1 + 3) / 1.5, 12);
  });

  it('weight 0 leaves the series unchanged', () => {
    expect(Array.from(smoothSeries([1, 4, 2], 0, new Float64Array(3)))).toEqual([1, 4, 2]);
  });
});
