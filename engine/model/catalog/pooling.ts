import { describePadding, formatShape, requireImage, windowAxes, windowPaddingOf } from './shapeMath';
import { countIncludePadParam, windowParams } from './commonParams';
import type { LayerSpec, Params } from './types';
import { ShapeError } from './types';
import type { Shape } from '../program';

function poolShape(label: string, input: Shape, params: Params): Shape {
  const [h, w, c] = requireImage(input, label);
  const k = params.poolSize as number;
  const s = params.strides as number;
  const pad = windowPaddingOf(params);
  if (pad.padding === 'explicit') {
    const widest = Math.max(pad.padTop, pad.padBottom, pad.padLeft, pad.padRight);
    // A window lying wholly in the padding has nothing to pool; PyTorch refuses it the same way.
    if (widest > Math.floor(k / 2)) {
      throw new ShapeError(`${label}'s padding of ${widest} is more than half its ${k}×${k} window. Use at most ${Math.floor(k / 2)} on each side.`);
    }
  }
  const g = windowAxes(h, w, k, s, 1, pad);
  if (g.h.out < 1 || g.w.out < 1) {
    throw new ShapeError(`${label}'s ${k}×${k} window does not fit the ${formatShape(input)} input. Use a smaller pool size or padding "same".`, [0]);
  }
  return [g.h.out, g.w.out, c];
}

function describePool(p: Params): string {
  const pad = windowPaddingOf(p);
  const padText = pad.padding === 'valid' ? '' : ` ${describePadding(pad)}`;
  return `${p.poolSize}×${p.poolSize}${p.strides !== p.poolSize ? ` /${p.strides}` : ''}${padText}${pad.ceilMode && pad.padding !== 'same' ? ' ceil' : ''}`;
}

function poolLayer(type: 'MaxPool2D' | 'AvgPool2D', doc: string): LayerSpec {
  const params = windowParams('poolSize', 'Pool size', 2, 2);
  return {
    type,
    label: type,
    category: 'Pooling',
    doc,
    params: type === 'AvgPool2D' ? [...params, countIncludePadParam] : params,
    minInputs: 1,
    maxInputs: 1,
    hasOutput: true,
    inferShape: ([input], p) => poolShape(type, input, p),
    paramCount: () => 0,
    flops: (_inputs, p, output) => output[0] * output[1] * output[2] * (p.poolSize as number) ** 2,
    describe: describePool,
  };
}

export const maxPool2dLayer = poolLayer('MaxPool2D', 'Keeps the largest value of each window, shrinking height and width.');
export const avgPool2dLayer = poolLayer('AvgPool2D', 'Averages each window, shrinking height and width.');

export const globalAvgPool2dLayer: LayerSpec = {
  type: 'GlobalAvgPool2D',
  label: 'GlobalAvgPool2D',
  category: 'Pooling',
  doc: 'Averages each channel over the whole image: height×width×channels becomes a vector of channels.',
  params: [],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape([input]) {
    const [, , c] = requireImage(input, 'GlobalAvgPool2D');
    return [c];
  },
  paramCount: () => 0,
  flops: ([input]) => input[0] * input[1] * input[2],
  describe: () => '',
};
