/**
 * Whether a dataset fits the model: its sample size against the Input layer, its task against the
 * Output's loss, its class count against the output width. Same element count is fine (the worker
 * reshapes), so only real mismatches are reported.
 */
import { CLASSIFICATION_LOSSES } from '../../engine/model';
import type { GraphAnalysis, ModelDocument } from '../../engine/model';
import type { DatasetMeta } from '../../engine/data';

export interface FitNote {
  severity: 'warning' | 'info';
  message: string;
}

const REGRESSION_LOSSES = ['meanSquaredError', 'meanAbsoluteError', 'huber'];
const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const shapeText = (shape: readonly number[]): string => shape.join('×');

/** The loss on the model's Output layer, or null when there is none. */
export function outputLoss(doc: ModelDocument): string | null {
  const output = doc.nodes.find((n) => n.type === 'Output');
  return output ? String(output.params.loss ?? 'sparseCategoricalCrossentropy') : null;
}

/** Notes about how `meta` fits the model; empty when it fits. */
export function datasetFit(doc: ModelDocument, analysis: GraphAnalysis, meta: Pick<DatasetMeta, 'name' | 'inputShape' | 'task' | 'classes'>): FitNote[] {
  const notes: FitNote[] = [];
  const inputs = doc.nodes.filter((n) => n.type === 'Input');
  const want = product(meta.inputShape);
  for (const input of inputs) {
    const shape = Array.isArray(input.params.shape) ? (input.params.shape as number[]) : [];
    const have = product(shape);
    if (have !== want) {
      notes.push({
        severity: 'warning',
        message: `${meta.name} samples are ${shapeText(meta.inputShape)} (${want} values) but the Input “${input.name ?? input.id}” takes ${shapeText(shape)} (${have} values). Set the Input shape to ${meta.inputShape.join(', ')}.`,
      });
    } else if (shapeText(shape) !== shapeText(meta.inputShape)) {
      notes.push({ severity: 'info', message: `Samples (${shapeText(meta.inputShape)}) are reshaped to the Input's ${shapeText(shape)}.` });
    }
  }
  const output = doc.nodes.find((n) => n.type === 'Output');
  if (!output) return notes;
  const loss = outputLoss(doc) ?? '';
  if (meta.task === 'regression' && !REGRESSION_LOSSES.includes(loss)) {
    notes.push({ severity: 'warning', message: `${meta.name} is a regression set (real-valued targets) but the Output trains with ${loss}. Choose MSE, MAE or Huber.` });
  } else if (meta.task !== 'regression' && REGRESSION_LOSSES.includes(loss)) {
    notes.push({ severity: 'warning', message: `${meta.name} has class labels but the Output trains with ${loss}, a regression loss. Choose a cross-entropy loss.` });
  }
  const width = analysis.nodes[output.id]?.outputShape;
  const classes = meta.classes.length;
  if (width && width.length === 1 && meta.task !== 'regression') {
    const units = width[0];
    if (loss === 'binaryCrossentropy' && units !== 1) {
      notes.push({ severity: 'warning', message: `Binary cross-entropy needs 1 output unit, but the model has ${units}.` });
    } else if (CLASSIFICATION_LOSSES.includes(loss) && units !== classes) {
      notes.push({ severity: 'warning', message: `${meta.name} has ${classes} classes but the model outputs ${units} values. Give the last Dense layer ${classes} units.` });
    }
  }
  return notes;
}
