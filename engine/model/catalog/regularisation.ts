import type { LayerSpec } from './types';

export const dropoutLayer: LayerSpec = {
  type: 'Dropout',
  label: 'Dropout',
  category: 'Regularisation',
  doc: 'While training, zeroes each value with probability rate and scales the rest by 1/(1−rate); does nothing at inference.',
  params: [{ name: 'rate', label: 'Rate', kind: 'float', default: 0.5, min: 0, max: 0.99, doc: 'Fraction of values dropped while training.' }],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape: ([input]) => input,
  paramCount: () => 0,
  flops: () => 0,
  describe: (p) => `rate ${p.rate}`,
};
