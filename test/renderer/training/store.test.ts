import { describe, expect, it } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import { BATCH_METRIC_COLUMNS } from '../../../engine/training/protocol';
import { resultEpoch } from '../../../renderer/training/runs';
import { addRun, createTrainingStore, initialTrainingData, reduceTraining } from '../../../renderer/training/store';
import type { TrainingData } from '../../../renderer/training/store';
import { scriptedLoss, scriptedRun } from './fakeChannel';

const LOSS = BATCH_METRIC_COLUMNS.indexOf('loss');
const STEP = BATCH_METRIC_COLUMNS.indexOf('step');

function withRun(id = 'r1'): TrainingData {
  return addRun(initialTrainingData(), { id, label: 'Run 1', document: createEmptyDocument(), startedAt: 0 });
}

describe('training reducers over a scripted run', () => {
  it('collects every batch row, every epoch, the weights and the normalisation of a completed run', () => {
    let data = withRun();
    for (const message of scriptedRun('r1', { epochs: 3, batchesPerEpoch: 7 })) data = reduceTraining(data, message);
    const run = data.runs.r1;
    expect(run.status).toBe('completed');
    expect(run.batches.length).toBe(21);
    expect(Array.from(run.batches.column(STEP))).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(run.batches.column(LOSS)[20]).toBeCloseTo(scriptedLoss(21), 5);
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(run.totalEpochs).toBe(3);
    expect(run.weights?.['dense1.kernel']).toBeInstanceOf(Float32Array);
    expect(run.normalisation?.kind).toBe('standardise');
    expect(run.live.progress).toBe(1);
    expect(data.currentRunId).toBeNull();
    expect(data.selectedRunId).toBe('r1');
  });

  it('keeps the run object (no re-render) for progress messages, but replaces it for epochs', () => {
    const data = withRun();
    const [started, progress] = scriptedRun('r1', { epochs: 1, batchesPerEpoch: 4 });
    const afterStart = reduceTraining(data, started);
    expect(afterStart).not.toBe(data);
    const afterProgress = reduceTraining(afterStart, progress);
    expect(afterProgress).toBe(afterStart);
    expect(afterProgress.runs.r1.batches.length).toBe(2);
    expect(afterProgress.runs.r1.live.samplesPerSecond).toBe(5002);
  });

  it('keeps finished epochs and the best weights when the loss turns NaN', () => {
    let data = withRun();
    for (const message of scriptedRun('r1', { epochs: 5, batchesPerEpoch: 4, failAfterEpochs: 2 })) data = reduceTraining(data, message);
    const run = data.runs.r1;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('nonFinite');
    expect(run.error?.hint).toMatch(/learning rate/);
    expect(run.epochs).toHaveLength(2);
    expect(run.batches.length).toBe(8);
    expect(run.weights).not.toBeNull();
    expect(resultEpoch(run)?.epoch).toBe(2);
  });

  it('does not forget epochs when a crash report from the host knows none', () => {
    let data = withRun();
    const script = scriptedRun('r1', { epochs: 3, batchesPerEpoch: 2 });
    for (const message of script.slice(0, -1)) data = reduceTraining(data, message);
    data = reduceTraining(data, { type: 'error', runId: 'r1', code: 'crashed', message: 'The training worker stopped.', hint: 'Start again.', epochs: [], weights: null, bestEpoch: null });
    expect(data.runs.r1.status).toBe('failed');
    expect(data.runs.r1.epochs).toHaveLength(3);
    expect(data.currentRunId).toBeNull();
  });

  it('ignores messages for unknown runs and progress after the end', () => {
    let data = withRun();
    expect(reduceTraining(data, { type: 'paused', runId: 'other' })).toBe(data);
    const script = scriptedRun('r1', { epochs: 1, batchesPerEpoch: 2 });
    for (const message of script) data = reduceTraining(data, message);
    const late = script.find((m) => m.type === 'progress');
    if (!late) throw new Error('script has progress');
    reduceTraining(data, late);
    expect(data.runs.r1.batches.length).toBe(2);
  });

  it('tracks pause and resume', () => {
    let data = withRun();
    data = reduceTraining(data, scriptedRun('r1', { epochs: 1, batchesPerEpoch: 1 })[0]);
    data = reduceTraining(data, { type: 'paused', runId: 'r1' });
    expect(data.runs.r1.status).toBe('paused');
    data = reduceTraining(data, { type: 'resumed', runId: 'r1' });
    expect(data.runs.r1.status).toBe('running');
  });
});

describe('training store', () => {
  it('matches evaluations to their run by request id and records failures', () => {
    const store = createTrainingStore();
    store.getState().beginRun({ id: 'a', label: 'Run 1', document: createEmptyDocument(), startedAt: 0 });
    store.getState().beginEvaluation('a', 'q1');
    store.getState().receive({ type: 'requestFailed', requestId: 'q1', message: 'No test split.', hint: 'Pick another dataset.' });
    const evaluation = store.getState().evaluations.a;
    expect(evaluation.status === 'failed' && evaluation.hint).toBe('Pick another dataset.');
  });

  it('does not remove the run the worker is busy with', () => {
    const store = createTrainingStore();
    store.getState().beginRun({ id: 'a', label: 'Run 1', document: createEmptyDocument(), startedAt: 0 });
    store.getState().removeRun('a');
    expect(store.getState().order).toEqual(['a']);
  });
});

describe('decision maps', () => {
  it('keeps the latest map per run without replacing the run objects', () => {
    let data = withRun();
    const runs = data.runs;
    const grid = { size: 2, xMin: 0, xMax: 1, yMin: 0, yMax: 1, values: new Float32Array([0, 0.5, 0.5, 1]) };
    data = reduceTraining(data, { type: 'boundary', runId: 'r1', grid });
    expect(data.boundaries.r1).toBe(grid);
    expect(data.runs).toBe(runs);
    expect(reduceTraining(data, { type: 'boundary', runId: 'unknown', grid })).toBe(data);
  });
});
