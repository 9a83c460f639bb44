import { formatShape, requireImage, windowGeometry } from './shapeMath';
import { activationFlops, fusedActivationParam, initializerParam, l1Param, l2Param, paddingParam, useBiasParam } from './commonParams';
import type { LayerSpec } from './types';
import { ShapeError } from './types';

export const conv2dLayer: LayerSpec = {
  type: 'Conv2D',
  label: 'Conv2D',
  category: 'Convolution',
  doc: 'Slides learned filters over an image (height×width×channels); each filter makes one output channel.',
  params: [
    { name: 'filters', label: 'Filters', kind: 'int', default: 32, min: 1, max: 4096, doc: 'Number of filters = output channels.' },
    { name: 'kernelSize', label: 'Kernel size', kind: 'int', default: 3, min: 1, max: 31, doc: 'Height and width of each square filter.' },
    { name: 'strides', label: 'Stride', kind: 'int', default: 1, min: 1, max: 16, doc: 'Step between filter positions.' },
    paddingParam,
    { name: 'dilation', label: 'Dilation', kind: 'int', default: 1, min: 1, max: 16, doc: 'Spacing between filter taps; >1 widens the view without more weights.' },
    fusedActivationParam,
    useBiasParam,
    initializerParam('heUniform'),
    l1Param,
    l2Param,
  ],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape([input], params) {
    const [h, w] = requireImage(input, 'Conv2D');
    const k = params.kernelSize as number;
    const s = params.strides as number;
    const d = params.dilation as number;
    const pad = params.padding as string;
    if (d > 1 && s > 1) throw new ShapeError('Conv2D cannot combine a stride above 1 with a dilation above 1; set one of them to 1.');
    const gh = windowGeometry(h, k, s, d, pad);
    const gw = windowGeometry(w, k, s, d, pad);
    if (gh.out < 1 || gw.out < 1) {
      throw new ShapeError(
        `Conv2D's ${k}×${k} kernel${d > 1 ? ` (dilation ${d})` : ''} does not fit the ${formatShape(input)} input with "valid" padding. ` +
          'Use padding "same", a smaller kernel, or remove a pooling layer before it.',
        [0],
      );
    }
    return [gh.out, gw.out, params.filters as number];
  },
  paramCount([input], params) {
    const k = params.kernelSize as number;
    const f = params.filters as number;
    return k * k * input[2] * f + (params.useBias ? f : 0);
  },
  flops([input], params, output) {
    const k = params.kernelSize as number;
    const outElems = output[0] * output[1] * output[2];
    return 2 * outElems * k * k * input[2] + activationFlops(params.activation as string, outElems);
  },
  describe: (p) => {
    const base = `${p.filters} · ${p.kernelSize}×${p.kernelSize}${(p.strides as number) > 1 ? ` /${p.strides}` : ''} ${p.padding}`;
    return p.activation === 'none' ? base : `${base} · ${p.activation}`;
  },
};
