import { formatShape, sizeOf } from './shapeMath';
import { plural } from '../plural';
import { activationFlops, fusedActivationParam, initializerParam, l1Param, l2Param, useBiasParam } from './commonParams';
import type { LayerSpec } from './types';
import { ShapeError } from './types';

export const denseLayer: LayerSpec = {
  type: 'Dense',
  label: 'Dense',
  category: 'Core',
  doc: 'Fully connected layer: every output unit is a weighted sum of every input value plus a bias.',
  params: [
    { name: 'units', label: 'Units', kind: 'int', default: 128, min: 1, max: 65536, doc: 'Number of output units.' },
    fusedActivationParam,
    useBiasParam,
    initializerParam('glorotUniform'),
    l1Param,
    l2Param,
  ],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape([input], params) {
    if (input.length !== 1) {
      throw new ShapeError(`Dense needs a flat vector but got ${formatShape(input)}. Add a Flatten (or GlobalAvgPool2D) before it.`, [0]);
    }
    return [params.units as number];
  },
  paramCount([input], params) {
    const units = params.units as number;
    return sizeOf(input) * units + (params.useBias ? units : 0);
  },
  flops([input], params, output) {
    return 2 * sizeOf(input) * (params.units as number) + activationFlops(params.activation as string, sizeOf(output));
  },
  describe: (p) => (p.activation === 'none' ? plural(p.units as number, 'unit') : `${plural(p.units as number, 'unit')} · ${p.activation}`),
};
