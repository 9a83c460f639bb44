/**
 * Fuzzing the CSV reader and what turns a table into a dataset (engine/data parseCsv →
 * suggestSelection → tabularDataset, as the CLI's --dataset file.csv and the app's CSV import do):
 * the bundled scikit-learn tables and a table with text, quotes and missing values, with bytes
 * edited, delimiters and quotes inserted, lines cut, hostile numbers, and random bytes. Every input
 * must become a dataset or be refused with a DatasetError that says something.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, parseCsv, suggestSelection, tabularDataset } from '../../engine/data';
import { parseNumber } from '../../engine/data/csv';
import { describeFailures, runFuzz, usefulMessage } from './support/harness';
import type { FuzzInput } from './support/harness';
import { mutateText } from './support/mutate';
import { Prng } from './support/prng';

const COUNT = 1500;
const SEED = 0xc5f ^ Number(process.env.FUZZ_SEED ?? 0);

const PEOPLE = [
  'name;age;city;"notes";label',
  'Ann;34;"Paris";"likes ""quotes""";yes',
  'Bob;NA;Oslo;"line one\nline two";no',
  'Cé;29;"São Paulo";;yes',
  '"Dee, Jr.";41;Rome;"a;b";no',
  'Eve;?;Lima;none;yes',
  'Fay;52;Kyiv;x;no',
].join('\r\n');

/**
 * A bundled scikit-learn table as a person's CSV: a header line, and class names in the last column.
 * (The files themselves start with scikit-learn's own line: rows, columns, class names.)
 */
function userCsv(file: string, header: string[]): string {
  const [meta, ...rows] = readFileSync(path.resolve('data/sklearn', file), 'utf8').trim().split('\n');
  const classes = meta.split(',').slice(2);
  return [header.join(','), ...rows.map((r) => r.replace(/,(\d+)$/, (_, c: string) => `,${classes[Number(c)]}`))].join('\n');
}

/** What the CLI does with --dataset file.csv [--target] [--features], and the app with a picked CSV. */
function readCsv(text: string, rng: Prng): unknown {
  const table = parseCsv(text);
  for (const row of table.rows.slice(0, 50)) for (const field of row) parseNumber(field);
  const target = rng.bool(0.7) ? undefined : rng.pick([...table.columns, 'missing column']);
  const selection = suggestSelection(table, target);
  if (rng.bool(0.2)) selection.features = selection.features.filter(() => rng.bool());
  if (rng.bool(0.1)) selection.task = rng.pick(['binary', 'classification', 'regression'] as const);
  return tabularDataset(table, selection, { name: 'fuzz.csv', dropMissing: rng.bool(0.3), seed: rng.int(100) });
}

function* inputs(): Generator<FuzzInput> {
  const rng = new Prng(SEED);
  const iris = userCsv('iris.csv', ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
  const wine = userCsv('wine_data.csv', [...Array.from({ length: 13 }, (_, i) => `f${i + 1}`), 'class']);
  const bases = [
    { name: 'iris', text: iris },
    { name: 'wine', text: wine },
    { name: 'people', text: PEOPLE },
    { name: 'iris-tabs', text: iris.replace(/,/g, '\t') },
    { name: 'people-bom', text: `\ufeff${PEOPLE.replace(/;/g, ',')}` },
    { name: 'iris-raw', text: readFileSync(path.resolve('data/sklearn/iris.csv'), 'utf8') },
  ];
  for (let i = 0; i < COUNT; i++) {
    const base = bases[i % bases.length];
    const label = `#${i} ${base.name}`;
    const own = new Prng(rng.int(2 ** 31));
    let text: string;
    switch (i % 6) {
      case 0:
      case 1:
        text = mutateText(base.text, rng);
        break;
      case 2: {
        // Fields swapped for hostile ones.
        const hostile = ['1e400', '-1e400', 'NaN', 'Infinity', '0x10', '1_000', '  ', '"', '""', '"a""', 'x'.repeat(10_000), '\u0000', '-', '.', '1e', '9'.repeat(400)];
        text = base.text.replace(/[^,;\t\r\n]+/g, (m) => (rng.bool(0.05) ? rng.pick(hostile) : m));
        break;
      }
      case 3:
        text = base.text.slice(0, rng.int(base.text.length));
        break;
      case 4: {
        // Lines dropped, duplicated or given an extra field.
        const lines = base.text.split('\n');
        text = lines
          .flatMap((l) => (rng.bool(0.05) ? [] : rng.bool(0.05) ? [l, l] : rng.bool(0.03) ? [`${l},extra`] : [l]))
          .join(rng.bool(0.8) ? '\n' : '\r');
        break;
      }
      default:
        text = new TextDecoder().decode(rng.bytes(rng.int(3000)));
    }
    yield { label, run: () => readCsv(text, own) };
  }
}

describe('fuzz: CSV reader and tabular datasets', () => {
  it(`${COUNT} malformed CSV inputs become a dataset or are refused with a message, each in under 5 s, memory bounded`, () => {
    const outcome = runFuzz('CSV (parseCsv + suggestSelection + tabularDataset)', inputs(), (e) => e instanceof DatasetError && usefulMessage(e));
    expect(outcome.inputs).toBeGreaterThanOrEqual(1000);
    expect(outcome.failures.length, describeFailures(outcome)).toBe(0);
    expect(outcome.slowestMs, outcome.slowestLabel).toBeLessThan(5000);
    expect(outcome.peakGrowth).toBeLessThan(512 * 1024 * 1024);
  });

  it('refuses a table whose one-hot encoding would need gigabytes, before allocating it', () => {
    // 40,000 rows of distinct text: one-hot, that is 40,000 × 40,000 values (6 GiB as float32).
    const lines = ['id,label', ...Array.from({ length: 40_000 }, (_, i) => `user${i},${i % 2 ? 'a' : 'b'}`)];
    const table = parseCsv(lines.join('\n'));
    const before = process.memoryUsage().arrayBuffers;
    expect(() => tabularDataset(table, suggestSelection(table))).toThrow(DatasetError);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(256 * 1024 * 1024);
  });
});
