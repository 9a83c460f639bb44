import { formatShape, sizeOf } from './shapeMath';
import type { LayerSpec } from './types';
import { ShapeError } from './types';
import { plural } from '../plural';

export const flattenLayer: LayerSpec = {
  type: 'Flatten',
  label: 'Flatten',
  category: 'Reshape',
  doc: 'Turns any tensor into a vector (row-major: height, then width, then channels).',
  params: [],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape: ([input]) => [sizeOf(input)],
  paramCount: () => 0,
  flops: () => 0,
  describe: () => '',
};

export const reshapeLayer: LayerSpec = {
  type: 'Reshape',
  label: 'Reshape',
  category: 'Reshape',
  doc: 'Gives the same values a new shape with the same number of elements; one dimension may be -1 (inferred).',
  params: [
    {
      name: 'targetShape',
      label: 'Target shape',
      kind: 'shape',
      default: [28, 28, 1],
      min: -1,
      max: 1_000_000,
      doc: 'The new shape without the batch dimension, e.g. 28, 28, 1; at most one -1.',
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: true,
  inferShape([input], params) {
    const target = params.targetShape as number[];
    const inferred = target.filter((d) => d === -1).length;
    if (inferred > 1) throw new ShapeError('Reshape allows at most one -1 in its target shape.');
    if (target.some((d) => d === 0 || d < -1)) throw new ShapeError('Reshape dimensions must be positive (or a single -1).');
    const total = sizeOf(input);
    const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (inferred === 1) {
      if (total % known !== 0) {
        throw new ShapeError(`Reshape cannot fit ${formatShape(input)} (${plural(total, 'value')}) into ${target.join(', ')}: ${total} is not a multiple of ${known}.`, [0]);
      }
      return target.map((d) => (d === -1 ? total / known : d));
    }
    if (known !== total) {
      throw new ShapeError(
        `Reshape target ${formatShape(target)} holds ${plural(known, 'value')} but the input ${formatShape(input)} has ${total}. Make the products equal.`,
        [0],
      );
    }
    return target;
  },
  paramCount: () => 0,
  flops: () => 0,
  describe: (p) => `→ ${(p.targetShape as number[]).join('×')}`,
};
