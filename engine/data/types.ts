/** The shapes every dataset takes, whatever its source: built-in files, code, or a person's own files. */

/** What a dataset's targets are: class ids, two classes (0/1), or real values. */
export type DatasetTask = 'classification' | 'regression' | 'binary';

/** How a dataset's inputs look, which decides how they are normalised (images: one global statistic). */
export type DatasetKind = 'image' | 'tabular' | 'synthetic';

/**
 * Samples stored row-major: `x` holds `count` samples of `sampleShape` each; `y` holds one class id per
 * sample (Int32Array, classification and binary) or one value per sample (Float32Array, regression).
 */
export interface Split {
  x: Float32Array;
  y: Int32Array | Float32Array;
  count: number;
  sampleShape: number[];
}

/** One setting of a dataset (e.g. a synthetic set's sample count), with its default and allowed range. */
export interface DatasetOptionSpec {
  key: string;
  label: string;
  description: string;
  /** 'integer' values must be whole numbers. */
  type: 'integer' | 'number';
  default: number;
  min: number;
  max: number;
}

/** Resolved option values, every option of the dataset present. */
export type DatasetOptionValues = Record<string, number>;

/** What the app shows about a dataset before loading it. */
export interface DatasetMeta {
  id: string;
  name: string;
  description: string;
  task: DatasetTask;
  kind: DatasetKind;
  /** Shape of one sample, without the batch dimension (MNIST: [28, 28, 1]). */
  inputShape: number[];
  /** Class names, index = class id; empty for regression. */
  classes: string[];
  /** Sample counts with the default options. */
  trainCount: number;
  testCount: number;
  options: DatasetOptionSpec[];
  /** Where the data comes from and under which licence, for the about box and exports. */
  source: string;
  /** For a table: the name of each input value (one-hot columns as "column=value") and of the target column. */
  featureNames?: string[];
  targetName?: string;
}

/** A loaded dataset: its description and its own train and test splits (not yet normalised). */
export interface Dataset {
  meta: DatasetMeta;
  train: Split;
  test: Split;
}

/** The data files the built-in datasets read; a host maps each to a path or URL. */
export type DataFileKey =
  | 'mnist/train-images-idx3-ubyte'
  | 'mnist/train-labels-idx1-ubyte'
  | 'mnist/t10k-images-idx3-ubyte'
  | 'mnist/t10k-labels-idx1-ubyte'
  | 'fashion-mnist/train-images-idx3-ubyte.gz'
  | 'fashion-mnist/train-labels-idx1-ubyte.gz'
  | 'fashion-mnist/t10k-images-idx3-ubyte.gz'
  | 'fashion-mnist/t10k-labels-idx1-ubyte.gz'
  | 'sklearn/iris.csv'
  | 'sklearn/wine_data.csv'
  | 'sklearn/breast_cancer.csv'
  | 'sklearn/digits.csv.gz';

/**
 * File access, injected so the same loaders run in Node (fs) and in a browser worker (fetch).
 * `locate` says where a file is, or null when this machine does not have it (the dataset is then unavailable).
 */
export interface DataIo {
  locate(file: DataFileKey): string | null;
  readFile(path: string): Promise<Uint8Array>;
}

/** Number of values in one sample of the given shape. */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Values per sample in `y` (1 for class ids and scalar regression targets). */
export function targetWidth(split: Split): number {
  return split.count === 0 ? 1 : split.y.length / split.count;
}
