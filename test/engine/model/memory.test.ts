import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_MEMORY_BYTES } from '../../../engine/kernels/memoryLimit';
import { analyzeGraph, createEmptyDocument, formatBytes } from '../../../engine/model';
import { buildDoc, tinyMlp } from './helpers';

const root = path.resolve(import.meta.dirname, '../../..');

/** Input [n] -> Dense(units) -> Output. */
function wide(inputs: number, units: number) {
  return buildDoc(
    [
      ['in', 'Input', { shape: [inputs] }],
      ['d', 'Dense', { units }],
      ['out', 'Output'],
    ],
    [
      ['in', 'd'],
      ['d', 'out'],
    ],
  );
}

describe('models that cannot be trained at all', () => {
  it('an empty model is an error with no node, saying what to add', () => {
    const a = analyzeGraph(createEmptyDocument());
    expect(a.errorCount).toBe(1);
    expect(a.issues[0]).toMatchObject({ severity: 'error', code: 'empty-model' });
    expect(a.issues[0].nodeId).toBeUndefined();
    expect(a.issues[0].message).toMatch(/no layers.*Input.*Output/);
  });

  it('weights larger than the engine memory are an error that says their size and the limit', () => {
    // 40,000 × 20,000 weights = 800 M parameters = 2.98 GiB of float32.
    const a = analyzeGraph(wide(40_000, 20_000));
    const issue = a.issues.find((i) => i.code === 'too-large');
    expect(issue?.severity).toBe('error');
    expect(issue?.nodeId).toBeUndefined();
    expect(issue?.message).toContain('The weights need 2.98 GiB (800,020,000 parameters × 4 bytes)');
    expect(issue?.message).toContain('2.00 GiB');
  });

  it('a model whose weights fit but whose training does not is an error that says what training needs', () => {
    // 1.19 GiB of weights; with Adam, weights, gradients, two moments and a batch of activations need 4.80 GiB.
    const doc = wide(16_000, 20_000);
    const a = analyzeGraph(doc);
    const issue = a.issues.find((i) => i.code === 'too-large');
    expect(issue?.message).toMatch(/^Training needs at least 4\.80 GiB \(weights 1\.19 GiB, their gradients and adam state, and the activations of a batch of 64\)/);
    // SGD keeps no state: 2.38 GiB still does not fit; a quarter of the units does.
    doc.training.optimizer = { ...doc.training.optimizer, type: 'sgd' };
    expect(analyzeGraph(doc).issues.map((i) => i.code)).toContain('too-large');
    expect(analyzeGraph(wide(16_000, 5_000)).issues).toEqual([]);
  });

  it('ordinary models are far below the limit', () => {
    expect(analyzeGraph(tinyMlp()).issues).toEqual([]);
  });

  it('the limit is the one the WebAssembly builds are linked with', () => {
    const build = readFileSync(path.join(root, 'engine/kernels/build.sh'), 'utf8');
    expect(Number(/^max_memory=(\d+)/m.exec(build)?.[1])).toBe(KERNEL_MEMORY_BYTES);
    expect(formatBytes(KERNEL_MEMORY_BYTES)).toBe('2.00 GiB');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.50 KiB');
  });
});
