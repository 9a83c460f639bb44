/**
 * Turns a loaded dataset into what training needs: a seeded train/validation split (stratified for
 * classes), normalisation fitted on the training part only, and a check that the samples fit the model.
 */
import type { Dataset, DatasetMeta, Split } from './types';
import { shapeSize } from './types';
import { DatasetError } from './errors';
import { deriveDataSeed } from './random';
import { gatherSplit, splitIndices } from './split';
import type { Normalisation, NormalisationStats } from './normalise';
import { DEFAULT_NORMALISATION, applyNormalisation, fitNormalisation } from './normalise';

/** How to prepare a dataset for one training run. */
export interface PrepareOptions {
  /** Fraction of the training split kept aside for validation (0: none). */
  validationSplit: number;
  seed: number;
  normalisation?: Normalisation;
  /** The model's input shape without the batch dimension; when given, the data must fit it. */
  modelInputShape?: readonly number[];
}

/** A dataset ready for training: normalised splits shaped like the model's input. */
export interface PreparedDataset {
  meta: DatasetMeta;
  train: Split;
  /** null when validationSplit is 0. */
  validation: Split | null;
  test: Split;
  /** The fitted transform, to apply to anything the trained model predicts on. */
  normalisation: NormalisationStats;
  /** True when the samples were reinterpreted in the model's shape (same number of values). */
  reshaped: boolean;
}

const formatShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Checks that samples of `dataShape` can feed a model input of `modelShape`. Equal shapes pass; shapes
 * with the same number of values pass as a reshape (row-major order is kept, e.g. [28, 28, 1] into [784]).
 */
export function checkInputShape(dataShape: readonly number[], modelShape: readonly number[], datasetName = 'The dataset'): { reshape: boolean } {
  const same = dataShape.length === modelShape.length && dataShape.every((d, i) => d === modelShape[i]);
  if (same) return { reshape: false };
  if (shapeSize(dataShape) === shapeSize(modelShape)) return { reshape: true };
  const flat = shapeSize(dataShape);
  throw new DatasetError(
    'shapeMismatch',
    `${datasetName} has samples of shape ${formatShape(dataShape)} (${flat} values) but the model's Input expects ${formatShape(modelShape)} (${shapeSize(modelShape)} values).`,
    `Set the Input node's shape to ${formatShape(dataShape)}${dataShape.length > 1 ? ` (or [${flat}] with a flat first layer)` : ''}, or choose a dataset that matches the model.`,
  );
}

/** Copies a split so that normalising it never touches the loaded dataset. */
function copySplit(split: Split): Split {
  return { x: split.x.slice(), y: split.y.slice(), count: split.count, sampleShape: [...split.sampleShape] };
}

/** Prepares a dataset for training (see PreparedDataset); the dataset itself is left unchanged. */
export function prepare(dataset: Dataset, options: PrepareOptions): PreparedDataset {
  const { meta } = dataset;
  const { validationSplit, seed } = options;
  if (!(validationSplit >= 0 && validationSplit < 1)) {
    throw new DatasetError('invalidOption', `The validation split is ${validationSplit}; it must be at least 0 and below 1.`, 'Use a fraction such as 0.1.');
  }
  const reshape = options.modelInputShape ? checkInputShape(meta.inputShape, options.modelInputShape, meta.name).reshape : false;

  const labels = dataset.train.y instanceof Int32Array ? dataset.train.y : undefined;
  const { kept, held } = splitIndices(dataset.train.count, validationSplit, deriveDataSeed(seed, 'validation'), labels);
  if (kept.length === 0) {
    throw new DatasetError('invalidData', `${meta.name} has ${dataset.train.count} training samples: none would be left for training.`, 'Lower the validation split or use more samples.');
  }
  const train = gatherSplit(dataset.train, kept);
  const validation = held.length > 0 ? gatherSplit(dataset.train, held) : null;
  const test = copySplit(dataset.test);

  const stats = fitNormalisation(train, options.normalisation ?? DEFAULT_NORMALISATION, meta.kind !== 'image');
  for (const split of [train, validation, test]) {
    if (!split) continue;
    applyNormalisation(stats, split.x);
    if (reshape && options.modelInputShape) split.sampleShape = [...options.modelInputShape];
  }
  return { meta, train, validation, test, normalisation: stats, reshaped: reshape };
}
