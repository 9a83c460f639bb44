import { CLASSIFICATION_LOSSES, DEFAULT_LOSS, LOSSES, LOSS_NAMES, lossSpec } from '../losses';
import { formatShape } from './shapeMath';
import type { LayerSpec } from './types';
import { ShapeError } from './types';

export { CLASSIFICATION_LOSSES };

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
      default: DEFAULT_LOSS,
      options: LOSS_NAMES,
      optionLabels: Object.fromEntries(LOSS_NAMES.map((name) => [name, LOSSES[name].label])),
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
  describe: (p) => lossSpec(p.loss)?.short ?? String(p.loss),
};
