/** The Model API: reproducibility, memory, errors, weights, prediction and evaluation. */
import { describe, expect, it } from 'vitest';
import { buildModel, EngineError } from '../../../engine/runtime';
import type { Program } from '../../../engine/model';
import { chain, randomArray, randomLabels, reference } from './helpers';
import { createReferenceKernels } from '../../../engine/kernels/reference';

const k = reference();

const mlp = (extra: Partial<Program['training']> = {}): Program =>
  chain(
    [
      ['in', 'Input', { shape: [10] }],
      ['hidden', 'Dense', { units: 12, activation: 'relu' }],
      ['bn', 'BatchNorm'],
      ['drop', 'Dropout', { rate: 0.3 }],
      ['logits', 'Dense', { units: 4 }],
      ['out', 'Output'],
    ],
    { batchSize: 8, ...extra },
  );

const batchOf = (n: number, seed: number) => ({ inputs: [randomArray(n * 10, seed)], targets: randomLabels(n, 4, seed + 1), size: n });

function expectEngineError(fn: () => unknown, code: string, mentions: RegExp): EngineError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EngineError);
    const e = err as EngineError;
    expect(e.code).toBe(code);
    expect(e.message).toMatch(mentions);
    return e;
  }
  throw new Error(`expected an EngineError ${code}`);
}

describe('reproducibility', () => {
  it('gives identical weights and losses (dropout included) for the same seed, different ones for another', () => {
    const run = (seed: number) => {
      const model = buildModel(mlp(), k, { seed });
      const initial = model.getWeights();
      const losses = Array.from({ length: 20 }, (_, i) => model.trainStep(batchOf(8, i % 3)));
      const result = { initial, losses, final: model.getWeights() };
      model.dispose();
      return result;
    };
    const a = run(42);
    const b = run(42);
    const c = run(43);
    expect(b.losses).toEqual(a.losses);
    expect(b.final).toEqual(a.final);
    expect(b.initial).toEqual(a.initial);
    expect(c.initial['hidden/kernel']).not.toEqual(a.initial['hidden/kernel']);
  });

  it('defaults the seed to the program training seed', () => {
    const a = buildModel(mlp({ seed: 9 }), k).getWeights();
    const b = buildModel(mlp({ seed: 9 }), k, { seed: 9 }).getWeights();
    expect(a).toEqual(b);
  });

  it('initialises kernels with the requested spread and biases, gammas and running stats as PyTorch does', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    const w = model.getWeights();
    const limit = Math.sqrt(6 / (10 + 12));
    const kernel = w['hidden/kernel'];
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...kernel.map(Math.abs))).toBeGreaterThan(limit * 0.8);
    expect([...w['hidden/bias']].every((v) => v === 0)).toBe(true);
    expect([...w['bn/gamma']].every((v) => v === 1)).toBe(true);
    expect([...w['bn/runningVar']].every((v) => v === 1)).toBe(true);
  });
});

describe('memory', () => {
  it('stays flat over 1000 steps (plans and buffers are reused)', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    const batches = [batchOf(8, 1), batchOf(8, 2), batchOf(5, 3)];
    for (let i = 0; i < 10; i++) model.trainStep(batches[i % 3]);
    model.evaluate(batchOf(20, 4));
    const after10 = k.allocatedBytes();
    for (let i = 0; i < 1000; i++) model.trainStep(batches[i % 3]);
    model.evaluate(batchOf(20, 4));
    expect(k.allocatedBytes()).toBe(after10);
  });

  it('returns every byte on dispose, and refuses use afterwards', () => {
    const before = k.allocatedBytes();
    const model = buildModel(mlp(), k, { seed: 1 });
    model.trainStep(batchOf(8, 1));
    expect(k.allocatedBytes()).toBeGreaterThan(before);
    model.dispose();
    expect(k.allocatedBytes()).toBe(before);
    expectEngineError(() => model.trainStep(batchOf(8, 1)), 'disposed', /disposed/);
  });
});

describe('out of memory', () => {
  it('raises outOfMemory naming the weight, and frees what was allocated', () => {
    // Models past the engine's whole memory are refused before they compile (validate); this one fits
    // that ceiling but not the 64 MiB these kernels are given.
    const small = createReferenceKernels({ maxBytes: 64 * 1024 * 1024 });
    const before = small.allocatedBytes();
    const huge = chain([
      ['in', 'Input', { shape: [20000] }],
      ['wide', 'Dense', { units: 2000 }],
      ['out', 'Output', { loss: 'meanSquaredError' }],
    ]);
    const e = expectEngineError(() => buildModel(huge, small), 'outOfMemory', /wide\/kernel/);
    expect(e.message).toMatch(/smaller/);
    expect(small.allocatedBytes()).toBe(before);
  });
});

describe('non-finite values', () => {
  it('names the layer where NaN/Inf first appears and leaves the weights untouched', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    const w = model.getWeights();
    w['logits/kernel'][0] = Infinity;
    model.setWeights(w);
    const e = expectEngineError(() => model.trainStep(batchOf(8, 1)), 'nonFinite', /logits/);
    expect(e.nodeId).toBe('logits');
    expect(model.getWeights()['hidden/kernel']).toEqual(w['hidden/kernel']);
  });

  it('names the input when the batch holds NaN', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    const batch = batchOf(8, 1);
    batch.inputs[0][3] = NaN;
    expect(expectEngineError(() => model.trainStep(batch), 'nonFinite', /input in/).nodeId).toBe('in');
  });

  it('raises once a huge learning rate makes training diverge', () => {
    const program = chain(
      [
        ['in', 'Input', { shape: [10] }],
        ['d', 'Dense', { units: 4 }],
        ['out', 'Output', { loss: 'meanSquaredError' }],
      ],
      { optimizer: { type: 'sgd', learningRate: 1e12 } },
    );
    const model = buildModel(program, k, { seed: 1 });
    const batch = { inputs: [randomArray(40, 1)], targets: randomArray(16, 2), size: 4 };
    expectEngineError(
      () => {
        for (let i = 0; i < 50; i++) model.trainStep(batch);
      },
      'nonFinite',
      /NaN or infinite/,
    );
  });
});

describe('weights', () => {
  it('getWeights returns copies and setWeights restores them exactly', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    const saved = model.getWeights();
    saved['hidden/kernel'][0] = 1234;
    expect(model.getWeights()['hidden/kernel'][0]).not.toBe(1234);
    const snapshot = model.getWeights();
    model.trainStep(batchOf(8, 1));
    expect(model.getWeights()['hidden/kernel']).not.toEqual(snapshot['hidden/kernel']);
    model.setWeights(snapshot);
    expect(model.getWeights()).toEqual(snapshot);
  });

  it('rejects unknown, missing and wrongly sized weights, naming them', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    const w = model.getWeights();
    expectEngineError(() => model.setWeights({ ...w, 'ghost/kernel': new Float32Array(1) }), 'unknownWeight', /ghost\/kernel/);
    const short = { ...w, 'hidden/bias': new Float32Array(3) };
    const e = expectEngineError(() => model.setWeights(short), 'shapeMismatch', /hidden\/bias.*12/);
    expect(e.nodeId).toBe('hidden');
    const missing: Record<string, Float32Array> = { ...w };
    delete missing['bn/runningMean'];
    expectEngineError(() => model.setWeights(missing), 'unknownWeight', /bn\/runningMean.*missing/);
  });

  it('counts parameters as the catalog does (running statistics included)', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    expect(model.parameterCount).toBe(10 * 12 + 12 + 4 * 12 + 12 * 4 + 4);
    expect(model.trainableParameterCount).toBe(10 * 12 + 12 + 2 * 12 + 12 * 4 + 4);
  });
});

describe('prediction and evaluation', () => {
  it('predicts probabilities per sample, independent of the rest of the batch (inference mode)', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    for (let i = 0; i < 5; i++) model.trainStep(batchOf(8, i));
    const x = randomArray(50, 7);
    const all = model.predict([x], 5);
    for (let r = 0; r < 5; r++) expect(all.subarray(r * 4, r * 4 + 4).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    const alone = model.predict([x.slice(20, 30)], 1);
    expect(Array.from(alone)).toEqual(Array.from(all.subarray(8, 12)));
  });

  it('evaluates sets larger than a batch in chunks with the same loss as one pass', () => {
    const a = buildModel(mlp({ batchSize: 8 }), k, { seed: 4 });
    const b = buildModel(mlp({ batchSize: 64 }), k, { seed: 4 });
    const set = batchOf(30, 9);
    const chunked = a.evaluate(set);
    const whole = b.evaluate(set);
    expect(chunked.loss).toBeCloseTo(whole.loss, 5);
    expect(Array.from(chunked.outputs)).toEqual(Array.from(whole.outputs));
    expect(Array.from(chunked.outputs)).toEqual(Array.from(a.predict(set.inputs, 30)));
  });

  it('checks batch sizes and labels, naming the input or output', () => {
    const model = buildModel(mlp(), k, { seed: 1 });
    const bad = batchOf(8, 1);
    bad.inputs[0] = bad.inputs[0].subarray(0, 70);
    expect(expectEngineError(() => model.trainStep(bad), 'shapeMismatch', /Input in expects 8 samples/).nodeId).toBe('in');
    const labels = batchOf(8, 1);
    labels.targets[2] = 4;
    expectEngineError(() => model.trainStep(labels), 'invalidInput', /label 4 at sample 2/);
  });
});

describe('schedule', () => {
  it('reads the learning rate from the schedule and advances it per epoch', () => {
    const model = buildModel(mlp({ optimizer: { type: 'adam', learningRate: 0.01 }, schedule: { type: 'exponential', gamma: 0.5 } }), k, { seed: 1 });
    expect(model.learningRate).toBeCloseTo(0.01, 12);
    model.trainStep(batchOf(8, 1));
    model.advanceEpoch();
    model.advanceEpoch();
    expect(model.epoch).toBe(2);
    expect(model.learningRate).toBeCloseTo(0.0025, 12);
  });
});
