import { describe, expect, it } from 'vitest';
import { catalog, defaultParams, ShapeError } from '../../../engine/model';
import { windowAxis } from '../../../engine/model/catalog';
import type { LayerType, Shape } from '../../../engine/model';

const params = (type: LayerType, p: Record<string, unknown>) => ({ ...defaultParams(type), ...(p as object) });
const infer = (type: LayerType, input: Shape, p: Record<string, unknown> = {}) => catalog[type].inferShape([input], params(type, p));
const paramCount = (type: LayerType, input: Shape, p: Record<string, unknown> = {}) => {
  const resolved = params(type, p);
  return catalog[type].paramCount([input], resolved, catalog[type].inferShape([input], resolved));
};
const explicit = (top: number, bottom: number, left: number, right: number) => ({ padding: 'explicit', padTop: top, padBottom: bottom, padLeft: left, padRight: right });

// Expected sizes are PyTorch's: out = floor((in + pads - dilation·(k−1) − 1) / stride) + 1, or ceil with ceil_mode
// unless the last window would start in the trailing padding.
describe('window geometry for explicit padding and ceil mode', () => {
  const pad = (padding: string, before: number, after: number, ceilMode = false) => ({ padding, padTop: before, padBottom: after, padLeft: 0, padRight: 0, ceilMode });

  it('follows PyTorch for explicit, asymmetric padding', () => {
    expect(windowAxis(28, 3, 1, 1, pad('explicit', 1, 1), 'height')).toEqual({ out: 28, padBefore: 1, padAfter: 1 });
    expect(windowAxis(28, 3, 2, 1, pad('explicit', 0, 1), 'height')).toEqual({ out: 14, padBefore: 0, padAfter: 1 });
    expect(windowAxis(7, 3, 1, 2, pad('explicit', 2, 2), 'height').out).toBe(7);
  });

  it('rounds up with ceil mode but drops a window that would start in the padding', () => {
    expect(windowAxis(5, 2, 2, 1, pad('valid', 0, 0, true), 'height').out).toBe(3);
    expect(windowAxis(5, 2, 2, 1, pad('valid', 0, 0, false), 'height').out).toBe(2);
    // torch.nn.MaxPool2d(3, 2, padding=1, ceil_mode=True) on 6: ceil((6+2−3)/2)+1 = 4, but window 4 starts at 6 ≥ 6+1? no: 3·2 = 6 < 7, kept.
    expect(windowAxis(6, 3, 2, 1, pad('explicit', 1, 1, true), 'height').out).toBe(4);
    // On 5 with k=2, s=2, pad 1: ceil((5+2−2)/2)+1 = 4, window 3 starts at 6 ≥ 5+1, dropped.
    expect(windowAxis(5, 2, 2, 1, pad('explicit', 1, 1, true), 'height').out).toBe(3);
  });

  it('keeps TensorFlow-style "same" padding with the odd row after', () => {
    expect(windowAxis(5, 2, 2, 1, pad('same', 0, 0), 'height')).toEqual({ out: 3, padBefore: 0, padAfter: 1 });
  });
});

describe('Conv2D and DepthwiseConv2D', () => {
  it('pads each side as told', () => {
    expect(infer('Conv2D', [28, 28, 1], { ...explicit(1, 1, 1, 1), filters: 8 })).toEqual([28, 28, 8]);
    expect(infer('Conv2D', [28, 28, 1], { ...explicit(0, 1, 0, 1), strides: 2, filters: 8 })).toEqual([14, 14, 8]);
    expect(catalog.Conv2D.describe(params('Conv2D', { ...explicit(1, 1, 1, 1), filters: 8 }))).toContain('pad 1');
    expect(catalog.Conv2D.describe(params('Conv2D', { ...explicit(0, 1, 0, 1), filters: 8 }))).toContain('pad 0,1,0,1');
  });

  it('groups divide the weights and must divide both channel counts', () => {
    expect(paramCount('Conv2D', [8, 8, 16], { filters: 32, kernelSize: 3, groups: 4 })).toBe(3 * 3 * 4 * 32 + 32);
    expect(() => infer('Conv2D', [8, 8, 6], { filters: 8, groups: 4 })).toThrow(/groups do not divide the input's 6 channels/);
    expect(() => infer('Conv2D', [8, 8, 8], { filters: 6, groups: 4 })).toThrow(/do not divide its 6 filters/);
  });

  it('a depthwise convolution multiplies the channels and keeps one filter set per channel', () => {
    expect(infer('DepthwiseConv2D', [16, 16, 8], { ...explicit(1, 1, 1, 1) })).toEqual([16, 16, 8]);
    expect(infer('DepthwiseConv2D', [16, 16, 8], { depthMultiplier: 2, strides: 2, padding: 'same' })).toEqual([8, 8, 16]);
    expect(paramCount('DepthwiseConv2D', [16, 16, 8], { depthMultiplier: 2 })).toBe(3 * 3 * 16 + 16);
    expect(() => infer('DepthwiseConv2D', [2, 2, 8], { kernelSize: 3 })).toThrow(ShapeError);
  });
});

describe('pooling with explicit padding, ceil mode and count-include-pad', () => {
  it('pools as PyTorch sizes it', () => {
    expect(infer('MaxPool2D', [6, 6, 3], { poolSize: 3, strides: 2, ...explicit(1, 1, 1, 1), ceilMode: true })).toEqual([4, 4, 3]);
    expect(infer('AvgPool2D', [5, 5, 3], { poolSize: 2, strides: 2, ceilMode: true })).toEqual([3, 3, 3]);
    expect(catalog.AvgPool2D.params.map((p) => p.name)).toContain('countIncludePad');
    expect(catalog.MaxPool2D.params.map((p) => p.name)).not.toContain('countIncludePad');
  });

  it('refuses padding wider than half the window, as PyTorch does', () => {
    expect(() => infer('MaxPool2D', [8, 8, 3], { poolSize: 2, strides: 2, ...explicit(2, 0, 0, 0) })).toThrow(/more than half its 2×2 window/);
  });

  it('shows the explicit pads only when padding is explicit, and ceil mode only when it is not "same"', () => {
    const padTop = catalog.MaxPool2D.params.find((p) => p.name === 'padTop')!;
    const ceil = catalog.MaxPool2D.params.find((p) => p.name === 'ceilMode')!;
    expect(padTop.visibleWhen!({ padding: 'explicit' })).toBe(true);
    expect(padTop.visibleWhen!({ padding: 'same' })).toBe(false);
    expect(ceil.visibleWhen!({ padding: 'same' })).toBe(false);
    expect(ceil.visibleWhen!({ padding: 'valid' })).toBe(true);
  });
});
