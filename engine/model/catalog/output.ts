import { LOSS_NAMES } from '../program';
import { formatShape } from './shapeMath';
import type { LayerSpec } from './types';
import { ShapeError } from './types';

/** Losses that read the model's raw output as class logits. */
export const CLASSIFICATION_LOSSES: readonly string[] = ['sparseCategoricalCrossentropy', 'categoricalCrossentropy', 'klDivergence'];

export const outputLayer: LayerSpec = {
  type: 'Output',
  label: 'Output',
  category: 'Input & output',
  doc: 'Marks the prediction and the loss it is trained with. Cross-entropy and KL losses take raw logits (no softmax before it).',
  params: [
    {
      name: 'loss',
      label: 'Loss',
      kind: 'enum',
      default: 'sparseCategoricalCrossentropy',
      options: LOSS_NAMES,
      doc: 'Sparse CE: integer class labels; categorical CE / KL: probability targets; binary CE: 0/1 targets; MSE/MAE/Huber: regression.',
    },
    {
      name: 'huberDelta',
      label: 'Huber delta',
      kind: 'float',
      default: 1,
      min: 0,
      max: 1e6,
      minExclusive: true,
      doc: 'Huber: errors below delta are squared, above it linear.',
      visibleWhen: (p) => p.loss === 'huber',
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  hasOutput: false,
  inferShape([input], params) {
    if (CLASSIFICATION_LOSSES.includes(params.loss as string) && input.length !== 1) {
      throw new ShapeError(`${params.loss} needs one logit per class (a vector) but got ${formatShape(input)}. Add a Flatten and a Dense before Output.`, [0]);
    }
    return input;
  },
  paramCount: () => 0,
  flops: () => 0,
  describe: (p) => String(p.loss),
};
