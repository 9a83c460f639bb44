/** Graphs that are not chains: skip connections (Add), Concatenate, fan-out, several outputs. */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../engine/runtime';
import { compile, gradientCheck, randomArray, randomLabels, reference } from './helpers';

const k = reference();

/** a feeds three readers: b, the Add (skip connection) and the Concatenate. */
const residual = () =>
  compile(
    [
      ['in', 'Input', { shape: [8] }],
      ['a', 'Dense', { units: 6, activation: 'tanh' }],
      ['b', 'Dense', { units: 6, activation: 'sigmoid' }],
      ['sum', 'Add'],
      ['cat', 'Concatenate'],
      ['logits', 'Dense', { units: 3 }],
      ['out', 'Output'],
    ],
    [
      ['in', 'a'],
      ['a', 'b'],
      ['a', 'sum', 0],
      ['b', 'sum', 1],
      ['sum', 'cat', 0],
      ['a', 'cat', 1],
      ['cat', 'logits'],
      ['logits', 'out'],
    ],
    { batchSize: 16, optimizer: { type: 'adam', learningRate: 0.02 } },
  );

describe('DAG models', () => {
  it('accumulate gradients over every reader of a tensor (skip connection + concatenate)', () => {
    const model = buildModel(residual(), k, { seed: 3 });
    const batch = { inputs: [randomArray(4 * 8, 1)], targets: randomLabels(4, 3, 2), size: 4 };
    const result = gradientCheck(model, batch, { eps: 3e-3, atol: 1e-3, rtol: 3e-2 });
    expect(result.checked).toBeGreaterThan(20);
    expect(result.failures).toEqual([]);
  });

  it('trains a skip-connection + concatenate model to fit its data', () => {
    const model = buildModel(residual(), k, { seed: 3 });
    const x = randomArray(16 * 8, 11);
    // A learnable rule: the class is the index of the largest of the first three features.
    const y = new Int32Array(16);
    for (let i = 0; i < 16; i++) {
      const f = [x[i * 8], x[i * 8 + 1], x[i * 8 + 2]];
      y[i] = f.indexOf(Math.max(...f));
    }
    const batch = { inputs: [x], targets: y, size: 16 };
    const first = model.trainStep(batch);
    let last = first;
    for (let i = 0; i < 150; i++) last = model.trainStep(batch);
    expect(last).toBeLessThan(first * 0.3);
    const probs = model.predict([x], 16);
    let correct = 0;
    for (let i = 0; i < 16; i++) {
      const row = Array.from(probs.subarray(i * 3, i * 3 + 3));
      if (row.indexOf(Math.max(...row)) === y[i]) correct++;
    }
    expect(correct).toBeGreaterThanOrEqual(15);
  });

  it('shares a flattened view between two readers (Flatten fan-out) and merges conv branches', () => {
    const program = compile(
      [
        ['in', 'Input', { shape: [5, 5, 2] }],
        ['conv', 'Conv2D', { filters: 2, kernelSize: 3, padding: 'same', activation: 'tanh' }],
        ['left', 'Conv2D', { filters: 2, kernelSize: 3, padding: 'same' }],
        ['merge', 'Add'],
        ['flat', 'Flatten'],
        ['p', 'Dense', { units: 3, activation: 'relu' }],
        ['q', 'Dense', { units: 3, activation: 'elu' }],
        ['join', 'Add'],
        ['out', 'Output', { loss: 'meanSquaredError' }],
      ],
      [
        ['in', 'conv'],
        ['conv', 'left'],
        ['conv', 'merge', 0],
        ['left', 'merge', 1],
        ['merge', 'flat'],
        ['flat', 'p'],
        ['flat', 'q'],
        ['p', 'join', 0],
        ['q', 'join', 1],
        ['join', 'out'],
      ],
    );
    const model = buildModel(program, k, { seed: 5 });
    const batch = { inputs: [randomArray(3 * 50, 4)], targets: randomArray(9, 6), size: 3 };
    const result = gradientCheck(model, batch, { eps: 3e-3, atol: 1e-3, rtol: 3e-2 });
    expect(result.failures).toEqual([]);
  });

  it('takes one array per program input, in the order program.inputs lists them', () => {
    const program = compile(
      [
        ['wide', 'Input', { shape: [5] }],
        ['narrow', 'Input', { shape: [2] }],
        ['cat', 'Concatenate'],
        ['d', 'Dense', { units: 2 }],
        ['out', 'Output', { loss: 'meanSquaredError' }],
      ],
      [
        ['narrow', 'cat', 0],
        ['wide', 'cat', 1],
        ['cat', 'd'],
        ['d', 'out'],
      ],
    );
    const model = buildModel(program, k, { seed: 1 });
    const byName: Record<string, Float32Array> = { wide: randomArray(2 * 5, 1), narrow: randomArray(2 * 2, 2) };
    const inputs = program.inputs.map((id) => byName[id]);
    const loss = model.trainStep({ inputs, targets: randomArray(4, 3), size: 2 });
    expect(Number.isFinite(loss)).toBe(true);
    expect(() => model.trainStep({ inputs: [...inputs].reverse(), targets: randomArray(4, 3), size: 2 })).toThrow(/Input \w+ expects 2 samples/);
  });

  it('trains two outputs with different losses together (losses add up)', () => {
    const program = compile(
      [
        ['in', 'Input', { shape: [4] }],
        ['trunk', 'Dense', { units: 8, activation: 'relu' }],
        ['classes', 'Dense', { units: 3 }],
        ['value', 'Dense', { units: 1 }],
        ['outA', 'Output', { loss: 'sparseCategoricalCrossentropy' }],
        ['outB', 'Output', { loss: 'meanSquaredError' }],
      ],
      [
        ['in', 'trunk'],
        ['trunk', 'classes'],
        ['trunk', 'value'],
        ['classes', 'outA'],
        ['value', 'outB'],
      ],
    );
    const model = buildModel(program, k, { seed: 2 });
    const inputs = [randomArray(12, 3)];
    const labels = randomLabels(3, 3, 4);
    const values = randomArray(3, 5);
    const both = model.computeGradients({ inputs, targets: [labels, values], size: 3 });
    const result = gradientCheck(model, { inputs, targets: [labels, values], size: 3 }, { eps: 3e-3, atol: 1e-3, rtol: 3e-2 });
    expect(result.failures).toEqual([]);
    expect(Object.keys(both.gradients).sort()).toEqual(['classes/bias', 'classes/kernel', 'trunk/bias', 'trunk/kernel', 'value/bias', 'value/kernel']);
    expect(() => model.trainStep({ inputs, targets: labels, size: 3 })).toThrow(/2 output\(s\) but 1 target/);
  });
});
