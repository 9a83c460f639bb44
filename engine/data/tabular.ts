/**
 * A person's table as a dataset: column typing (numeric or categorical), then a column selection
 * (features, target, task) turned into samples — categorical features one-hot, a categorical target
 * into class ids with their names — with errors that name the line and the column.
 */
import type { Dataset, DatasetTask, Split } from './types';
import type { CsvTable } from './csv';
import { isMissing, parseNumber } from './csv';
import { DatasetError } from './errors';
import { holdOut } from './split';
import { plural } from '../model/plural';

/** What a column holds. */
export type ColumnKind = 'numeric' | 'categorical';

/** A column's type as read from its values. */
export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** Distinct values, sorted (numerically when they are numbers); for categorical columns and targets. */
  categories: string[];
  missing: number;
  /** Non-numeric values in a column that is mostly numbers: each one is an error if the column is used. */
  invalid: { line: number; value: string }[];
}

/** The most values (rows × inputs, one-hot columns included) a table may become: 512 MiB of float32. */
export const MAX_TABLE_VALUES = 2 ** 27;

/** A column is numeric when at least this share of its values are numbers (the rest are then typos). */
const NUMERIC_SHARE = 0.8;

function sortCategories(values: Iterable<string>): string[] {
  const list = [...values];
  const allNumbers = list.every((v) => parseNumber(v) !== null);
  return allNumbers ? list.sort((a, b) => Number(a) - Number(b)) : list.sort();
}

/** Types every column of a table. */
export function inferColumns(table: CsvTable): ColumnInfo[] {
  return table.columns.map((name, c) => {
    let missing = 0;
    let numbers = 0;
    const distinct = new Set<string>();
    const invalid: ColumnInfo['invalid'] = [];
    table.rows.forEach((row, r) => {
      const field = row[c];
      if (isMissing(field)) {
        missing++;
        return;
      }
      distinct.add(field.trim());
      if (parseNumber(field) !== null) numbers++;
      else invalid.push({ line: table.lines[r], value: field.trim() });
    });
    const present = table.rows.length - missing;
    const numeric = present > 0 && numbers >= NUMERIC_SHARE * present;
    return { name, kind: numeric ? 'numeric' : 'categorical', categories: sortCategories(distinct), missing, invalid: numeric ? invalid : [] };
  });
}

/** Which columns feed the model and which one it predicts. */
export interface ColumnSelection {
  features: string[];
  target: string;
  task: DatasetTask;
  /** Numeric-looking columns to treat as categories anyway (e.g. codes). */
  categorical?: string[];
}

/**
 * A starting selection for a table (the CLI's default, the column picker's first suggestion): the last
 * column is the target, all others are features. The task follows the target: two values are binary,
 * whole numbers or text with few distinct values are classes, anything else is regression.
 */
export function suggestSelection(table: CsvTable, target = table.columns[table.columns.length - 1]): ColumnSelection {
  const info = inferColumns(table).find((c) => c.name === target);
  if (!info) throw new DatasetError('invalidData', `The file has no column '${target}'.`, `Choose from: ${table.columns.join(', ')}.`);
  const features = table.columns.filter((c) => c !== target);
  const distinct = info.categories.length;
  const wholeNumbers = info.categories.every((v) => Number.isInteger(parseNumber(v)));
  let task: DatasetTask;
  if (distinct === 2) task = 'binary';
  else if (info.kind === 'categorical' || (wholeNumbers && distinct <= 20)) task = 'classification';
  else task = 'regression';
  return { features, target, task };
}

/** Options of tabularDataset. */
export interface TabularOptions {
  /** Shown in messages and the dataset's name. */
  name?: string;
  /** Fraction held out as the test split (stratified for classes); default 0.2. */
  testFraction?: number;
  seed?: number;
  /** Skip rows with a missing value in a selected column instead of stopping with an error. */
  dropMissing?: boolean;
}

/** A dataset built from a table, with the name of each input value (one-hot columns as "column=value"). */
export interface TabularDataset extends Dataset {
  featureNames: string[];
}

/** Builds a dataset from a table and a column selection (see ColumnSelection). */
export function tabularDataset(table: CsvTable, selection: ColumnSelection, options: TabularOptions = {}): TabularDataset {
  const name = options.name ?? 'CSV file';
  const columns = inferColumns(table);
  const indexOf = (column: string): number => {
    const i = table.columns.indexOf(column);
    if (i < 0) throw new DatasetError('invalidData', `${name} has no column '${column}'.`, `Choose from: ${table.columns.join(', ')}.`);
    return i;
  };
  const { task } = selection;
  if (selection.features.length === 0) throw new DatasetError('invalidData', 'No feature columns are selected.', 'Pick at least one column as an input.');
  if (selection.features.includes(selection.target)) {
    throw new DatasetError('invalidData', `Column '${selection.target}' is both a feature and the target.`, 'Remove the target from the features: the model would see the answer.');
  }
  const featureIdx = selection.features.map(indexOf);
  const targetIdx = indexOf(selection.target);
  const forced = new Set(selection.categorical ?? []);
  const kindOf = (i: number): ColumnKind => (forced.has(table.columns[i]) ? 'categorical' : columns[i].kind);

  // Rows to keep: a missing value in a selected column is an error unless the caller drops such rows.
  const used = [...featureIdx, targetIdx];
  const keep: number[] = [];
  table.rows.forEach((row, r) => {
    const gap = used.find((c) => isMissing(row[c]));
    if (gap === undefined) keep.push(r);
    else if (!options.dropMissing) {
      throw new DatasetError('invalidData', `Line ${table.lines[r]}, column '${table.columns[gap]}': the value is missing.`, 'Fill in the value, remove the row, or choose to skip rows with missing values.');
    }
  });
  if (keep.length < 2) throw new DatasetError('invalidData', `${name} has ${plural(keep.length, 'usable row')}.`, 'A dataset needs more rows with values in every selected column.');

  const numberAt = (r: number, c: number): number => {
    const v = parseNumber(table.rows[r][c]);
    if (v === null) {
      throw new DatasetError('invalidData', `Line ${table.lines[r]}, column '${table.columns[c]}': '${table.rows[r][c].trim()}' is not a number.`, 'Correct the value, or mark the column as categorical.');
    }
    return v;
  };
  // Categories are taken from the kept rows so that dropped rows add no empty one-hot columns.
  const categoriesOf = (c: number): string[] => sortCategories(new Set(keep.map((r) => table.rows[r][c].trim())));

  const featureNames: string[] = [];
  const encoders = featureIdx.map((c) => {
    if (kindOf(c) === 'numeric') {
      featureNames.push(table.columns[c]);
      return { c, categories: null as Map<string, number> | null };
    }
    const cats = categoriesOf(c);
    cats.forEach((v) => featureNames.push(`${table.columns[c]}=${v}`));
    return { c, categories: new Map(cats.map((v, i) => [v, i])) };
  });
  const width = featureNames.length;
  if (keep.length * width > MAX_TABLE_VALUES) {
    const wide = encoders.filter((e) => e.categories).sort((a, b) => b.categories!.size - a.categories!.size)[0];
    throw new DatasetError(
      'invalidData',
      `${name} would need ${keep.length} rows × ${width} inputs (${Math.round((keep.length * width * 4) / 2 ** 20)} MiB), more than Netwright holds in memory${wide ? `: column '${table.columns[wide.c]}' alone has ${wide.categories!.size} distinct values, each becoming an input` : ''}.`,
      wide ? `Leave out '${table.columns[wide.c]}' (it looks like an identifier or free text), or use fewer rows.` : 'Use fewer rows or columns.',
    );
  }
  const x = new Float32Array(keep.length * width);
  keep.forEach((r, s) => {
    let at = s * width;
    for (const e of encoders) {
      if (e.categories) {
        x[at + e.categories.get(table.rows[r][e.c].trim())!] = 1;
        at += e.categories.size;
      } else x[at++] = numberAt(r, e.c);
    }
  });

  const targetName = table.columns[targetIdx];
  let y: Int32Array | Float32Array;
  let classes: string[] = [];
  if (task === 'regression') {
    if (kindOf(targetIdx) !== 'numeric') {
      const r = keep.find((row) => parseNumber(table.rows[row][targetIdx]) === null)!;
      throw new DatasetError('invalidData', `Column '${targetName}' is not numeric (line ${table.lines[r]}: '${table.rows[r][targetIdx].trim()}'), so it cannot be a regression target.`, 'Choose the classification task, or a numeric target column.');
    }
    y = Float32Array.from(keep, (r) => numberAt(r, targetIdx));
  } else {
    classes = categoriesOf(targetIdx);
    if (task === 'binary' && classes.length !== 2) {
      throw new DatasetError('invalidData', `Column '${targetName}' has ${classes.length} distinct values (${classes.slice(0, 5).join(', ')}${classes.length > 5 ? ', …' : ''}); a binary target needs exactly 2.`, 'Choose the classification task for more than two classes.');
    }
    if (classes.length < 2) throw new DatasetError('invalidData', `Column '${targetName}' has only one value, so there is nothing to classify.`, 'Choose another target column.');
    if (classes.length > 20 && classes.length > keep.length / 2) {
      throw new DatasetError('invalidData', `Column '${targetName}' has ${classes.length} distinct values in ${keep.length} rows: it looks like a measurement, not a class.`, 'Choose the regression task for this target.');
    }
    const classOf = new Map(classes.map((v, i) => [v, i]));
    y = Int32Array.from(keep, (r) => classOf.get(table.rows[r][targetIdx].trim())!);
  }

  const all: Split = { x, y, count: keep.length, sampleShape: [width] };
  const testFraction = options.testFraction ?? 0.2;
  const { train, test } = holdOut(all, testFraction, options.seed ?? 0);
  return {
    meta: {
      id: 'csv',
      name,
      description: `${plural(keep.length, 'row')}; predicts '${targetName}' from ${plural(selection.features.length, 'column')}.`,
      task,
      kind: 'tabular',
      inputShape: [width],
      classes,
      trainCount: train.count,
      testCount: test.count,
      options: [],
      source: `Your file ${name}`,
      featureNames,
      targetName,
    },
    train,
    test,
    featureNames,
  };
}
