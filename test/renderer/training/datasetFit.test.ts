import { describe, expect, it } from 'vitest';
import { analyzeGraph, TEMPLATES, parseDocument } from '../../../engine/model';
import type { ModelDocument } from '../../../engine/model';
import { findDataset } from '../../../engine/data';
import { datasetFit } from '../../../renderer/datasets/datasetFit';
import { readFileSync } from 'node:fs';

function template(id: string): ModelDocument {
  const info = TEMPLATES.find((t) => t.id === id);
  if (!info) throw new Error(`no template ${id}`);
  const parsed = parseDocument(JSON.parse(readFileSync(new URL(`../../../templates/${info.file}`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.doc;
}

const meta = (id: string) => {
  const m = findDataset(id);
  if (!m) throw new Error(`no dataset ${id}`);
  return m;
};

describe('datasetFit', () => {
  const mlp = template('mlp-mnist');

  it('accepts MNIST for the MNIST MLP (same element count, reshaped)', () => {
    const notes = datasetFit(mlp, analyzeGraph(mlp), meta('mnist'));
    expect(notes.filter((n) => n.severity === 'warning')).toEqual([]);
  });

  it('warns when the Input takes a different number of values, naming the shape to use', () => {
    const notes = datasetFit(mlp, analyzeGraph(mlp), meta('iris'));
    const warning = notes.find((n) => n.message.includes('Input'));
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('Iris samples are 4 values, but the Input layer');
  });

  it('warns about a class-count mismatch and a regression set with a classification loss', () => {
    const notes = datasetFit(mlp, analyzeGraph(mlp), meta('sine'));
    expect(notes.some((n) => /regression/.test(n.message))).toBe(true);
    const blobs = datasetFit(mlp, analyzeGraph(mlp), { ...meta('mnist'), classes: ['a', 'b', 'c'] });
    expect(blobs.some((n) => /has 3 classes, but Output “.+” gets 10 values per sample/.test(n.message))).toBe(true);
  });
});
