import { formatShape, sameShape, sizeOf } from './shapeMath';
import type { LayerSpec } from './types';
import { ShapeError } from './types';

export const addLayer: LayerSpec = {
  type: 'Add',
  label: 'Add',
  category: 'Merge',
  doc: 'Adds its inputs element by element (all must have the same shape): the join of a residual skip connection.',
  params: [],
  minInputs: 2,
  maxInputs: Number.POSITIVE_INFINITY,
  hasOutput: true,
  inferShape(inputs) {
    const first = inputs[0];
    for (let i = 1; i < inputs.length; i++) {
      if (!sameShape(first, inputs[i])) {
        throw new ShapeError(`Add needs inputs of the same shape but got ${formatShape(first)} and ${formatShape(inputs[i])}.`, [0, i]);
      }
    }
    return first;
  },
  paramCount: () => 0,
  flops: (inputs, _p, output) => (inputs.length - 1) * sizeOf(output),
  describe: () => '',
};

export const concatenateLayer: LayerSpec = {
  type: 'Concatenate',
  label: 'Concatenate',
  category: 'Merge',
  doc: 'Joins its inputs along the last axis (channels or features); all other dimensions must match.',
  params: [],
  minInputs: 2,
  maxInputs: Number.POSITIVE_INFINITY,
  hasOutput: true,
  inferShape(inputs) {
    const first = inputs[0];
    let last = first[first.length - 1];
    for (let i = 1; i < inputs.length; i++) {
      const other = inputs[i];
      const leadingMatch = other.length === first.length && other.slice(0, -1).every((d, j) => d === first[j]);
      if (!leadingMatch) {
        throw new ShapeError(
          `Concatenate joins along the last axis, so all other dimensions must match, but got ${formatShape(first)} and ${formatShape(other)}.`,
          [0, i],
        );
      }
      last += other[other.length - 1];
    }
    return [...first.slice(0, -1), last];
  },
  paramCount: () => 0,
  flops: () => 0,
  describe: () => '',
};
