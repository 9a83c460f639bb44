/**
 * Where a session's datasets come from: datasets the host registered (a person's own files, named
 * 'user:<slug>') first, then the built-in registry, with the last built-in one kept loaded.
 */
import type { DataIo, Dataset, Split } from '../data';
import { DatasetError, loadDataset, shapeSize } from '../data';
import { isUserDatasetName } from './protocol';
import { plural } from '../model/plural';

/** A dataset as a model document names it. */
export interface DatasetSpec {
  name: string;
  options: Record<string, number | string | boolean>;
}

/** Loads the dataset a spec names (the CLI adds CSV files; workers use the built-in registry). */
export type DatasetResolver = (spec: DatasetSpec) => Promise<Dataset>;

/** The built-in registry over an injected file access. */
export function builtinResolver(io: DataIo): DatasetResolver {
  return (spec) => loadDataset(spec.name, spec.options, io);
}

/**
 * Keeps the last dataset loaded (MNIST takes a second to parse and ~200 MB): training, then
 * evaluating and predicting with the same document reuse it. A failed load is not kept.
 */
export function cachedResolver(resolve: DatasetResolver): DatasetResolver {
  let last: { key: string; dataset: Promise<Dataset> } | null = null;
  return (spec) => {
    const key = JSON.stringify([spec.name, Object.entries(spec.options).sort(([a], [b]) => a.localeCompare(b))]);
    if (last?.key === key) return last.dataset;
    const dataset = resolve(spec);
    last = { key, dataset };
    dataset.catch(() => {
      if (last?.dataset === dataset) last = null;
    });
    return dataset;
  };
}

/** A 'user:' dataset this worker does not hold (never registered, or registered with a worker that since died). */
export class UnregisteredDatasetError extends DatasetError {
  constructor(readonly datasetId: string) {
    super('unknownDataset', `The dataset '${datasetId}' is not loaded in the training worker.`, 'Import the file again from the dataset picker.');
  }
}

/** Registered names: 'user:' then 1-100 letters, digits, '.', '_' or '-'. */
const USER_DATASET_ID = /^user:[A-Za-z0-9._-]{1,100}$/;

function checkSplit(id: string, which: string, split: Split, inputSize: number, classes: number): void {
  const fail = (why: string) => new DatasetError('invalidData', `Dataset '${id}', ${which} split: ${why}.`, 'Import the file again; if it keeps failing, report it as a bug.');
  if (!Number.isInteger(split.count) || split.count < 0) throw fail(`the sample count ${split.count} is not a whole number`);
  if (shapeSize(split.sampleShape) !== inputSize) throw fail(`samples are ${split.sampleShape.join('×')} but the dataset says ${inputSize} values`);
  if (split.x.length !== split.count * inputSize) throw fail(`${split.x.length} input values for ${split.count} samples of ${inputSize}`);
  if (split.count > 0 && split.y.length % split.count !== 0) throw fail(`${split.y.length} targets for ${split.count} samples`);
  if (classes > 0) {
    if (!(split.y instanceof Int32Array)) throw fail('class targets must be whole class ids');
    const bad = split.y.findIndex((c) => c < 0 || c >= classes);
    if (bad >= 0) throw fail(`sample ${bad + 1} has class id ${split.y[bad]} but there are ${classes} classes`);
  }
}

/** Checks that a dataset handed over by a host is consistent, so a bad one fails here and not mid-run. */
export function checkRegisteredDataset(id: string, dataset: Dataset): void {
  if (!USER_DATASET_ID.test(id)) {
    throw new DatasetError('invalidOption', `'${id}' is not a valid name for an imported dataset.`, "Use 'user:' followed by letters, digits, '.', '_' or '-'.");
  }
  const { meta } = dataset;
  const inputSize = shapeSize(meta.inputShape);
  if (!(inputSize > 0)) throw new DatasetError('invalidData', `Dataset '${id}' has an empty input shape.`, 'Select at least one feature column.');
  const classes = meta.task === 'regression' ? 0 : meta.classes.length;
  if (meta.task !== 'regression' && classes < 2) throw new DatasetError('invalidData', `Dataset '${id}' has ${plural(classes, 'class', 'classes')}; classifying needs at least 2.`, 'Choose another target column or more class folders.');
  checkSplit(id, 'train', dataset.train, inputSize, classes);
  checkSplit(id, 'test', dataset.test, inputSize, classes);
  if (dataset.train.count === 0) throw new DatasetError('invalidData', `Dataset '${id}' has no training samples.`, 'Lower the test fraction or add rows.');
}

/** The datasets a host registered, by name; each registration replaces the previous one of that name. */
export class RegisteredDatasets {
  private readonly datasets = new Map<string, Dataset>();

  /** Checks and keeps a dataset (see checkRegisteredDataset); its meta.id becomes the registered name. */
  register(id: string, dataset: Dataset): void {
    checkRegisteredDataset(id, dataset);
    this.datasets.set(id, { ...dataset, meta: { ...dataset.meta, id } });
  }

  has(id: string): boolean {
    return this.datasets.has(id);
  }

  /** A resolver that answers 'user:' names from the registered datasets and all others with `builtin`. */
  resolverOver(builtin: DatasetResolver): DatasetResolver {
    return (spec) => {
      if (!isUserDatasetName(spec.name)) return builtin(spec);
      const dataset = this.datasets.get(spec.name);
      return dataset ? Promise.resolve(dataset) : Promise.reject(new UnregisteredDatasetError(spec.name));
    };
  }
}
