/**
 * PyTorch export: model.py (the module and a weight loader), train.py (the training settings),
 * weights.npz (Netwright names and layouts; `python model.py` turns it into weights.pt), and, when a
 * dataset is given, data.npz for train.py.
 */
import { prepareModel, weightShapes } from '../graph';
import { npzKey, writeNpz } from '../npy';
import type { NpyArray } from '../npy';
import type { ExportableModel, ExportFile } from '../types';
import { generateModelPy } from './modelPy';
import { generateTrainPy } from './trainPy';
import { pythonNames } from './pythonNames';

/** Samples to write as data.npz: one array per model input (channels-last, flat) and the targets. */
export interface ExportDataset {
  inputs: Float32Array[];
  /** Int32 class ids for sparse cross-entropy, otherwise values shaped like the output. */
  targets: Float32Array | Int32Array;
  count: number;
}

/** The Netwright weights as an .npz keyed by engine name, in Netwright layouts. */
export function weightsNpz(model: ExportableModel): Uint8Array {
  const { program } = prepareModel(model);
  const arrays: Record<string, NpyArray> = {};
  for (const node of program.nodes) {
    for (const [key, shape] of Object.entries(weightShapes(node))) arrays[npzKey(`${node.id}/${key}`)] = { data: model.weights[`${node.id}/${key}`], shape };
  }
  return writeNpz(arrays);
}

/** model.py, train.py, weights.npz (+ data.npz). */
export function exportPytorch(model: ExportableModel, dataset?: ExportDataset): ExportFile[] {
  const prepared = prepareModel(model);
  const module = generateModelPy(prepared, model.document.name || 'Netwright model');
  const files: ExportFile[] = [
    { path: 'model.py', data: module.source },
    { path: 'train.py', data: generateTrainPy(model.document.training, module, model.normalisation) },
    { path: 'weights.npz', data: weightsNpz(model) },
  ];
  if (dataset) {
    const { program } = prepared;
    const arrays: Record<string, NpyArray> = {};
    const names = pythonNames(program.nodes.map((n) => n.id));
    program.inputs.forEach((id, i) => {
      const shape = prepared.byId.get(id)!.outputShape;
      arrays[program.inputs.length === 1 ? 'x' : `x_${names.get(id)!}`] = { data: dataset.inputs[i], shape: [dataset.count, ...shape] };
    });
    const width = dataset.targets.length / dataset.count;
    arrays.y = { data: dataset.targets, shape: width === 1 && dataset.targets instanceof Int32Array ? [dataset.count] : [dataset.count, width] };
    files.push({ path: 'data.npz', data: writeNpz(arrays) });
  }
  return files;
}
