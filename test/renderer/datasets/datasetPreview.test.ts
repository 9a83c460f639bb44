import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../engine/data';
import { tabularDataset } from '../../../engine/data/tabular';
import { datasetPreview } from '../../../engine/training/evaluation';
import { previewColumnNames } from '../../../renderer/datasets/DatasetPreview';

const CSV = ['sepal length,sepal width,colour,species', '5.1,3.5,red,setosa', '4.9,3.0,blue,setosa', '6.2,2.9,red,virginica', '5.9,3.0,blue,virginica', '6.0,3.1,red,setosa'].join('\n');

describe('dataset preview columns', () => {
  it('a CSV keeps the names from its header, one-hot columns as column=value, through the worker message', () => {
    const table = parseCsv(CSV);
    const dataset = tabularDataset(table, { features: ['sepal length', 'sepal width', 'colour'], target: 'species', task: 'classification' }, { name: 'flowers.csv' });
    const preview = datasetPreview('r1', structuredClone(dataset), 3);
    expect(previewColumnNames(preview.meta, 4)).toEqual({ features: ['sepal length', 'sepal width', 'colour=blue', 'colour=red'], target: 'species' });
  });

  it('data without names reads x1, x2, … and class or y', () => {
    const meta = { id: 'iris', name: 'Iris', description: '', task: 'classification' as const, inputShape: [4], classes: ['a', 'b'], trainCount: 1, testCount: 1, source: '' };
    expect(previewColumnNames(meta, 2)).toEqual({ features: ['x1', 'x2'], target: 'class' });
    expect(previewColumnNames({ ...meta, task: 'regression' }, 1)).toEqual({ features: ['x1'], target: 'y' });
  });
});
