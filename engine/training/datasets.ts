/** Where a session's datasets come from: the built-in registry by default, with the last one kept loaded. */
import type { DataIo, Dataset } from '../data';
import { loadDataset } from '../data';

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
