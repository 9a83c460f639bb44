/**
 * Frozen layers (a document node with `trainable: false`): no update of any kind, a frozen BatchNorm
 * normalises with its running statistics even in training, and gradients still reach the layers
 * before a frozen one.
 */
import { describe, expect, it } from 'vitest';
import { compileGraph, createEmptyDocument, defaultParams, edgeIdFor } from '../../../engine/model';
import type { DocumentNode, LayerType, ParamValue, Program, TrainingConfig } from '../../../engine/model';
import { buildModel } from '../../../engine/runtime';
import type { Batch } from '../../../engine/runtime';
import { allKernels, gradientCheck, randomArray, randomLabels, reference } from './helpers';

type Layer = [id: string, type: LayerType, params?: Record<string, ParamValue>, trainable?: boolean];

/** A chain compiled from a document, so that the trainable flag takes the path the app's files take. */
function chainDoc(layers: Layer[], training: Partial<TrainingConfig> = {}): Program {
  const doc = createEmptyDocument('freeze');
  doc.nodes = layers.map(([id, type, params, trainable], i) => ({
    id,
    type,
    params: { ...defaultParams(type), ...(params ?? {}) } as DocumentNode['params'],
    position: { x: 0, y: i * 100 },
    ...(trainable === undefined ? {} : { trainable }),
  }));
  doc.edges = layers.slice(1).map(([id], i) => ({ id: edgeIdFor(layers[i][0], id, 0), source: layers[i][0], target: id, targetPort: 0 }));
  doc.training = { ...doc.training, batchSize: 8, ...training };
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
  return compiled.program;
}

const FEATURES = 6;
const batchOf = (n: number, seed: number): Batch => ({ inputs: [randomArray(n * FEATURES, seed, 2)], targets: randomLabels(n, 3, seed + 7), size: n });

const mlp = (frozen: Set<string>, training: Partial<TrainingConfig> = {}) =>
  chainDoc(
    [
      ['in', 'Input', { shape: [FEATURES] }],
      ['d1', 'Dense', { units: 8, activation: 'tanh' }, !frozen.has('d1')],
      ['bn', 'BatchNorm', {}, !frozen.has('bn')],
      ['d2', 'Dense', { units: 7, activation: 'relu', l2: 0.01 }, !frozen.has('d2')],
      ['ln', 'LayerNorm', {}, !frozen.has('ln')],
      ['d3', 'Dense', { units: 3 }, !frozen.has('d3')],
      ['out', 'Output'],
    ],
    training,
  );

const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('compiling the trainable flag', () => {
  it('marks frozen layers that have weights, and ignores the flag on layers without weights', () => {
    const program = chainDoc([
      ['in', 'Input', { shape: [4] }, false],
      ['d', 'Dense', { units: 3 }, false],
      ['drop', 'Dropout', { rate: 0.1 }, false],
      ['e', 'Dense', { units: 2 }, true],
      ['out', 'Output'],
    ]);
    const byId = Object.fromEntries(program.nodes.map((n) => [n.id, n]));
    expect(byId.d.frozen).toBe(true);
    expect(byId.drop.frozen).toBeUndefined();
    expect(byId.in.frozen).toBeUndefined();
    expect(byId.e.frozen).toBeUndefined();
  });

  it('counts a frozen layer as non-trainable', () => {
    const all = buildModel(mlp(new Set()), reference());
    const frozen = buildModel(mlp(new Set(['d2'])), reference());
    expect(frozen.parameterCount).toBe(all.parameterCount);
    expect(all.trainableParameterCount - frozen.trainableParameterCount).toBe(8 * 7 + 7);
    all.dispose();
    frozen.dispose();
  });
});

describe('training with frozen layers', async () => {
  const kernelSets = await allKernels();
  const names = ['reference', 'wasm 1 thread', 'wasm 2 threads'];

  for (const [i, kernels] of kernelSets.entries()) {
    it(`leaves every frozen weight bit-identical under AdamW, L2 and clipping (${names[i]})`, () => {
      const frozen = new Set(['d2', 'bn', 'ln']);
      const model = buildModel(mlp(frozen, { optimizer: { type: 'adamw', learningRate: 0.05, weightDecay: 0.1 }, clipNorm: 0.5, clipValue: 0.2 }), kernels, { seed: 3 });
      const before = model.getWeights();
      for (let step = 0; step < 25; step++) model.trainStep(batchOf(8, step % 4));
      const after = model.getWeights();
      for (const name of Object.keys(before)) {
        const node = name.split('/')[0];
        if (frozen.has(node)) expect(sameBits(after[name], before[name]), `${name} unchanged`).toBe(true);
        else expect(sameBits(after[name], before[name]), `${name} learned`).toBe(false);
      }
      model.dispose();
    });
  }

  it('passes gradients through a frozen layer: earlier layers get exactly the gradients of the unfrozen model', () => {
    const k = reference();
    const batch = batchOf(8, 11);
    const free = buildModel(mlp(new Set(), { optimizer: { type: 'sgd', learningRate: 0.1 } }), k, { seed: 5 });
    const frozen = buildModel(mlp(new Set(['d2']), { optimizer: { type: 'sgd', learningRate: 0.1 } }), k, { seed: 5 });
    frozen.setWeights(free.getWeights());
    const a = free.computeGradients(batch);
    const b = frozen.computeGradients(batch);
    expect(Object.keys(b.gradients).sort()).toEqual(Object.keys(a.gradients).filter((n) => !n.startsWith('d2/')).sort());
    for (const name of ['d1/kernel', 'd1/bias', 'bn/gamma', 'ln/gamma', 'd3/kernel']) expect(b.gradients[name], name).toEqual(a.gradients[name]);
    expect(b.loss).toBeLessThan(a.loss); // the frozen kernel's L2 penalty is not part of the loss
    free.dispose();
    frozen.dispose();
  });

  it('lets the layers before a frozen one learn: the loss falls while the frozen layer stays put', () => {
    const model = buildModel(mlp(new Set(['d2', 'd3']), { optimizer: { type: 'adam', learningRate: 0.02 } }), reference(), { seed: 8 });
    const batch = batchOf(16, 21);
    const first = model.evaluate(batch).loss;
    for (let step = 0; step < 60; step++) model.trainStep(batch);
    expect(model.evaluate(batch).loss).toBeLessThan(first * 0.8);
    model.dispose();
  });

  it('finite differences agree with the gradients that flow through frozen Dense, BatchNorm and LayerNorm layers', () => {
    const model = buildModel(mlp(new Set(['bn', 'd2', 'ln'])), reference(), { seed: 2 });
    const w = model.getWeights();
    w['bn/runningMean'] = randomArray(8, 31, 0.5);
    w['bn/runningVar'] = Float32Array.from(randomArray(8, 32), (v) => 0.5 + Math.abs(v));
    model.setWeights(w);
    const { checked, failures } = gradientCheck(model, batchOf(8, 41));
    expect(checked).toBeGreaterThan(10);
    expect(failures).toEqual([]);
    model.dispose();
  });
});

describe('a frozen BatchNorm', async () => {
  const kernelSets = await allKernels();

  for (const [i, kernels] of kernelSets.entries()) {
    it(`normalises with its running statistics while training and never updates them (kernels ${i})`, () => {
      const program = chainDoc(
        [
          ['in', 'Input', { shape: [FEATURES] }],
          ['bn', 'BatchNorm', {}, false],
          ['out', 'Output', { loss: 'meanSquaredError' }],
        ],
        { batchSize: 8 },
      );
      const model = buildModel(program, kernels);
      const w = model.getWeights();
      w['bn/gamma'] = randomArray(FEATURES, 51, 2);
      w['bn/beta'] = randomArray(FEATURES, 52);
      w['bn/runningMean'] = randomArray(FEATURES, 53);
      w['bn/runningVar'] = Float32Array.from(randomArray(FEATURES, 54), (v) => 0.2 + Math.abs(v));
      model.setWeights(w);
      const batch: Batch = { inputs: [randomArray(8 * FEATURES, 55, 3)], targets: randomArray(8 * FEATURES, 56), size: 8 };
      model.trainStep(batch);
      const trainingOutput = model.lastTrainPredictions()!.slice();
      const evalOutput = model.predict(batch.inputs, 8);
      expect(Array.from(trainingOutput)).toEqual(Array.from(evalOutput));
      const after = model.getWeights();
      for (const name of Object.keys(w)) expect(sameBits(after[name], w[name]), name).toBe(true);
      model.dispose();
    });
  }

  it('differs from an unfrozen BatchNorm, which uses batch statistics and moves its running mean', () => {
    const layers = (trainable: boolean): Layer[] => [
      ['in', 'Input', { shape: [FEATURES] }],
      ['bn', 'BatchNorm', {}, trainable],
      ['out', 'Output', { loss: 'meanSquaredError' }],
    ];
    const model = buildModel(chainDoc(layers(true)), reference());
    const batch: Batch = { inputs: [randomArray(8 * FEATURES, 61, 3)], targets: randomArray(8 * FEATURES, 62), size: 8 };
    const before = model.getWeights()['bn/runningMean'];
    model.trainStep(batch);
    expect(Array.from(model.lastTrainPredictions()!)).not.toEqual(Array.from(model.predict(batch.inputs, 8)));
    expect(model.getWeights()['bn/runningMean']).not.toEqual(before);
    model.dispose();
  });
});

describe('a frozen Conv2D', async () => {
  const kernelSets = await allKernels();

  for (const [i, kernels] of kernelSets.entries()) {
    it(`keeps its filters while the head learns (kernels ${i})`, () => {
      const program = chainDoc(
        [
          ['in', 'Input', { shape: [6, 6, 1] }],
          ['conv', 'Conv2D', { filters: 3, kernelSize: 3, activation: 'relu' }, false],
          ['pool', 'MaxPool2D', { poolSize: 2, strides: 2 }],
          ['flat', 'Flatten'],
          ['head', 'Dense', { units: 3 }],
          ['out', 'Output'],
        ],
        { batchSize: 4, optimizer: { type: 'sgd', learningRate: 0.1, weightDecay: 0.01 } },
      );
      const model = buildModel(program, kernels, { seed: 4 });
      const before = model.getWeights();
      for (let step = 0; step < 10; step++) model.trainStep({ inputs: [randomArray(4 * 36, step + 70)], targets: randomLabels(4, 3, step), size: 4 });
      const after = model.getWeights();
      expect(sameBits(after['conv/kernel'], before['conv/kernel'])).toBe(true);
      expect(sameBits(after['conv/bias'], before['conv/bias'])).toBe(true);
      expect(sameBits(after['head/kernel'], before['head/kernel'])).toBe(false);
      model.dispose();
    });
  }
});
