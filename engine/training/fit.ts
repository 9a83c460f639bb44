/**
 * Whether a dataset can train a model: the same check the designer shows in Problems (engine/model's
 * dataFit), so a run refused here was already marked there. Refusals are model errors, not dataset
 * loading errors: the data is fine, the model does not match it.
 */
import type { DatasetMeta, Split } from '../data';
import { checkDataFit, programEnds } from '../model/dataFit';
import { LOSSES } from '../model/losses';
import type { LossName, Program } from '../model/program';
import { SessionFailure } from './failures';

/** The Input node's shape and the Output node's values per sample and loss (single input, single output). */
export function modelEnds(program: Program): { inputShape: number[]; outputWidth: number; loss: LossName; outputId: string } {
  const input = program.nodes.find((n) => n.id === program.inputs[0])!;
  const output = program.outputs[0];
  const outputNode = program.nodes.find((n) => n.id === output.nodeId)!;
  const outputWidth = outputNode.inputShapes[0].reduce((a, b) => a * b, 1);
  return { inputShape: [...input.outputShape], outputWidth, loss: output.loss, outputId: output.nodeId };
}

/** Throws an invalidModel SessionFailure, naming the layers and the dataset, when the dataset does not fit the model. */
export function checkModelFitsData(program: Program, meta: DatasetMeta): void {
  const problems = checkDataFit(programEnds(program), meta).filter((p) => p.severity === 'error');
  if (problems.length === 0) return;
  const fixes = problems.map((p) => p.fix?.label).filter((label): label is string => !!label);
  throw new SessionFailure(
    'invalidModel',
    `The model does not fit ${meta.name}: ${problems.map((p) => p.message).join(' ')}`,
    `${fixes.length > 0 ? `${fixes.join('; ')}, or choose` : 'Change the model, or choose'} a dataset that matches it.`,
  );
}

/** Class ids as one-hot rows when the loss wants probability rows (categorical cross-entropy, KL). */
export function targetsForLoss(split: Split, loss: LossName, classes: number): Split {
  if (LOSSES[loss].targets !== 'probabilities' || !(split.y instanceof Int32Array)) return split;
  const y = new Float32Array(split.count * classes);
  for (let i = 0; i < split.count; i++) y[i * classes + split.y[i]] = 1;
  return { ...split, y };
}
