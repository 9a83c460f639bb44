import { formatShape, requireImage, windowGeometry } from './shapeMath';
import { windowParams } from './commonParams';
import type { LayerSpec, Params } from './types';
import { ShapeError } from './types';
import type { Shape } from '../program';

function poolShape(label: string, input: Shape, params: Params): Shape {
  const [h, w, c] = requireImage(input, label);
  const k = params.poolSize as number;
  const s = params.strides as number;
  const pad = params.padding as string;
  const gh = windowGeometry(h, k, s, 1, pad);
  const gw = windowGeometry(w, k, s, 1, pad);
  if (gh.out < 1 || gw.out < 1) {
    throw new ShapeError(`${label}'s ${k}×${k} window does not fit the ${formatShape(input)} input. Use a smaller pool size or padding "same".`, [0]);
  }
  return [gh.out, gw.out, c];
}

function poolLayer(type: 'MaxPool2D' | 'AvgPool2D', doc: string): LayerSpec {
  return {
    type,
    label: type,
    category: 'Pooling',
    doc,
    params: windowParams('poolSize', 'Pool size', 2, 2),
    minInputs: 1,
    maxInputs: 1,
    hasOutput: true,
    inferShape: ([input], params) => poolShape(type, input, params),
    paramCount: () => 0,
    flops: (_inputs, params, output) => output[0] * output[1] * output[2] * (params.poolSize as number) ** 2,
    describe: (p) => `${p.poolSize}×${p.poolSize}${p.strides !== p.poolSize ? ` /${p.strides}` : ''}${p.padding === 'same' ? ' same' : ''}`,
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
