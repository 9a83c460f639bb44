import { sizeOf } from './shapeMath';
import type { LayerSpec } from './types';

const epsilonParam = {
  name: 'epsilon',
  label: 'Epsilon',
  kind: 'float' as const,
  default: 1e-5,
  min: 0,
  max: 1,
  minExclusive: true,
  doc: 'Added to the variance before the square root, for numerical stability.',
};

export const batchNormLayer: LayerSpec = {
  type: 'BatchNorm',
  label: 'BatchNorm',
  category: 'Normalisation',
  doc: 'Normalises each channel over the batch, then scales and shifts it; keeps running statistics for inference.',
  params: [
    {
      name: 'momentum',
      label: 'Momentum',
      kind: 'float',
      default: 0.1,
      min: 0,
      max: 1,
      doc: 'Weight of the current batch in the running statistics (0.1 as in PyTorch).',
    },
    epsilonParam,
  ],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape: ([input]) => input,
  // gamma, beta (trainable) + running mean and variance (not trainable) per channel
  paramCount: ([input]) => 4 * input[input.length - 1],
  flops: ([input]) => 4 * sizeOf(input),
  describe: () => '',
};

export const layerNormLayer: LayerSpec = {
  type: 'LayerNorm',
  label: 'LayerNorm',
  category: 'Normalisation',
  doc: 'Normalises each sample over its last axis, then scales and shifts it; the same in training and inference.',
  params: [epsilonParam],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape: ([input]) => input,
  paramCount: ([input]) => 2 * input[input.length - 1],
  flops: ([input]) => 5 * sizeOf(input),
  describe: () => '',
};
