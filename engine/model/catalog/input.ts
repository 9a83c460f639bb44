import type { LayerSpec } from './types';
import { ShapeError } from './types';

export const inputLayer: LayerSpec = {
  type: 'Input',
  label: 'Input',
  category: 'Input & output',
  doc: 'Where samples enter the network. Its shape excludes the batch dimension: 784 for a flat MNIST image, 28, 28, 1 for an image.',
  params: [
    {
      name: 'shape',
      label: 'Shape',
      kind: 'shape',
      default: [784],
      min: 1,
      max: 1_000_000,
      doc: 'The shape of one sample, without the batch dimension; images are height, width, channels.',
    },
  ],
  minInputs: 0,
  maxInputs: 0,
  hasOutput: true,
  inferShape(_inputs, params) {
    const shape = params.shape as number[];
    if (!Array.isArray(shape) || shape.length === 0) throw new ShapeError('Input needs a shape with at least one dimension.');
    return shape;
  },
  paramCount: () => 0,
  flops: () => 0,
  describe: (p) => (p.shape as number[]).join('×'),
};
