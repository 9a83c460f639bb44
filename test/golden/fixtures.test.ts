import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS, optimizerSchema, scheduleSchema } from '../../engine/model/document';
import { LOSS_NAMES } from '../../engine/model/program';
import type { GoldenTensor } from './loadGolden';
import {
  GOLDEN_ACTIVATIONS, GOLDEN_FIXTURE_DIR, GOLDEN_FUSED_ACTIVATIONS, GOLDEN_GROUPS, TRAINING_SECTIONS,
  expectClose, loadGolden, parseGolden,
} from './loadGolden';

function isTensor(value: unknown): value is GoldenTensor {
  return typeof value === 'object' && value !== null && (value as GoldenTensor).data instanceof Float32Array;
}

/** Every tensor in a fixture, with its path. */
function* tensorsIn(value: unknown, path: string): Generator<[string, GoldenTensor]> {
  if (isTensor(value)) {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* tensorsIn(value[i], `${path}[${i}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* tensorsIn(item, `${path}.${key}`);
  }
}

const shapeOf = (t: GoldenTensor) => t.shape;

describe('golden fixture files', () => {
  it('hold exactly the documented groups', () => {
    const files = readdirSync(GOLDEN_FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(GOLDEN_GROUPS.map((g) => `${g}.json`).sort());
  });

  it.each(GOLDEN_GROUPS)('%s: records how it was made and holds only finite, well-shaped tensors', (group) => {
    const fixture = loadGolden(group);
    expect(fixture.meta.group).toBe(group);
    expect(fixture.meta.torch).toMatch(/^\d+\.\d+/);
    expect(fixture.meta.deterministicAlgorithms).toBe(true);
    let count = 0;
    for (const [path, tensor] of tensorsIn(fixture, group)) {
      count++;
      expect(tensor.data.length, path).toBe(tensor.shape.reduce((a, b) => a * b, 1));
      expect(tensor.data.every(Number.isFinite), `${path} has a non-finite value`).toBe(true);
    }
    expect(count).toBeGreaterThan(0);
  });

  it('the loader refuses a tensor whose data does not fill its shape', () => {
    expect(() => parseGolden('ops', '{"meta":{},"x":{"shape":[2,3],"data":[1,2,3]}}')).toThrow(/ops\.x.*6 values.*3/);
  });
});

describe('ops fixtures', () => {
  const ops = loadGolden('ops');

  it('cover every activation with matching shapes', () => {
    expect(Object.keys(ops.activations).sort()).toEqual([...GOLDEN_ACTIVATIONS].sort());
    for (const [name, c] of Object.entries(ops.activations)) {
      for (const t of [c.y, c.dy, c.dx]) expect(shapeOf(t), name).toEqual(shapeOf(c.x));
    }
  });

  it('give conv and pool geometries that agree with the tensor shapes and TensorFlow "same" padding', () => {
    for (const [name, c] of Object.entries(ops.conv2d)) {
      const g = c.geometry;
      expect(shapeOf(c.x), name).toEqual([g.batch, g.inH, g.inW, g.inC]);
      expect(shapeOf(c.w), name).toEqual([g.kH, g.kW, g.inC, g.outC]);
      expect(shapeOf(c.y), name).toEqual([g.batch, g.outH, g.outW, g.outC]);
      expect(shapeOf(c.dx)).toEqual(shapeOf(c.x));
      expect(shapeOf(c.dw)).toEqual(shapeOf(c.w));
      const spanH = (g.outH - 1) * g.strideH + (g.kH - 1) * g.dilationH + 1;
      expect(g.padTop + g.inH + g.padBottom, name).toBeGreaterThanOrEqual(spanH);
      if (g.padding === 'same') {
        expect(g.outH, name).toBe(Math.ceil(g.inH / g.strideH));
        expect(g.padTop, name).toBe(Math.floor(Math.max(spanH - g.inH, 0) / 2));
      }
    }
    for (const pools of [ops.maxPool2d, ops.avgPool2d]) {
      for (const [name, c] of Object.entries(pools)) {
        const g = c.geometry;
        expect(shapeOf(c.x), name).toEqual([g.batch, g.inH, g.inW, g.channels]);
        expect(shapeOf(c.y), name).toEqual([g.batch, g.outH, g.outW, g.channels]);
      }
    }
  });

  it('include the asymmetric "same" padding cases (extra pixel after)', () => {
    const asymmetric = Object.values(ops.conv2d).filter((c) => c.geometry.padBottom > c.geometry.padTop);
    expect(asymmetric.length).toBeGreaterThan(0);
  });

  it('include all four gemm transpose combinations and both batch-norm modes', () => {
    expect(Object.keys(ops.gemm).sort()).toEqual(['NN', 'NT', 'TN', 'TT']);
    expect(shapeOf(ops.batchNorm.train.runVarAfter)).toEqual([ops.batchNorm.train.channels]);
    expect(shapeOf(ops.batchNorm.inference.y)).toEqual(shapeOf(ops.batchNorm.inference.x));
    expect(shapeOf(ops.concatenate.y).at(-1)).toBe(shapeOf(ops.concatenate.a).at(-1)! + shapeOf(ops.concatenate.b).at(-1)!);
  });
});

describe('layers and losses fixtures', () => {
  it('cover Dense with every fused activation and Conv2D with weight gradients', () => {
    const layers = loadGolden('layers');
    expect(Object.keys(layers.dense).sort()).toEqual([...GOLDEN_FUSED_ACTIVATIONS].sort());
    for (const c of [...Object.values(layers.dense), ...Object.values(layers.conv2d)]) {
      expect(shapeOf(c.dkernel)).toEqual(shapeOf(c.kernel));
      expect(shapeOf(c.dbias)).toEqual(shapeOf(c.bias));
      expect(shapeOf(c.dx)).toEqual(shapeOf(c.x));
    }
    expect(Object.keys(layers.conv2d).length).toBeGreaterThan(0);
  });

  it('cover every loss the engine offers', () => {
    const { cases } = loadGolden('losses');
    expect(new Set(Object.values(cases).map((c) => c.kind))).toEqual(new Set(LOSS_NAMES));
    for (const [name, c] of Object.entries(cases)) {
      expect(shapeOf(c.dinput), name).toEqual(shapeOf(c.input));
      const targetShape = c.kind === 'sparseCategoricalCrossentropy' ? shapeOf(c.input).slice(0, 1) : shapeOf(c.input);
      expect(shapeOf(c.targets), name).toEqual(targetShape);
      expect(Number.isFinite(c.loss), name).toBe(true);
    }
  });
});

describe('training fixtures', () => {
  const training = loadGolden('training');
  const allCases = TRAINING_SECTIONS.flatMap((s) => Object.entries(training[s]).map(([n, c]) => [`${s}.${n}`, c] as const));

  it('train every optimiser on the MLP, at least sgd/momentum/adam on the CNN, and every loss', () => {
    const types = (section: (typeof TRAINING_SECTIONS)[number]) => new Set(Object.values(training[section]).map((c) => c.optimizer.type));
    expect(types('optimizers')).toEqual(new Set(OPTIMIZERS));
    for (const t of ['sgd', 'momentum', 'adam'] as const) expect(types('cnnOptimizers').has(t)).toBe(true);
    expect(new Set(Object.values(training.losses).map((c) => c.loss))).toEqual(new Set(LOSS_NAMES));
  });

  it.each(allCases)('%s: is a valid document config over a stored model and dataset', (_name, c) => {
    expect(() => optimizerSchema.parse(c.optimizer)).not.toThrow();
    expect(() => scheduleSchema.parse(c.schedule)).not.toThrow();
    const model = training.models[c.model];
    const dataset = training.datasets[c.dataset];
    expect(model).toBeDefined();
    expect(dataset).toBeDefined();
    expect(dataset.x.shape.slice(1)).toEqual(model.input);
    for (const series of [c.losses, c.dataLosses, c.learningRates, c.gradientNorms]) expect(series).toHaveLength(c.steps);
    for (const weights of [c.finalWeights, c.firstStepGradients]) {
      expect(Object.keys(weights)).toEqual(Object.keys(model.initialWeights));
      for (const [key, t] of Object.entries(weights)) expect(t.shape, key).toEqual(model.initialWeights[key].shape);
    }
  });
});

describe('expectClose', () => {
  const expected: GoldenTensor = { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) };

  it('accepts values within atol + rtol·|expected|', () => {
    expect(() => expectClose([1, 2, 3, 4, 5, 6.00005], expected, { rtol: 1e-5, atol: 0 }, 'near')).not.toThrow();
  });

  it('names the worst index with its actual and expected values', () => {
    expect(() => expectClose([1, 2.1, 3, 4, 5.5, 6], expected, { rtol: 1e-5, atol: 1e-6 }, 'conv dx')).toThrow(
      /conv dx: 2 of 6 values.*worst at index 4 \[1,1\]: got 5\.5, expected 5/,
    );
  });

  it('fails on NaN and on a length mismatch', () => {
    expect(() => expectClose([1, 2, 3, 4, 5, Number.NaN], expected, { rtol: 1, atol: 1 }, 'nan')).toThrow(/index 5/);
    expect(() => expectClose([1, 2], expected, { rtol: 1, atol: 1 }, 'short')).toThrow(/got 2 values, expected 6/);
  });
});
