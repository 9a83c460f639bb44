/** How imported datasets are named in documents, and what the picker says when one is not loaded. */
import { findDataset } from '../../engine/data';
import type { DatasetMeta } from '../../engine/data';
import { USER_DATASET_PREFIX, isUserDatasetName } from '../../engine/training/protocol';

/**
 * The dataset name for a file or folder: 'user:' and a slug of its base name. The same file always
 * gets the same name, so importing it again satisfies a document (a reopened project) that names it.
 */
export function userDatasetId(fileName: string): string {
  const base = fileName.replace(/\.[^./]*$/, '');
  const slug =
    base
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 80) || 'data';
  return `${USER_DATASET_PREFIX}${slug}`;
}

/** A dataset reference as a document holds it. */
interface DatasetRef {
  name: string;
  options: Record<string, number | string | boolean>;
}

/** The file an imported dataset came from, as the document records it (options.file), else its slug. */
export function importedFileName(dataset: DatasetRef): string {
  const file = dataset.options.file;
  return typeof file === 'string' && file ? file : dataset.name.slice(USER_DATASET_PREFIX.length);
}

/** The message shown when a document names an imported dataset this window does not hold. */
export function missingImportMessage(dataset: DatasetRef): string {
  return `This model was trained on your file “${importedFileName(dataset)}”; import it again to train.`;
}

/** A dataset's description by the name a document uses: an imported one from `imported`, else a built-in one. */
export function datasetMetaByName(name: string, imported: Readonly<Record<string, { dataset: { meta: DatasetMeta } }>>): DatasetMeta | null {
  if (isUserDatasetName(name)) return imported[name]?.dataset.meta ?? null;
  return findDataset(name);
}
