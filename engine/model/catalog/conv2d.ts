import { describePadding, formatShape, requireImage, windowAxes, windowPaddingOf } from './shapeMath';
import { activationFlops, explicitPaddingParams, fusedActivationParam, initializerParam, l1Param, l2Param, paddingParam, useBiasParam } from './commonParams';
import type { LayerSpec, ParamSpec, Params } from './types';
import { ShapeError } from './types';
import type { Shape } from '../program';

const kernelSizeParam: ParamSpec = { name: 'kernelSize', label: 'Kernel size', kind: 'int', default: 3, min: 1, max: 31, doc: 'Height and width of each square filter.' };
const stridesParam: ParamSpec = { name: 'strides', label: 'Stride', kind: 'int', default: 1, min: 1, max: 16, doc: 'Step between filter positions.' };
const dilationParam: ParamSpec = { name: 'dilation', label: 'Dilation', kind: 'int', default: 1, min: 1, max: 16, doc: 'Spacing between filter taps; >1 widens the view without more weights.' };

/** The window params every 2-D convolution shares, in inspector order. */
const windowParams: ParamSpec[] = [kernelSizeParam, stridesParam, paddingParam, ...explicitPaddingParams, dilationParam];

/** Output height and width of a convolution window over `input`; throws when the kernel does not fit. */
function convOutput(label: string, input: Shape, params: Params): [number, number, number] {
  const [h, w, c] = requireImage(input, label);
  const k = params.kernelSize as number;
  const s = params.strides as number;
  const d = params.dilation as number;
  if (d > 1 && s > 1) throw new ShapeError(`${label} cannot combine a stride above 1 with a dilation above 1; set one of them to 1.`);
  const pad = windowPaddingOf(params);
  const g = windowAxes(h, w, k, s, d, pad);
  if (g.h.out < 1 || g.w.out < 1) {
    throw new ShapeError(
      `${label}'s ${k}×${k} kernel${d > 1 ? ` (dilation ${d})` : ''} does not fit the ${formatShape(input)} input with ${describePadding(pad)} padding. ` +
        'Use padding "same", a smaller kernel, or remove a pooling layer before it.',
      [0],
    );
  }
  return [g.h.out, g.w.out, c];
}

function describeWindow(p: Params): string {
  return `${p.kernelSize}×${p.kernelSize}${(p.strides as number) > 1 ? ` /${p.strides}` : ''} ${describePadding(windowPaddingOf(p))}`;
}

function withActivation(base: string, p: Params): string {
  return p.activation === 'none' ? base : `${base} · ${p.activation}`;
}

export const conv2dLayer: LayerSpec = {
  type: 'Conv2D',
  label: 'Conv2D',
  category: 'Convolution',
  doc: 'Slides learned filters over an image (height×width×channels); each filter makes one output channel.',
  params: [
    { name: 'filters', label: 'Filters', kind: 'int', default: 32, min: 1, max: 4096, doc: 'Number of filters = output channels.' },
    ...windowParams,
    {
      name: 'groups',
      label: 'Groups',
      kind: 'int',
      default: 1,
      min: 1,
      max: 4096,
      doc: 'Splits input and output channels into this many groups convolved separately; both channel counts must divide by it.',
    },
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
    const [h, w, c] = convOutput('Conv2D', input, params);
    const groups = params.groups as number;
    const filters = params.filters as number;
    if (c % groups !== 0) throw new ShapeError(`Conv2D's ${groups} groups do not divide the input's ${c} channels. Choose a number of groups that divides ${c}.`, [0]);
    if (filters % groups !== 0) throw new ShapeError(`Conv2D's ${groups} groups do not divide its ${filters} filters. Choose a number of filters that is a multiple of ${groups}.`);
    return [h, w, filters];
  },
  paramCount([input], params) {
    const k = params.kernelSize as number;
    const f = params.filters as number;
    return k * k * (input[2] / (params.groups as number)) * f + (params.useBias ? f : 0);
  },
  flops([input], params, output) {
    const k = params.kernelSize as number;
    const outElems = output[0] * output[1] * output[2];
    return 2 * outElems * k * k * (input[2] / (params.groups as number)) + activationFlops(params.activation as string, outElems);
  },
  describe: (p) => withActivation(`${p.filters} · ${describeWindow(p)}${(p.groups as number) > 1 ? ` · ${p.groups} groups` : ''}`, p),
};

export const depthwiseConv2dLayer: LayerSpec = {
  type: 'DepthwiseConv2D',
  label: 'DepthwiseConv2D',
  category: 'Convolution',
  doc: 'Convolves each input channel with its own filters (as many as the depth multiplier); channels never mix. Follow it with a 1×1 Conv2D to mix them.',
  params: [
    ...windowParams,
    { name: 'depthMultiplier', label: 'Depth multiplier', kind: 'int', default: 1, min: 1, max: 64, doc: 'Filters per input channel: output channels = input channels × this.' },
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
    const [h, w, c] = convOutput('DepthwiseConv2D', input, params);
    return [h, w, c * (params.depthMultiplier as number)];
  },
  paramCount([input], params) {
    const k = params.kernelSize as number;
    const outC = input[2] * (params.depthMultiplier as number);
    return k * k * outC + (params.useBias ? outC : 0);
  },
  flops(_inputs, params, output) {
    const k = params.kernelSize as number;
    const outElems = output[0] * output[1] * output[2];
    return 2 * outElems * k * k + activationFlops(params.activation as string, outElems);
  },
  describe: (p) => withActivation(`${describeWindow(p)}${(p.depthMultiplier as number) > 1 ? ` · ×${p.depthMultiplier}` : ''}`, p),
};
