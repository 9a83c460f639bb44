import { describe, expect, it } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import { smoothSeries } from '../../../engine/metrics';
import { alignBySteps, batchPlotData, epochPlotData } from '../../../renderer/training/plotData';
import { addRun, initialTrainingData, reduceTraining } from '../../../renderer/training/store';
import type { TrainingData } from '../../../renderer/training/store';
import { decisionPixels } from '../../../renderer/training/decisionMap';
import { scriptedLoss, scriptedRun } from './fakeChannel';

function trained(id: string, epochs: number, batchesPerEpoch: number, data = initialTrainingData()): TrainingData {
  let next = addRun(data, { id, label: id, document: createEmptyDocument(), startedAt: 0 });
  for (const message of scriptedRun(id, { epochs, batchesPerEpoch })) next = reduceTraining(next, message);
  return next;
}

describe('loss plot data', () => {
  it('draws the raw batch losses and the smoothing the slider sets', () => {
    const data = trained('a', 2, 10);
    const plot = batchPlotData(data.runs.a, [], 'loss', 0.8);
    expect(plot.x).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const raw = plot.series[0] as number[];
    expect(raw[4]).toBeCloseTo(scriptedLoss(5), 5);
    const expected = smoothSeries(Float32Array.from(raw), 0.8);
    (plot.series[1] as number[]).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    const unsmoothed = batchPlotData(data.runs.a, [], 'loss', 0);
    expect(unsmoothed.series[1]).toEqual(unsmoothed.series[0]);
  });

  it('overlays a shorter past run on the same step axis, with gaps after its end', () => {
    let data = trained('long', 3, 10);
    data = trained('short', 1, 10, data);
    const plot = batchPlotData(data.runs.long, [data.runs.short], 'loss', 0.5);
    expect(plot.series).toHaveLength(3);
    expect(plot.series[2][9]).not.toBeNull();
    expect(plot.series[2][10]).toBeNull();
  });

  it('thins long runs to the point budget but keeps the last step', () => {
    const steps = Float32Array.from({ length: 10_000 }, (_, i) => i + 1);
    const plot = alignBySteps([{ steps, values: steps }], 1000);
    expect(plot.x.length).toBeLessThanOrEqual(1001);
    expect(plot.x[plot.x.length - 1]).toBe(10_000);
    expect(plot.series[0][plot.x.length - 1]).toBe(10_000);
  });

  it('plots train and validation per epoch, nulls where a metric is missing', () => {
    const data = trained('a', 3, 4);
    const plot = epochPlotData(data.runs.a, []);
    expect(plot.x).toEqual([1, 2, 3]);
    expect(plot.series[1].every((v) => v !== null)).toBe(true);
    const run = { ...data.runs.a, epochs: data.runs.a.epochs.map((e) => ({ ...e, valLoss: null })) };
    expect(epochPlotData(run, []).series[1]).toEqual([null, null, null]);
  });
});

describe('decision map pixels', () => {
  it('puts the grid row of the smallest y at the bottom of the canvas and shades by confidence', () => {
    // Row-major from (xMin, yMin): the first row (bottom) is class 0, the second (top) class 1.
    const grid = { size: 2, xMin: 0, xMax: 1, yMin: 0, yMax: 1, values: new Float32Array([0, 0, 1, 1]) };
    const px = decisionPixels(grid, true);
    const blueAt = (row: number, col: number) => px[(row * 2 + col) * 4 + 2];
    const topBlue = blueAt(0, 0);
    const bottomBlue = blueAt(1, 0);
    expect(topBlue).toBeGreaterThan(bottomBlue);
    const unsure = decisionPixels({ ...grid, values: new Float32Array([0.5, 0.5, 0.5, 0.5]) }, true);
    const sure = decisionPixels(grid, true);
    // A 50/50 region is closer to the background than a certain one.
    expect(Math.abs(unsure[0] - 20)).toBeLessThan(Math.abs(sure[0] - 20));
  });
});
