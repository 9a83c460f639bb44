/**
 * Whether a dataset can train a model: the samples must fit the Input and the targets the Output's
 * loss. Problems are DatasetErrors naming both sides, so the person sees what to change.
 */
import type { DatasetMeta, Split } from '../data';
import { DatasetError, checkInputShape } from '../data';
import type { LossName, Program } from '../model/program';

const CLASS_LOSSES: readonly LossName[] = ['sparseCategoricalCrossentropy', 'categoricalCrossentropy', 'klDivergence'];

/** The Input node's shape and the Output node's values per sample and loss (single input, single output). */
export function modelEnds(program: Program): { inputShape: number[]; outputWidth: number; loss: LossName; outputId: string } {
  const input = program.nodes.find((n) => n.id === program.inputs[0])!;
  const output = program.outputs[0];
  const outputNode = program.nodes.find((n) => n.id === output.nodeId)!;
  const outputWidth = outputNode.inputShapes[0].reduce((a, b) => a * b, 1);
  return { inputShape: [...input.outputShape], outputWidth, loss: output.loss, outputId: output.nodeId };
}

/** Throws a DatasetError when the dataset's samples or targets do not fit the model. */
export function checkModelFitsData(program: Program, meta: DatasetMeta): void {
  const { inputShape, outputWidth, loss, outputId } = modelEnds(program);
  checkInputShape(meta.inputShape, inputShape, meta.name);
  const classes = meta.classes.length;
  const mismatch = (what: string, hint: string): never => {
    throw new DatasetError('shapeMismatch', `${meta.name} ${what}, but the model's output '${outputId}' (${loss}) gives ${outputWidth} value${outputWidth === 1 ? '' : 's'} per sample.`, hint);
  };
  if (meta.task === 'regression') {
    if (CLASS_LOSSES.includes(loss) || loss === 'binaryCrossentropy') {
      throw new DatasetError('shapeMismatch', `${meta.name} has real-valued targets, but the model's output '${outputId}' uses ${loss}, a classification loss.`, 'Use mean squared error, mean absolute error or Huber on the Output node.');
    }
    if (outputWidth !== 1) mismatch('has one target value per sample', 'Give the last layer 1 unit.');
    return;
  }
  if (CLASS_LOSSES.includes(loss)) {
    if (outputWidth !== classes) mismatch(`has ${classes} classes`, `Give the last layer ${classes} units.`);
    return;
  }
  if (loss === 'binaryCrossentropy') {
    if (meta.task !== 'binary') mismatch(`has ${classes} classes (binary cross-entropy needs 2)`, `Use sparse categorical cross-entropy with ${classes} output units.`);
    if (outputWidth !== 1) mismatch('has two classes (one probability per sample)', 'Give the last layer 1 unit.');
    return;
  }
  // Regression losses on class ids: allowed (the id is the target value), one value per sample.
  if (outputWidth !== 1) mismatch('has one class id per sample', `For classes, use sparse categorical cross-entropy with ${classes} output units.`);
}

/** Class ids as one-hot rows when the loss wants probability rows (categorical cross-entropy, KL). */
export function targetsForLoss(split: Split, loss: LossName, classes: number): Split {
  if (!(loss === 'categoricalCrossentropy' || loss === 'klDivergence') || !(split.y instanceof Int32Array)) return split;
  const y = new Float32Array(split.count * classes);
  for (let i = 0; i < split.count; i++) y[i * classes + split.y[i]] = 1;
  return { ...split, y };
}
