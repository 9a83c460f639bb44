import { describe, expect, it } from 'vitest';
import { runTraining, TrainingFailure, TrainingInterrupted } from '../../../engine/training/trainer';
import type { TrainingRun } from '../../../engine/training/trainer';
import { BATCH_METRIC_STRIDE } from '../../../engine/training/protocol';
import type { WorkerMessage } from '../../../engine/training/protocol';
import { config, fixedBatches, ManualControl, ScriptedModel } from './fakes';

function setup(model: ScriptedModel, overrides: Partial<TrainingRun> = {}) {
  const messages: WorkerMessage[] = [];
  const data = fixedBatches(5);
  const control = new ManualControl();
  const run: TrainingRun = {
    runId: 'r1',
    model,
    train: data,
    validation: data,
    config: config(),
    loss: 'sparseCategoricalCrossentropy',
    outputWidth: 2,
    control,
    emit: (m) => messages.push(m),
    progressInterval: 0,
    ...overrides,
  };
  return { run, messages, control };
}

describe('training loop', () => {
  it('runs every epoch, streams every batch and reports epoch metrics', async () => {
    const { run, messages } = setup(new ScriptedModel([1, 0.8, 0.6], [0.9, 0.7, 0.5]));
    const done = await runTraining(run);
    expect(done.reason).toBe('completed');
    expect(done.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    const rows = messages.filter((m) => m.type === 'progress').reduce((n, m) => n + (m.type === 'progress' ? m.batches.length / BATCH_METRIC_STRIDE : 0), 0);
    expect(rows).toBe(15);
    // every label is 1 and the fake predicts 1: accuracy 1
    expect(done.epochs[0].trainAccuracy).toBe(1);
    expect(done.epochs[2].valLoss).toBeCloseTo(0.5);
    expect(messages.at(-1)).toBe(done);
  });

  it('stops early after `patience` epochs without improvement and returns the best epoch weights', async () => {
    const model = new ScriptedModel([1], [0.5, 0.6, 0.7, 0.8, 0.9]);
    const { run } = setup(model, { config: config({ epochs: 10, earlyStopping: { enabled: true, metric: 'valLoss', patience: 2 } }) });
    const done = await runTraining(run);
    expect(done.reason).toBe('earlyStopping');
    expect(done.epochs).toHaveLength(3);
    expect(done.bestEpoch).toBe(1);
    expect(done.weights['w/kernel'][0]).toBe(5); // after epoch 1's five steps
  });

  it('a NaN loss fails the run with a hint, keeping finished epochs and the best weights', async () => {
    const script = [...Array(7).fill(0.5), Number.NaN];
    const { run } = setup(new ScriptedModel(script, [0.4]));
    const failure = await runTraining(run).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TrainingFailure);
    const f = failure as TrainingFailure;
    expect(f.code).toBe('nonFinite');
    expect(f.message).toMatch(/NaN at epoch 2, step 8/);
    expect(f.hint).toMatch(/Lower the learning rate \(now 0.01; try 0.001\)/);
    expect(f.epochs).toHaveLength(1);
    expect(f.weights?.['w/kernel'][0]).toBe(5);
  });

  it('an engine error mid-run keeps the finished epochs and the best weights with the cause', async () => {
    const model = new ScriptedModel([1], [0.5]);
    const { run } = setup(model);
    const originalStep = model.trainStep.bind(model);
    model.trainStep = (b) => {
      if (model.steps === 7) throw new RangeError('out of memory growing to 2 GiB');
      return originalStep(b);
    };
    const failure = await runTraining(run).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TrainingInterrupted);
    const f = failure as TrainingInterrupted;
    expect(f.cause).toBeInstanceOf(RangeError);
    expect(f.epochs).toHaveLength(1);
    expect(f.bestEpoch).toBe(1);
    expect(f.weights?.['w/kernel'][0]).toBe(5);
  });

  it('stop mid-epoch keeps the best weights of the finished epochs', async () => {
    const model = new ScriptedModel([1], [0.5]);
    const { run, control } = setup(model);
    const originalStep = model.trainStep.bind(model);
    model.trainStep = (b) => {
      if (model.steps === 7) control.stopRequested = true;
      return originalStep(b);
    };
    const done = await runTraining(run);
    expect(done.reason).toBe('stopped');
    expect(done.epochs).toHaveLength(1);
    expect(done.weights['w/kernel'][0]).toBe(5);
  });

  it('pause waits between batches and resume continues exactly where it was', async () => {
    const model = new ScriptedModel([1]);
    const { run, control, messages } = setup(model);
    control.pauseRequested = true;
    const running = runTraining(run);
    await new Promise((r) => setTimeout(r, 20));
    expect(model.steps).toBe(0);
    expect(messages.some((m) => m.type === 'paused')).toBe(true);
    control.release();
    const done = await running;
    expect(messages.some((m) => m.type === 'resumed')).toBe(true);
    expect(model.steps).toBe(15);
    expect(done.reason).toBe('completed');
  });
});
