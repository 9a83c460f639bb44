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
  doc: '"valid": no padding, the output shrinks; "same": zero-pad so output size = ceil(input / stride).',
};

export function windowParams(sizeName: string, sizeLabel: string, sizeDefault: number, strideDefault: number): ParamSpec[] {
  return [
    { name: sizeName, label: sizeLabel, kind: 'int', default: sizeDefault, min: 1, max: 64, doc: 'Height and width of the square window.' },
    { name: 'strides', label: 'Stride', kind: 'int', default: strideDefault, min: 1, max: 64, doc: 'Step between window positions.' },
    paddingParam,
  ];
}

/** FLOPs of an activation, counted as one operation per element (softmax: ~3). */
export function activationFlops(activation: string, elements: number): number {
  if (activation === 'none') return 0;
  if (activation === 'softmax') return 3 * elements;
  return elements;
}
