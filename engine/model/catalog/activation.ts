import { sizeOf } from './shapeMath';
import { activationFlops, activationParam, eluAlphaParam, negativeSlopeParam } from './commonParams';
import type { LayerSpec } from './types';

export const activationLayer: LayerSpec = {
  type: 'Activation',
  label: 'Activation',
  category: 'Activation',
  doc: 'Applies a non-linearity element by element: ReLU, Sigmoid, Tanh, LeakyReLU, ELU, Softmax, GELU, SiLU, ReLU6 (min(max(x, 0), 6)), HardSigmoid (ReLU6(x + 3) / 6) or HardSwish (x · HardSigmoid(x)).',
  params: [activationParam, negativeSlopeParam, eluAlphaParam],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape: ([input]) => input,
  paramCount: () => 0,
  flops: ([input], params) => activationFlops(params.activation as string, sizeOf(input)),
  describe: (p) => String(p.activation),
};
