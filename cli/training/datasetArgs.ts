/**
 * Datasets as the CLI names them: a built-in id ("mnist", "spirals") or a CSV file with a target
 * column and optional feature columns. A CSV dataset travels in the document as
 * { name: "<path>", options: { target, features } } so that eval can rebuild the same test split.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../../engine/data';
import { DATASETS, DatasetError, parseCsv, suggestSelection, tabularDataset } from '../../engine/data';
import { createNodeDataIo } from '../../engine/data/nodeIo';
import type { DatasetResolver, DatasetSpec } from '../../engine/training/datasets';
import { builtinResolver } from '../../engine/training/datasets';

/** True when a dataset name means a CSV file rather than a built-in id. */
export function isCsvName(name: string): boolean {
  return /\.csv$/i.test(name) || name.includes('/') || name.includes(path.sep);
}

/** A usage problem with a dataset argument (exit code 2), before anything is loaded. */
export class DatasetArgumentError extends Error {}

/** The dataset spec for `--dataset`, `--target` and `--features`; checks what can be checked without loading. */
export function datasetSpecFromArgs(name: string, target: string | undefined, features: string | undefined): DatasetSpec {
  if (isCsvName(name)) {
    if (!existsSync(name)) throw new DatasetArgumentError(`The dataset file ${name} does not exist.`);
    const options: Record<string, string> = {};
    if (target) options.target = target;
    if (features) options.features = features;
    return { name: path.resolve(name), options };
  }
  if (target || features) throw new DatasetArgumentError(`--target and --features apply to CSV files only; ${name} is a built-in dataset.`);
  if (!DATASETS.some((d) => d.id === name)) {
    throw new DatasetArgumentError(`There is no built-in dataset '${name}'. Choose one of: ${DATASETS.map((d) => d.id).join(', ')}, or give a .csv file.`);
  }
  return { name, options: {} };
}

async function loadCsvDataset(spec: DatasetSpec): Promise<Dataset> {
  let text: string;
  try {
    text = await readFile(spec.name, 'utf8');
  } catch (error) {
    throw new DatasetError('unavailable', `Could not read ${spec.name}: ${(error as Error).message}`, 'Check the path of the CSV file.');
  }
  const table = parseCsv(text);
  const target = typeof spec.options.target === 'string' ? spec.options.target : undefined;
  if (target !== undefined && !table.columns.includes(target)) {
    throw new DatasetError('invalidData', `${path.basename(spec.name)} has no column '${target}'.`, `Choose --target from: ${table.columns.join(', ')}.`);
  }
  const selection = suggestSelection(table, target);
  if (typeof spec.options.features === 'string') {
    selection.features = spec.options.features.split(',').map((f) => f.trim()).filter((f) => f !== '');
  }
  return tabularDataset(table, selection, { name: path.basename(spec.name) });
}

/**
 * Loads built-in datasets from the local files, and CSV files only when the person named them on the
 * command line (`namedFiles`): a dataset name read from a model or trained file is never opened as a
 * path, so a downloaded file cannot make the CLI read /etc/passwd or a device.
 */
export function cliDatasetResolver(namedFiles: string[] = []): DatasetResolver {
  const builtin = builtinResolver(createNodeDataIo());
  const allowed = new Set(namedFiles.map((f) => path.resolve(f)));
  return (spec) => {
    if (!isCsvName(spec.name)) return builtin(spec);
    if (!allowed.has(path.resolve(spec.name))) {
      const shown = path.basename(spec.name);
      return Promise.reject(
        new DatasetError('unavailable', `The model file names the data file ${shown}; Netwright opens data files only when you name them.`, `Pass the CSV file with --dataset <file.csv>.`),
      );
    }
    return loadCsvDataset(spec);
  };
}
