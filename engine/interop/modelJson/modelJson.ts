/** Writing and reading the Netwright model JSON, i.e. the trained-model file (see docs/model-format.md). */
import { parseTrainedModel, serializeTrainedModel } from '../../training/trainedFile';
import { prepareModel, weightShapes } from '../graph';
import type { ExportableModel } from '../types';
import { InteropError } from '../types';

/** The model as model-JSON text (weights checked against the document first). */
export function serializeModelJson(model: ExportableModel): string {
  const { program } = prepareModel(model);
  const shapes: Record<string, number[]> = {};
  for (const node of program.nodes) for (const [key, shape] of Object.entries(weightShapes(node))) shapes[`${node.id}/${key}`] = shape;
  const normalisation = model.normalisation ?? { kind: 'none' as const, offset: [0], scale: [1] };
  return serializeTrainedModel({ document: model.document, weights: model.weights, normalisation }, shapes);
}

/** Reads model-JSON text: migrates and validates the document, decodes and checks every weight. */
export function parseModelJson(text: string): ExportableModel {
  let model: ExportableModel;
  try {
    const file = parseTrainedModel(text);
    model = { document: file.document, weights: file.weights, normalisation: file.normalisation };
  } catch (err) {
    throw new InteropError((err as Error).message);
  }
  prepareModel(model);
  return model;
}
