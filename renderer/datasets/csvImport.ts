/**
 * The column picker's view-model, pure: the person's choice of target, features, column kinds, task
 * and test fraction over a parsed CSV; the input width that choice gives the model (categorical
 * columns one-hot); the problems to fix before it can be used (with their line and column); and the
 * dataset it builds.
 */
import { DatasetError, suggestSelection, tabularDataset } from '../../engine/data';
import type { ColumnInfo, CsvTable, DatasetTask, TabularDataset } from '../../engine/data';
import { plural } from '../../engine/model/plural';

/** What the column picker holds. */
export interface CsvChoice {
  target: string;
  features: string[];
  /** Per column: numeric, or categorical (one-hot as a feature, classes as a target). */
  kinds: Record<string, ColumnInfo['kind']>;
  task: DatasetTask;
  /** Fraction of rows held out as the test split. */
  testFraction: number;
  /** Skip rows with a missing value in a used column instead of refusing the file. */
  dropMissing: boolean;
}

/** A problem with the choice or the file, located where possible (1-based file line, column name). */
export interface CsvProblem {
  message: string;
  hint: string;
  line?: number;
  column?: string;
}

/** The task the target suggests: the engine's rule, but a column marked categorical is never regression. */
export function suggestTask(table: CsvTable, target: string, kind: ColumnInfo['kind']): DatasetTask {
  const task = suggestSelection(table, target).task;
  return kind === 'categorical' && task === 'regression' ? 'classification' : task;
}

/** The first choice for a table: the last column is the target, every other column a feature. */
export function initialCsvChoice(table: CsvTable, columns: ColumnInfo[]): CsvChoice {
  const kinds = Object.fromEntries(columns.map((c) => [c.name, c.kind]));
  const target = table.columns[table.columns.length - 1];
  return {
    target,
    features: table.columns.filter((c) => c !== target),
    kinds,
    task: suggestTask(table, target, kinds[target]),
    testFraction: 0.2,
    dropMissing: false,
  };
}

/** The choice with another target: the new target leaves the features, the old one joins them, the task is suggested again. */
export function chooseTarget(table: CsvTable, choice: CsvChoice, target: string): CsvChoice {
  if (target === choice.target) return choice;
  const features = table.columns.filter((c) => c !== target && (choice.features.includes(c) || c === choice.target));
  return { ...choice, target, features, task: suggestTask(table, target, choice.kinds[target]) };
}

/** The choice with a feature switched on or off (the target cannot be a feature). */
export function toggleFeature(table: CsvTable, choice: CsvChoice, column: string): CsvChoice {
  if (column === choice.target) return choice;
  const on = choice.features.includes(column);
  return { ...choice, features: table.columns.filter((c) => (c === column ? !on : choice.features.includes(c))) };
}

/** The choice with a column's kind changed; only numeric columns can be read as categories (codes), not the reverse. */
export function setKind(table: CsvTable, columns: ColumnInfo[], choice: CsvChoice, column: string, kind: ColumnInfo['kind']): CsvChoice {
  const info = columns.find((c) => c.name === column);
  if (!info || (info.kind === 'categorical' && kind === 'numeric')) return choice;
  const kinds = { ...choice.kinds, [column]: kind };
  const task = column === choice.target ? suggestTask(table, column, kind) : choice.task;
  return { ...choice, kinds, task };
}

/** Values per sample the model receives: 1 per numeric feature, one per distinct value of a categorical one. */
export function inputWidth(columns: ColumnInfo[], choice: CsvChoice): number {
  let width = 0;
  for (const name of choice.features) {
    const info = columns.find((c) => c.name === name);
    if (!info) continue;
    width += choice.kinds[name] === 'categorical' ? info.categories.length : 1;
  }
  return width;
}

/** Classes the target gives (0 for regression). */
export function classCount(columns: ColumnInfo[], choice: CsvChoice): number {
  if (choice.task === 'regression') return 0;
  return columns.find((c) => c.name === choice.target)?.categories.length ?? 0;
}

/** At most this many located problems are listed; the rest are counted. */
const MAX_LISTED = 5;

/** What must be fixed before the choice can be used, first problems first (the file's own line numbers). */
export function choiceProblems(table: CsvTable, columns: ColumnInfo[], choice: CsvChoice): CsvProblem[] {
  const problems: CsvProblem[] = [];
  if (choice.features.length === 0) problems.push({ message: 'No feature columns are selected.', hint: 'Tick at least one column as an input.' });
  const used = [...choice.features, choice.target];
  const numericUse = used.filter((name) => choice.kinds[name] === 'numeric' && (name !== choice.target || choice.task === 'regression'));
  const located: CsvProblem[] = [];
  for (const name of numericUse) {
    for (const bad of columns.find((c) => c.name === name)?.invalid ?? []) {
      located.push({ line: bad.line, column: name, message: `Line ${bad.line}, column '${name}': '${bad.value}' is not a number.`, hint: 'Correct the value, or mark the column as categorical.' });
    }
  }
  if (!choice.dropMissing) {
    for (const gap of table.missing.filter((m) => used.includes(m.column))) {
      located.push({ line: gap.line, column: gap.column, message: `Line ${gap.line}, column '${gap.column}': the value is missing.`, hint: 'Fill it in, or tick “Skip rows with missing values”.' });
    }
  }
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  problems.push(...located.slice(0, MAX_LISTED));
  if (located.length > MAX_LISTED) problems.push({ message: `… and ${plural(located.length - MAX_LISTED, 'more value problem')}.`, hint: '' });
  if (choice.task === 'binary' && classCount(columns, choice) !== 2) {
    problems.push({ column: choice.target, message: `The target '${choice.target}' has ${classCount(columns, choice)} distinct values; a binary task needs exactly 2.`, hint: 'Choose the classification task.' });
  }
  if (!(choice.testFraction >= 0 && choice.testFraction < 1)) problems.push({ message: `The test fraction ${choice.testFraction} is outside 0–0.9.`, hint: 'Hold out between 0 and 0.9 of the rows, e.g. 0.2.' });
  return problems;
}

/** The located problem an engine error describes ("Line 12, column 'age': …"). */
export function problemOf(error: unknown): CsvProblem {
  if (!(error instanceof Error)) return { message: String(error), hint: '' };
  const line = /Line (\d+)/.exec(error.message);
  const column = /column '([^']+)'/i.exec(error.message);
  return {
    message: error.message,
    hint: error instanceof DatasetError ? error.hint : '',
    ...(line ? { line: Number(line[1]) } : {}),
    ...(column ? { column: column[1] } : {}),
  };
}

/** Builds the dataset for the choice, or says what stops it. */
export function buildCsvDataset(table: CsvTable, columns: ColumnInfo[], choice: CsvChoice, fileName: string): { ok: true; dataset: TabularDataset } | { ok: false; problem: CsvProblem } {
  const forcedCategorical = columns.filter((c) => c.kind === 'numeric' && choice.kinds[c.name] === 'categorical').map((c) => c.name);
  try {
    const dataset = tabularDataset(
      table,
      { features: choice.features, target: choice.target, task: choice.task, categorical: forcedCategorical },
      { name: fileName, testFraction: choice.testFraction, dropMissing: choice.dropMissing },
    );
    return { ok: true, dataset };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}
