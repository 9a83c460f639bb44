/**
 * An imported model made ready for the canvas: named after its file, checked against the document
 * schema, and given a built-in dataset it fits (so Evaluate has test data at once) when one exists.
 */
import { DATASETS } from '../../engine/data';
import type { ExportableModel } from '../../engine/interop';
import { analyzeGraph, parseDocument } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import type { WeightMap } from '../../engine/training/protocol';
import { datasetFit } from '../datasets/datasetFit';

/** The first built-in dataset the model takes without a warning (input size, task, class count), if any. */
export function fittingDataset(doc: ModelDocument): string | null {
  const analysis = analyzeGraph(doc);
  const fits = DATASETS.find((meta) => datasetFit(doc, analysis, meta).every((note) => note.severity !== 'warning'));
  return fits?.id ?? null;
}

/** A name from a file fit for the title bar: no control characters, of bounded length. */
// eslint-disable-next-line no-control-regex
const displayName = (name: string): string => name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 120) || 'Imported model';

/** The document to open and the weights to keep; throws when the importer's document does not validate. */
export function tidyImportedDocument(model: ExportableModel, name: string): { doc: ModelDocument; weights: WeightMap } {
  const parsed = parseDocument({ ...structuredClone(model.document), name: displayName(name) });
  if (!parsed.ok) throw new Error(`the model was read but is not a valid Netwright model: ${parsed.error}`);
  const doc = parsed.doc;
  const dataset = fittingDataset(doc);
  if (dataset && dataset !== doc.training.dataset.name) doc.training = { ...doc.training, dataset: { name: dataset, options: {} } };
  return { doc, weights: model.weights };
}
