/** Moving an activation after max pooling must not change any value or gradient. */
import { expect, it } from 'vitest';
import { buildModel } from '../../../engine/runtime';
import type { LayerSpec } from './helpers';
import { chain, randomArray, reference } from './helpers';

it.each(['relu', 'leakyRelu', 'elu', 'tanh'])('Conv2D(%s) -> MaxPool2D equals Conv2D -> Activation -> MaxPool2D', (activation) => {
  const k = reference();
  const tail: LayerSpec[] = [
    ['pool', 'MaxPool2D', { poolSize: 2, strides: 2, padding: 'same' }],
    ['flat', 'Flatten'],
    ['dense', 'Dense', { units: 3 }],
    ['out', 'Output', { loss: 'meanSquaredError' }],
  ];
  const fused = buildModel(chain([['in', 'Input', { shape: [5, 5, 2] }], ['conv', 'Conv2D', { filters: 4, kernelSize: 3, activation }], ...tail]), k, { seed: 1 });
  const plain = buildModel(
    chain([['in', 'Input', { shape: [5, 5, 2] }], ['conv', 'Conv2D', { filters: 4, kernelSize: 3 }], ['act', 'Activation', { activation }], ...tail]),
    k,
    { seed: 1 },
  );
  plain.setWeights(fused.getWeights());
  const batch = { inputs: [randomArray(4 * 50, 3)], targets: randomArray(12, 4), size: 4 };
  const a = fused.computeGradients(batch);
  const b = plain.computeGradients(batch);
  expect(a.loss).toBe(b.loss);
  expect(a.gradients).toEqual(b.gradients);
  expect(Array.from(fused.predict(batch.inputs, 4))).toEqual(Array.from(plain.predict(batch.inputs, 4)));
});
