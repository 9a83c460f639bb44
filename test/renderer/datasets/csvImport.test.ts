import { describe, expect, it } from 'vitest';
import { inferColumns, parseCsv } from '../../../engine/data';
import { buildCsvDataset, chooseTarget, choiceProblems, classCount, initialCsvChoice, inputWidth, setKind, toggleFeature } from '../../../renderer/datasets/csvImport';
import { datasetMetaByName, missingImportMessage, userDatasetId } from '../../../renderer/datasets/importedNames';

const HOUSES = `rooms,area,colour,garden,price,sold
3,70.5,red,yes,210.5,1
2,48.0,blue,no,150.25,0
4,95.2,green,yes,320.0,1
3,80.1,red,no,240.75,1
1,30.0,blue,no,99.9,0
5,120.4,green,yes,410.0,1
`;

function picker(text: string) {
  const table = parseCsv(text);
  const columns = inferColumns(table);
  return { table, columns, choice: initialCsvChoice(table, columns) };
}

describe('CSV column picker', () => {
  it('starts with the last column as target and suggests the task from it', () => {
    const { table, choice } = picker(HOUSES);
    expect(choice.target).toBe('sold');
    expect(choice.features).toEqual(['rooms', 'area', 'colour', 'garden', 'price']);
    expect(choice.task).toBe('binary');
    expect(chooseTarget(table, choice, 'price').task).toBe('regression');
    expect(chooseTarget(table, choice, 'colour').task).toBe('classification');
  });

  it('moves the old target into the features when another target is chosen', () => {
    const { table, choice } = picker(HOUSES);
    const next = chooseTarget(table, toggleFeature(table, choice, 'area'), 'price');
    expect(next.features).toEqual(['rooms', 'colour', 'garden', 'sold']);
    expect(toggleFeature(table, next, 'price')).toBe(next);
  });

  it('counts one-hot columns in the input width, and marking a code column categorical widens it', () => {
    const { table, columns, choice } = picker(HOUSES);
    // rooms, area, price numeric (3) + colour (red, blue, green) + garden (yes, no)
    expect(inputWidth(columns, choice)).toBe(3 + 3 + 2);
    const rooms = setKind(table, columns, choice, 'rooms', 'categorical');
    expect(inputWidth(columns, rooms)).toBe(2 + 5 + 3 + 2);
    const built = buildCsvDataset(table, columns, rooms, 'houses.csv');
    expect(built.ok && built.dataset.meta.inputShape).toEqual([12]);
    // Text columns cannot be read as numbers.
    expect(setKind(table, columns, choice, 'colour', 'numeric')).toBe(choice);
  });

  it('a numeric target marked categorical is classified, never regressed', () => {
    const { table, columns, choice } = picker(HOUSES);
    const byPrice = chooseTarget(table, choice, 'price');
    const asClasses = setKind(table, columns, byPrice, 'price', 'categorical');
    expect(asClasses.task).toBe('classification');
    expect(classCount(columns, asClasses)).toBe(6);
  });

  it('lists bad values and gaps with their file line and column before building', () => {
    const text = `a,b,label\n1,2,x\n3,oops,y\n\n5,,x\n7,8,y\n9,10,x\n11,12,y\n13,14,x\n`;
    const { table, columns, choice } = picker(text);
    expect(choice.kinds.b).toBe('numeric');
    const problems = choiceProblems(table, columns, choice);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'b'],
      [5, 'b'],
    ]);
    expect(problems[0].message).toBe("Line 3, column 'b': 'oops' is not a number.");
    // Not using the column, or skipping the gaps, clears what it caused.
    expect(choiceProblems(table, columns, toggleFeature(table, choice, 'b'))).toEqual([]);
    expect(choiceProblems(table, columns, { ...choice, dropMissing: true }).map((p) => p.line)).toEqual([3]);
  });

  it('turns an engine error into a located problem', () => {
    const text = `a,b,label\n1,2,x\n3,oops,y\n5,6,x\n7,8,y\n9,10,x\n11,12,y\n`;
    const { table, columns, choice } = picker(text);
    const built = buildCsvDataset(table, columns, choice, 'typo.csv');
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problem).toMatchObject({ line: 3, column: 'b', hint: expect.stringContaining('categorical') });
    const binaryOfThree = buildCsvDataset(parseCsv(HOUSES), picker(HOUSES).columns, { ...picker(HOUSES).choice, target: 'colour', features: ['rooms'], task: 'binary' }, 'h.csv');
    expect(!binaryOfThree.ok && binaryOfThree.problem.message).toMatch(/3 distinct values/);
  });

  it('names the dataset after the file, the same name for the same file', () => {
    expect(userDatasetId('Iris Data (2024).csv')).toBe('user:iris-data-2024');
    expect(userDatasetId('pets')).toBe('user:pets');
    expect(userDatasetId('###.csv')).toBe('user:data');
    expect(userDatasetId('a.b.csv')).toBe(userDatasetId('a.b.csv'));
  });

  it('tells the person which file to import again when a document names one that is not loaded', () => {
    expect(missingImportMessage({ name: 'user:iris', options: { file: 'Iris.csv' } })).toBe('This model was trained on your file “Iris.csv”; import it again to train.');
    expect(missingImportMessage({ name: 'user:pets', options: {} })).toBe('This model was trained on your file “pets”; import it again to train.');
  });

  it('looks dataset descriptions up among the imports first, then the built-in ones', () => {
    const { table, columns, choice } = picker(HOUSES);
    const built = buildCsvDataset(table, columns, choice, 'houses.csv');
    if (!built.ok) throw new Error(built.problem.message);
    const imported = { 'user:houses': { dataset: built.dataset } };
    expect(datasetMetaByName('user:houses', imported)?.inputShape).toEqual([8]);
    expect(datasetMetaByName('user:gone', imported)).toBeNull();
    expect(datasetMetaByName('iris', imported)?.classes).toHaveLength(3);
  });
});
