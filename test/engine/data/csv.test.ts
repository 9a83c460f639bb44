import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { inferColumns, parseCsv, suggestSelection, tabularDataset } from '../../../engine/data';

const expectError = (run: () => unknown, message: RegExp) => expect(run).toThrow(message);

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, escaped quotes and line breaks inside', () => {
    const t = parseCsv('name,comment,score\n"Smith, J","said ""hi""",3\n"multi\nline",plain,4\n');
    expect(t.columns).toEqual(['name', 'comment', 'score']);
    expect(t.rows).toEqual([
      ['Smith, J', 'said "hi"', '3'],
      ['multi\nline', 'plain', '4'],
    ]);
    expect(t.lines).toEqual([2, 3]);
    expect(t.hasHeader).toBe(true);
  });

  it('detects semicolon and tab delimiters, and CRLF line ends', () => {
    expect(parseCsv('a;b\r\n1;2\r\n').rows).toEqual([['1', '2']]);
    expect(parseCsv('a;b\r\n1;2\r\n').delimiter).toBe(';');
    const tabbed = parseCsv('x\ty\n1,5\t2\n');
    expect(tabbed.delimiter).toBe('\t');
    expect(tabbed.rows).toEqual([['1,5', '2']]);
  });

  it('detects whether the first line is a header', () => {
    expect(parseCsv('1,2\n3,4\n').hasHeader).toBe(false);
    expect(parseCsv('1,2\n3,4\n').columns).toEqual(['column_1', 'column_2']);
    expect(parseCsv('width,colour\n3,red\n4,blue\n').hasHeader).toBe(true);
    expect(parseCsv('colour,size\nred,big\nblue,small\n').hasHeader).toBe(true);
    expect(parseCsv('red,big\nblue,small\nred,small\n').hasHeader).toBe(false);
    expect(parseCsv('a,b\n1,2\n', { header: false }).rows).toHaveLength(2);
  });

  it('reports missing values with their line and column', () => {
    const t = parseCsv('a,b,c\n1,,3\n\n4,NA,?\n');
    expect(t.missing).toEqual([
      { line: 2, column: 'b' },
      { line: 4, column: 'b' },
      { line: 4, column: 'c' },
    ]);
    expect(t.rows).toHaveLength(2);
  });

  it('names the line of a row with the wrong number of fields', () => {
    expectError(() => parseCsv('a,b\n1,2\n3,4,5\n'), /Line 3 has 3 fields but the header has 2/);
  });

  it('names the line of an unclosed quote', () => {
    expectError(() => parseCsv('a,b\n1,2\n"oops,3\n4,5\n'), /Line 3: a quoted field is never closed/);
  });

  it('makes duplicate and empty column names unique', () => {
    expect(parseCsv('x,x,\na,b,c\n', { header: true }).columns).toEqual(['x', 'x_2', 'column_3']);
  });
});

const IRIS_LIKE = `sepal_length,petal_width,colour,species
5.1,0.2,red,setosa
4.9,0.2,blue,setosa
7.0,1.4,red,versicolor
6.4,1.5,green,versicolor
6.3,2.5,blue,virginica
5.8,1.9,red,virginica
5.0,0.3,green,setosa
5.9,1.8,blue,virginica
6.1,1.3,red,versicolor
5.4,0.4,green,setosa
`;

describe('column typing', () => {
  it('types numeric and categorical columns and lists the categories', () => {
    const cols = inferColumns(parseCsv(IRIS_LIKE));
    expect(cols.map((c) => c.kind)).toEqual(['numeric', 'numeric', 'categorical', 'categorical']);
    expect(cols[3].categories).toEqual(['setosa', 'versicolor', 'virginica']);
  });
});

describe('suggestSelection', () => {
  it('predicts the last column from the others, with a task that fits its values', () => {
    expect(suggestSelection(parseCsv(IRIS_LIKE))).toEqual({ features: ['sepal_length', 'petal_width', 'colour'], target: 'species', task: 'classification' });
    expect(suggestSelection(parseCsv(IRIS_LIKE), 'sepal_length').task).toBe('regression');
    expect(suggestSelection(parseCsv('a,label\n1,yes\n2,no\n3,yes\n')).task).toBe('binary');
    expect(suggestSelection(parseCsv('a,digit\n1,3\n2,5\n3,7\n')).task).toBe('classification');
    expect(() => suggestSelection(parseCsv(IRIS_LIKE), 'nope')).toThrow(/no column 'nope'/);
  });
});

describe('tabularDataset', () => {
  it('one-hot encodes categorical features and numbers the target classes by name', () => {
    const d = tabularDataset(parseCsv(IRIS_LIKE), { features: ['sepal_length', 'colour'], target: 'species', task: 'classification' }, { testFraction: 0 });
    expect(d.featureNames).toEqual(['sepal_length', 'colour=blue', 'colour=green', 'colour=red']);
    expect(d.meta.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(d.meta.inputShape).toEqual([4]);
    expect(d.train.count).toBe(10);
    const row = Array.from({ length: 10 }, (_, i) => i).find((i) => d.train.x[4 * i] === 7)!;
    expect(Array.from(d.train.x.subarray(4 * row, 4 * row + 4))).toEqual([7, 0, 0, 1]);
    expect(d.train.y[row]).toBe(1);
  });

  it('holds out a stratified test split', () => {
    const d = tabularDataset(parseCsv(IRIS_LIKE), { features: ['sepal_length'], target: 'species', task: 'classification' }, { testFraction: 0.3 });
    expect(d.train.count + d.test.count).toBe(10);
    expect(d.test.count).toBe(3);
    expect(new Set(d.test.y).size).toBe(3);
  });

  it('reads a numeric target as floats for regression', () => {
    const d = tabularDataset(parseCsv(IRIS_LIKE), { features: ['sepal_length'], target: 'petal_width', task: 'regression' }, { testFraction: 0 });
    expect(d.train.y).toBeInstanceOf(Float32Array);
    expect([...d.train.y].sort()).toContain(2.5);
  });

  it('says which line and column hold a value that is not a number', () => {
    const text = IRIS_LIKE.replace('6.4,1.5', '6.4,abc');
    expectError(
      () => tabularDataset(parseCsv(text), { features: ['petal_width'], target: 'species', task: 'classification' }),
      /Line 5, column 'petal_width': 'abc' is not a number/,
    );
  });

  it('stops at a missing value, or skips its row when asked', () => {
    const text = IRIS_LIKE.replace('4.9,0.2', '4.9,');
    const selection = { features: ['petal_width'], target: 'species', task: 'classification' as const };
    expectError(() => tabularDataset(parseCsv(text), selection), /Line 3, column 'petal_width': the value is missing/);
    const d = tabularDataset(parseCsv(text), selection, { dropMissing: true, testFraction: 0 });
    expect(d.train.count).toBe(9);
  });

  it('explains selections that cannot work', () => {
    const t = parseCsv(IRIS_LIKE);
    expectError(() => tabularDataset(t, { features: ['sepal_lenght'], target: 'species', task: 'classification' }), /no column 'sepal_lenght'/);
    expectError(() => tabularDataset(t, { features: ['species'], target: 'species', task: 'classification' }), /both a feature and the target/);
    expectError(() => tabularDataset(t, { features: ['sepal_length'], target: 'species', task: 'regression' }), /'species' is not numeric \(line 2: 'setosa'\)/);
    expectError(() => tabularDataset(t, { features: ['sepal_length'], target: 'species', task: 'binary' }), /3 distinct values .* binary target needs exactly 2/);
  });

  it('loads the vendored iris CSV through the generic path', () => {
    const text = readFileSync(new URL('../../../data/sklearn/iris.csv', import.meta.url), 'utf8').split('\n').slice(1).join('\n');
    const t = parseCsv(text, { header: false });
    const d = tabularDataset(t, { features: ['column_1', 'column_2', 'column_3', 'column_4'], target: 'column_5', task: 'classification' });
    expect(d.train.count + d.test.count).toBe(150);
    expect(d.meta.classes).toEqual(['0', '1', '2']);
  });
});
