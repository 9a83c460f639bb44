/**
 * Names the app gives a model: after the file it was opened from when the document has none, and after
 * its dataset ("iris classifier") while the person has not named it themselves.
 */
import { findDataset } from '../../engine/data';
import { CLASSIFICATION_LOSSES } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import { isUserDatasetName, USER_DATASET_PREFIX } from '../../engine/training/protocol';

/** The name a new document has before anyone names it (see createEmptyDocument). */
export const UNNAMED = 'Untitled';

/** True for a document nobody has named. */
export function isUnnamed(name: string): boolean {
  return name.trim() === '' || name.trim() === UNNAMED;
}

/** "models/Iris net.netwright.json" -> "Iris net": the base name without the project or data extensions. */
export function nameFromFile(pathOrName: string): string {
  const base = pathOrName.split(/[\\/]/).pop() ?? pathOrName;
  const stem = base.replace(/(\.netwright)?\.json$/i, '').replace(/\.(netwright|csv|tsv|txt|onnx)$/i, '');
  return stem.trim() || UNNAMED;
}

/** A title as a word inside a name: "Iris" -> "iris", "Two moons" -> "two moons", but "MNIST" stays. */
function asWords(title: string): string {
  const spaced = title.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return /^[A-Z][a-z]/.test(spaced) ? spaced[0].toLowerCase() + spaced.slice(1) : spaced;
}

/** What the model does, by the dataset's task when it is a built-in one, else by its Output's loss. */
function roleOf(doc: ModelDocument, task: string | null): string {
  if (task === 'regression') return 'regressor';
  if (task) return 'classifier';
  const output = doc.nodes.find((n) => n.type === 'Output');
  const loss = typeof output?.params.loss === 'string' ? output.params.loss : null;
  if (loss === null) return 'model';
  return CLASSIFICATION_LOSSES.includes(loss) || loss === 'binaryCrossentropy' ? 'classifier' : 'regressor';
}

/** The name a model takes from the dataset its training section names: "iris classifier", "heart disease classifier". */
export function nameForDataset(doc: ModelDocument): string {
  const { dataset } = doc.training;
  if (isUserDatasetName(dataset.name)) {
    const file = typeof dataset.options.file === 'string' && dataset.options.file ? dataset.options.file : dataset.name.slice(USER_DATASET_PREFIX.length);
    return `${asWords(nameFromFile(file))} ${roleOf(doc, null)}`;
  }
  const meta = findDataset(dataset.name);
  return `${asWords(meta?.name ?? dataset.name)} ${roleOf(doc, meta?.task ?? null)}`;
}

/** True when the edit changed which dataset (or which imported file) the model trains on. */
export function datasetChanged(before: ModelDocument, after: ModelDocument): boolean {
  const a = before.training.dataset;
  const b = after.training.dataset;
  return a.name !== b.name || a.options.file !== b.options.file;
}
