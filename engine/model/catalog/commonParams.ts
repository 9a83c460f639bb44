import { ACTIVATIONS, FUSED_ACTIVATIONS, INITIALIZERS, PADDINGS } from '../layerTypes';
import type { ParamSpec, Params } from './types';

/** Activation applied inside Dense / Conv2D ("none" keeps the layer linear). */
export const fusedActivationParam: ParamSpec = {
  name: 'activation',
  label: 'Activation',
  kind: 'enum',
  default: 'none',
  options: FUSED_ACTIVATIONS,
  doc: 'Non-linearity applied to the output; "none" keeps the layer linear (use it before Output: losses take raw logits).',
};

export const activationParam: ParamSpec = {
  name: 'activation',
  label: 'Function',
  kind: 'enum',
  default: 'relu',
  options: ACTIVATIONS,
  doc: 'The element-wise function (softmax works row-wise over the last axis).',
};

/** Slope and alpha belong to LeakyReLU and ELU; shown only when those are chosen. */
export const negativeSlopeParam: ParamSpec = {
  name: 'negativeSlope',
  label: 'Negative slope',
  kind: 'float',
  default: 0.01,
  min: 0,
  max: 1,
  doc: 'LeakyReLU: output = slope × x for x < 0.',
  visibleWhen: (p: Params) => p.activation === 'leakyRelu',
};

export const eluAlphaParam: ParamSpec = {
  name: 'alpha',
  label: 'Alpha',
  kind: 'float',
  default: 1,
  min: 0,
  max: 10,
  doc: 'ELU: output = alpha × (exp(x) − 1) for x < 0.',
  visibleWhen: (p: Params) => p.activation === 'elu',
};

export const useBiasParam: ParamSpec = {
  name: 'useBias',
  label: 'Use bias',
  kind: 'bool',
  default: true,
  doc: 'Adds a learned offset to each output unit.',
};

export function initializerParam(defaultName: (typeof INITIALIZERS)[number]): ParamSpec {
  return {
    name: 'kernelInitializer',
    label: 'Initialiser',
    kind: 'enum',
    default: defaultName,
    options: INITIALIZERS,
    doc: 'How weights start: Glorot suits tanh/sigmoid, He suits ReLU-like activations.',
  };
}

export const l1Param: ParamSpec = {
  name: 'l1',
  label: 'L1 penalty',
  kind: 'float',
  default: 0,
  min: 0,
  max: 1,
  doc: 'Adds l1 × Σ|w| over the weights to the loss; pushes weights to exactly zero.',
};

export const l2Param: ParamSpec = {
  name: 'l2',
  label: 'L2 penalty',
  kind: 'float',
  default: 0,
  min: 0,
  max: 1,
  doc: 'Adds l2 × Σw² over the weights to the loss; keeps weights small.',
};

export const paddingParam: ParamSpec = {
  name: 'padding',
  label: 'Padding',
  kind: 'enum',
  default: 'valid',
  options: PADDINGS,
  optionLabels: { explicit: 'explicit (per side)' },
  doc: '"valid": no padding, the output shrinks; "same": zero-pad so output size = ceil(input / stride); "explicit": the rows and columns given for each side, as PyTorch\'s padding=…',
};

const explicitPadding = (p: Params): boolean => p.padding === 'explicit';

function sidePadParam(name: string, label: string, side: string): ParamSpec {
  return { name, label, kind: 'int', default: 0, min: 0, max: 64, doc: `Rows or columns of padding added ${side}.`, visibleWhen: explicitPadding };
}

/** The four sides of explicit padding; shown only when padding is "explicit". */
export const explicitPaddingParams: ParamSpec[] = [
  sidePadParam('padTop', 'Pad top', 'above the image'),
  sidePadParam('padBottom', 'Pad bottom', 'below the image'),
  sidePadParam('padLeft', 'Pad left', 'left of the image'),
  sidePadParam('padRight', 'Pad right', 'right of the image'),
];

/** PyTorch's ceil_mode: the last, partial window still makes an output. Not used with "same". */
export const ceilModeParam: ParamSpec = {
  name: 'ceilMode',
  label: 'Ceil mode',
  kind: 'bool',
  default: false,
  doc: 'Rounds the output size up, so a partial window at the end still makes an output (PyTorch\'s ceil_mode).',
  visibleWhen: (p: Params) => p.padding !== 'same',
};

/** AvgPool2D only: whether padded zeros count in the average (PyTorch's count_include_pad). */
export const countIncludePadParam: ParamSpec = {
  name: 'countIncludePad',
  label: 'Count padding',
  kind: 'bool',
  default: false,
  doc: 'Divides by the whole window, padding included, instead of by the values inside the image (PyTorch\'s count_include_pad).',
  visibleWhen: explicitPadding,
};

export function windowParams(sizeName: string, sizeLabel: string, sizeDefault: number, strideDefault: number): ParamSpec[] {
  return [
    { name: sizeName, label: sizeLabel, kind: 'int', default: sizeDefault, min: 1, max: 64, doc: 'Height and width of the square window.' },
    { name: 'strides', label: 'Stride', kind: 'int', default: strideDefault, min: 1, max: 64, doc: 'Step between window positions.' },
    paddingParam,
    ...explicitPaddingParams,
    ceilModeParam,
  ];
}

/** FLOPs of an activation, counted as one operation per element (softmax: ~3). */
export function activationFlops(activation: string, elements: number): number {
  if (activation === 'none') return 0;
  if (activation === 'softmax') return 3 * elements;
  return elements;
}
