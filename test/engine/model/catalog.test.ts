import { describe, expect, it } from 'vitest';
import { catalog, defaultParams, LAYER_TYPES, ShapeError, validateParam } from '../../../engine/model';
import type { LayerType, Shape } from '../../../engine/model';

const infer = (type: LayerType, inputs: Shape[], params: Record<string, unknown> = {}) =>
  catalog[type].inferShape(inputs, { ...defaultParams(type), ...(params as object) });
const count = (type: LayerType, inputs: Shape[], params: Record<string, unknown> = {}) => {
  const p = { ...defaultParams(type), ...(params as object) };
  const out = catalog[type].inferShape(inputs, p);
  return { params: catalog[type].paramCount(inputs, p, out), flops: catalog[type].flops(inputs, p, out) };
};

describe('layer catalog', () => {
  it('has an entry with documented, valid defaults for every layer type', () => {
    for (const type of LAYER_TYPES) {
      const spec = catalog[type];
      expect(spec.type).toBe(type);
      expect(spec.doc.length).toBeGreaterThan(20);
      for (const p of spec.params) {
        expect(p.doc.length, `${type}.${p.name} doc`).toBeGreaterThan(10);
        expect(validateParam(p, p.default), `${type}.${p.name} default`).toBeNull();
      }
    }
  });

  it('Input gives its own shape', () => {
    expect(infer('Input', [], { shape: [28, 28, 1] })).toEqual([28, 28, 1]);
    expect(() => infer('Input', [], { shape: [] })).toThrow(ShapeError);
  });

  it('Dense maps a vector to units, and refuses an image with a hint to flatten', () => {
    expect(infer('Dense', [[784]], { units: 128 })).toEqual([128]);
    expect(count('Dense', [[784]], { units: 128 })).toEqual({ params: 784 * 128 + 128, flops: 2 * 784 * 128 });
    expect(count('Dense', [[784]], { units: 128, useBias: false, activation: 'relu' })).toEqual({ params: 784 * 128, flops: 2 * 784 * 128 + 128 });
    expect(() => infer('Dense', [[28, 28, 1]])).toThrow(/Flatten/);
  });

  it('Conv2D computes valid and same outputs with stride and dilation (TF convention)', () => {
    expect(infer('Conv2D', [[28, 28, 1]], { filters: 32, kernelSize: 3 })).toEqual([26, 26, 32]);
    expect(infer('Conv2D', [[28, 28, 1]], { filters: 8, kernelSize: 3, padding: 'same' })).toEqual([28, 28, 8]);
    expect(infer('Conv2D', [[28, 28, 3]], { filters: 8, kernelSize: 3, strides: 2, padding: 'same' })).toEqual([14, 14, 8]);
    expect(infer('Conv2D', [[7, 7, 3]], { filters: 8, kernelSize: 3, strides: 2 })).toEqual([3, 3, 8]);
    expect(infer('Conv2D', [[28, 28, 1]], { filters: 4, kernelSize: 3, dilation: 2 })).toEqual([24, 24, 4]);
    expect(count('Conv2D', [[28, 28, 1]], { filters: 32, kernelSize: 3 }).params).toBe(3 * 3 * 1 * 32 + 32);
    expect(count('Conv2D', [[28, 28, 1]], { filters: 32, kernelSize: 3 }).flops).toBe(2 * 26 * 26 * 32 * 9);
  });

  it('Conv2D rejects vectors, kernels larger than the image, and stride with dilation', () => {
    expect(() => infer('Conv2D', [[784]])).toThrow(/Reshape/);
    expect(() => infer('Conv2D', [[2, 2, 1]], { kernelSize: 3 })).toThrow(/does not fit/);
    expect(() => infer('Conv2D', [[28, 28, 1]], { strides: 2, dilation: 2 })).toThrow(/stride/);
  });

  it('pooling layers shrink height and width and keep channels', () => {
    expect(infer('MaxPool2D', [[26, 26, 32]])).toEqual([13, 13, 32]);
    expect(infer('AvgPool2D', [[7, 7, 4]], { poolSize: 2, strides: 2, padding: 'same' })).toEqual([4, 4, 4]);
    expect(infer('AvgPool2D', [[7, 7, 4]], { poolSize: 3, strides: 1 })).toEqual([5, 5, 4]);
    expect(() => infer('MaxPool2D', [[1, 1, 4]])).toThrow(ShapeError);
    expect(() => infer('MaxPool2D', [[10]])).toThrow(/3-D/);
    expect(infer('GlobalAvgPool2D', [[7, 7, 64]])).toEqual([64]);
    expect(() => infer('GlobalAvgPool2D', [[64]])).toThrow(ShapeError);
  });

  it('Flatten and Reshape keep the element count', () => {
    expect(infer('Flatten', [[5, 5, 16]])).toEqual([400]);
    expect(infer('Reshape', [[784]], { targetShape: [28, 28, 1] })).toEqual([28, 28, 1]);
    expect(infer('Reshape', [[784]], { targetShape: [-1, 28, 1] })).toEqual([28, 28, 1]);
    expect(() => infer('Reshape', [[784]], { targetShape: [27, 28, 1] })).toThrow(/756 values.*784/);
    expect(() => infer('Reshape', [[784]], { targetShape: [-1, -1] })).toThrow(/one -1/);
    expect(() => infer('Reshape', [[785]], { targetShape: [-1, 28] })).toThrow(/multiple/);
  });

  it('shape-preserving layers pass their input through and count their parameters', () => {
    for (const type of ['Dropout', 'BatchNorm', 'LayerNorm', 'Activation'] as const) {
      expect(infer(type, [[13, 13, 32]])).toEqual([13, 13, 32]);
    }
    expect(count('BatchNorm', [[13, 13, 32]]).params).toBe(4 * 32);
    expect(count('LayerNorm', [[64]]).params).toBe(128);
  });

  it('Add needs equal shapes and names both in its error', () => {
    expect(infer('Add', [[8, 8, 16], [8, 8, 16], [8, 8, 16]])).toEqual([8, 8, 16]);
    try {
      infer('Add', [[8, 8, 16], [4, 4, 16]]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ShapeError);
      expect((e as ShapeError).message).toContain('8×8×16');
      expect((e as ShapeError).message).toContain('4×4×16');
      expect((e as ShapeError).ports).toEqual([0, 1]);
    }
  });

  it('Concatenate joins on the last axis only', () => {
    expect(infer('Concatenate', [[8, 8, 16], [8, 8, 4]])).toEqual([8, 8, 20]);
    expect(infer('Concatenate', [[10], [5], [1]])).toEqual([16]);
    expect(() => infer('Concatenate', [[8, 8, 16], [4, 4, 16]])).toThrow(/other dimensions/);
    expect(() => infer('Concatenate', [[8], [8, 1]])).toThrow(ShapeError);
  });

  it('Output with a classification loss needs a vector of logits', () => {
    expect(infer('Output', [[10]])).toEqual([10]);
    expect(infer('Output', [[4, 4, 1]], { loss: 'meanSquaredError' })).toEqual([4, 4, 1]);
    expect(() => infer('Output', [[4, 4, 10]])).toThrow(/Flatten/);
  });

  it('validates params against their ranges and options', () => {
    const units = catalog.Dense.params.find((p) => p.name === 'units')!;
    expect(validateParam(units, 0)).toMatch(/at least 1/);
    expect(validateParam(units, 2.5)).toMatch(/whole number/);
    const act = catalog.Dense.params.find((p) => p.name === 'activation')!;
    expect(validateParam(act, 'swish')).toMatch(/one of/);
    const rate = catalog.Dropout.params[0];
    expect(validateParam(rate, 1)).toMatch(/at most/);
    const shape = catalog.Input.params[0];
    expect(validateParam(shape, [28, 0])).toMatch(/at least 1/);
  });
});
