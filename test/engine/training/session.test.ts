import { describe, expect, it } from 'vitest';
import { BATCH_METRIC_STRIDE } from '../../../engine/training/protocol';
import type { TrainedModel } from '../../../engine/training/protocol';
import { recordingSession, start, template } from './sessionHelpers';

const moons = (epochs: number) => template('binary-2d.json', { dataset: { name: 'moons', options: { samples: 400 } }, epochs, batchSize: 32 });

describe('training session', () => {
  it('trains a 2-D classifier: started, progress rows, epoch metrics, decision maps, then done with the normalisation', async () => {
    const { session, messages, ofType } = recordingSession({ boundaryInterval: 0 });
    await session.handle(start(moons(15)));
    const started = ofType('started')[0];
    expect(started).toMatchObject({ runId: 'run-1', totalEpochs: 15, batchesPerEpoch: 8, threads: 1 });
    const rows = ofType('progress').reduce((n, m) => n + m.batches.length / BATCH_METRIC_STRIDE, 0);
    expect(rows).toBe(15 * 8);
    expect(ofType('epochEnd').map((m) => m.metrics.epoch)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const done = messages.at(-1);
    if (done?.type !== 'done') throw new Error(`expected done, got ${done?.type}`);
    expect(done.reason).toBe('completed');
    expect(done.epochs.at(-1)!.valAccuracy).toBeGreaterThan(0.85);
    expect(done.normalisation).toMatchObject({ kind: 'standardise' });
    expect(done.normalisation!.offset).toHaveLength(2);
    const maps = ofType('boundary');
    expect(maps.length).toBeGreaterThan(1);
    const grid = maps.at(-1)!.grid;
    expect(grid.values).toHaveLength(64 * 64);
    // The moons span x in about [-1, 2]: the grid covers the data with a margin.
    expect(grid.xMin).toBeLessThan(-1);
    expect(grid.xMax).toBeGreaterThan(2);
    // Both classes appear on a trained map (probabilities on both sides of 0.5).
    expect(grid.values.some((v) => v < 0.2)).toBe(true);
    expect(grid.values.some((v) => v > 0.8)).toBe(true);
  });

  it('answers evaluate, predict and dataset preview for the weights a run produced', async () => {
    const { session, messages, ofType } = recordingSession();
    const document = moons(15);
    await session.handle(start(document));
    const done = ofType('done')[0];
    const model: TrainedModel = { document, weights: done.weights, normalisation: done.normalisation! };

    await session.handle({ type: 'evaluate', requestId: 'e1', model });
    const evaluation = ofType('evaluation')[0];
    expect(evaluation).toMatchObject({ requestId: 'e1', task: 'binary', classes: ['0', '1'], count: 80, outputWidth: 1 });
    expect(evaluation.predictions).toHaveLength(80);
    let correct = 0;
    for (let i = 0; i < 80; i++) if ((evaluation.predictions[i] >= 0.5 ? 1 : 0) === evaluation.targets[i]) correct++;
    expect(correct / 80).toBeGreaterThan(0.85);
    // 2-D inputs: every test point comes along, for the decision map, with the map itself.
    expect(evaluation.sampleIndices.length).toBe(80);
    expect(evaluation.samples).toHaveLength(80 * 2);
    expect(evaluation.decisionMap?.values).toHaveLength(64 * 64);
    expect(evaluation.decisionMap!.values.some((v) => v < 0.2) && evaluation.decisionMap!.values.some((v) => v > 0.8)).toBe(true);
    // Misclassified samples come first.
    const wrong = (i: number) => (evaluation.predictions[i] >= 0.5 ? 1 : 0) !== evaluation.targets[i];
    const flags = Array.from(evaluation.sampleIndices, wrong);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));

    // Predicting the raw test samples of the preview gives the evaluation's own predictions.
    await session.handle({ type: 'predict', requestId: 'p1', model, inputs: evaluation.samples.slice(0, 4), count: 2 });
    const prediction = ofType('prediction')[0];
    expect(prediction.outputWidth).toBe(1);
    expect(prediction.outputs[0]).toBeCloseTo(evaluation.predictions[evaluation.sampleIndices[0]], 5);
    expect(prediction.outputs[1]).toBeCloseTo(evaluation.predictions[evaluation.sampleIndices[1]], 5);

    await session.handle({ type: 'predict', requestId: 'p2', model, inputs: new Float32Array(3), count: 2 });
    expect(messages.at(-1)).toMatchObject({ type: 'requestFailed', requestId: 'p2', message: expect.stringContaining('4 values') });

    await session.handle({ type: 'datasetPreview', requestId: 'd1', dataset: { name: 'iris', options: {} }, samples: 5 });
    const preview = ofType('datasetPreview')[0];
    expect(preview.meta).toMatchObject({ id: 'iris', task: 'classification', inputShape: [4], classes: ['setosa', 'versicolor', 'virginica'] });
    expect(preview.count).toBe(5);
    expect(preview.samples).toHaveLength(20);
    // Named test samples (the Evaluate view's later pages) are the evaluation's own samples.
    const wanted = Int32Array.from([evaluation.sampleIndices[5], evaluation.sampleIndices[0]]);
    await session.handle({ type: 'datasetPreview', requestId: 'd3', dataset: document.training.dataset, samples: 0, split: 'test', indices: wanted });
    const page = ofType('datasetPreview')[1];
    expect(Array.from(page.indices!)).toEqual(Array.from(wanted));
    expect(Array.from(page.samples)).toEqual([...evaluation.samples.subarray(10, 12), ...evaluation.samples.subarray(0, 2)]);
    expect(Array.from(page.labels)).toEqual([evaluation.targets[wanted[0]], evaluation.targets[wanted[1]]]);
    await session.handle({ type: 'datasetPreview', requestId: 'd4', dataset: document.training.dataset, samples: 0, split: 'test', indices: Int32Array.from([80]) });
    expect(messages.at(-1)).toMatchObject({ type: 'requestFailed', requestId: 'd4', message: expect.stringContaining('outside') });
    await session.handle({ type: 'datasetPreview', requestId: 'd2', dataset: { name: 'nope', options: {} }, samples: 5 });
    expect(messages.at(-1)).toMatchObject({ type: 'requestFailed', requestId: 'd2', message: expect.stringContaining("'nope'") });
    await session.dispose();
  });

  it('pauses, resumes and stops a run between batches', async () => {
    const { session, next, ofType } = recordingSession();
    const running = session.handle(start(moons(200)));
    await next('progress');
    const paused = next('paused');
    await session.handle({ type: 'pause' });
    await paused;
    const stepsAtPause = ofType('progress').length;
    await new Promise((r) => setTimeout(r, 100));
    expect(ofType('progress').length).toBe(stepsAtPause);
    const resumed = next('resumed');
    await session.handle({ type: 'resume' });
    await resumed;
    await next('progress');
    await session.handle({ type: 'stop' });
    await running;
    const done = ofType('done')[0];
    expect(done.reason).toBe('stopped');
    expect(done.epochs.length).toBeLessThan(200);
    expect(Object.keys(done.weights).length).toBeGreaterThan(0);
  });

  it('refuses an invalid model, naming the nodes at fault', async () => {
    const { session, ofType } = recordingSession();
    const document = moons(1);
    document.nodes.find((n) => n.id === 'hidden2')!.params.units = 0;
    document.edges = document.edges.filter((e) => e.target !== 'output');
    await session.handle(start(document));
    const error = ofType('error')[0];
    expect(error.code).toBe('invalidModel');
    expect(error.message).toContain('hidden2');
    expect(error.message).toContain('output');
    expect(error.epochs).toEqual([]);
  });

  it('explains a dataset that does not fit the model, naming both shapes', async () => {
    const { session, ofType } = recordingSession();
    const document = moons(1);
    document.nodes.find((n) => n.id === 'input')!.params.shape = [3];
    await session.handle(start(document));
    const error = ofType('error')[0];
    expect(error.code).toBe('invalidModel');
    expect(error.message).toContain('samples are 2 values, but the Input layer “input” takes 3 values');
    expect(error.hint).toContain('Set the Input shape to 2');

    const wrongClasses = template('mlp-mnist.json', { dataset: { name: 'iris', options: {} } });
    wrongClasses.nodes.find((n) => n.id === 'input')!.params.shape = [4];
    await session.handle(start(wrongClasses, 'run-2'));
    const second = ofType('error')[1];
    expect(second).toMatchObject({ runId: 'run-2', code: 'invalidModel' });
    expect(second.message).toMatch(/Iris has 3 classes, but Output “output” gets 10 values per sample/);
    expect(second.hint).toContain('choose a dataset that matches it');

    await session.handle(start(template('binary-2d.json', { dataset: { name: 'no-such-set', options: {} } }), 'run-3'));
    expect(ofType('error')[2]).toMatchObject({ runId: 'run-3', code: 'dataset', message: expect.stringContaining('no-such-set') });
  });

  it('ends a diverging run with a nonFinite error that keeps the finished epochs and says what to do', async () => {
    const { session, ofType } = recordingSession();
    const document = template('binary-2d.json', { dataset: { name: 'sine', options: { samples: 400 } }, epochs: 50, optimizer: { type: 'sgd', learningRate: 1e4 } });
    document.nodes.find((n) => n.id === 'output')!.params.loss = 'meanSquaredError';
    document.nodes.find((n) => n.id === 'input')!.params.shape = [1];
    await session.handle(start(document));
    const error = ofType('error')[0];
    expect(error.code).toBe('nonFinite');
    expect(error.hint).toMatch(/learning rate/i);
    expect(error.weights).not.toBeNull();
    expect(ofType('done')).toHaveLength(0);
  });

  it('trains categorical cross-entropy on class ids (one-hot targets) and evaluates regression with values', async () => {
    const { session, ofType } = recordingSession();
    const iris = template('mlp-mnist.json', { dataset: { name: 'iris', options: {} }, epochs: 30, batchSize: 16 });
    iris.nodes.find((n) => n.id === 'input')!.params.shape = [4];
    iris.nodes.find((n) => n.id === 'logits')!.params.units = 3;
    iris.nodes.find((n) => n.id === 'output')!.params.loss = 'categoricalCrossentropy';
    await session.handle(start(iris));
    const done = ofType('done')[0];
    expect(done.epochs.at(-1)!.valAccuracy).toBeGreaterThan(0.8);

    const sine = template('binary-2d.json', { dataset: { name: 'sine', options: { samples: 300 } }, epochs: 5 });
    sine.nodes.find((n) => n.id === 'input')!.params.shape = [1];
    sine.nodes.find((n) => n.id === 'output')!.params.loss = 'meanSquaredError';
    await session.handle(start(sine, 'sine'));
    const sineDone = ofType('done')[1];
    expect(sineDone.epochs[0].trainAccuracy).toBeNull();
    expect(ofType('boundary')).toHaveLength(0);
    await session.handle({ type: 'evaluate', requestId: 'e', model: { document: sine, weights: sineDone.weights, normalisation: sineDone.normalisation! } });
    const evaluation = ofType('evaluation')[0];
    expect(evaluation.task).toBe('regression');
    expect(evaluation.targets).toBeInstanceOf(Float32Array);
    expect(evaluation.count).toBe(60);
    expect(Number.isFinite(evaluation.loss)).toBe(true);
  });

  it('stops the run in progress when a new one starts', async () => {
    const { session, next, ofType } = recordingSession();
    const first = session.handle(start(moons(500), 'first'));
    await next('progress');
    await session.handle(start(moons(2), 'second'));
    await first;
    const done = ofType('done');
    expect(done.map((d) => [d.runId, d.reason])).toEqual([
      ['first', 'stopped'],
      ['second', 'completed'],
    ]);
  });

  it('refuses a start message from another protocol version', async () => {
    const { session, ofType } = recordingSession();
    await session.handle({ ...start(moons(1)), protocol: 99 as 1 });
    expect(ofType('error')[0]).toMatchObject({ code: 'protocol', message: expect.stringContaining('99') });
  });
});
