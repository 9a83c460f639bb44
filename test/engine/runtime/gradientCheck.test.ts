/**
 * Finite-difference checks of every gradient rule, through small whole models: each op sits
 * between trainable layers so that its input gradient reaches a weight the check perturbs.
 */
import { describe, expect, it } from 'vitest';
import type { LossName, Program } from '../../../engine/model';
import { buildModel } from '../../../engine/runtime';
import type { LayerSpec } from './helpers';
import { chain, gradientCheck, randomArray, randomLabels, reference } from './helpers';

const k = reference();
const BATCH = 3;

function check(program: Program, targets: Float32Array | Int32Array, seed = 7) {
  const model = buildModel(program, k, { seed });
  const inputShape = program.nodes[0].outputShape;
  const inputs = [randomArray(BATCH * inputShape.reduce((a, b) => a * b, 1), seed + 1)];
  const result = gradientCheck(model, { inputs, targets, size: BATCH }, { eps: 3e-3, atol: 1e-3, rtol: 3e-2 });
  model.dispose();
  expect(result.checked).toBeGreaterThan(5);
  expect(result.failures).toEqual([]);
}

/** Input(6) -> Dense(5) -> middle layers -> Dense(4) -> Output(MSE), regression targets. */
function denseSandwich(middle: LayerSpec[], loss: LossName = 'meanSquaredError'): Program {
  return chain([['in', 'Input', { shape: [6] }], ['first', 'Dense', { units: 5, activation: 'none' }], ...middle, ['last', 'Dense', { units: 4 }], ['out', 'Output', { loss }]]);
}

/** Input(6x6x2) -> Conv2D(3, 3x3 same) -> middle -> Flatten -> Dense(4) -> Output(MSE). */
function imageSandwich(middle: LayerSpec[], flatten: LayerSpec[] = [['flat', 'Flatten']]): Program {
  return chain([
    ['in', 'Input', { shape: [6, 6, 2] }],
    ['first', 'Conv2D', { filters: 3, kernelSize: 3, padding: 'same', kernelInitializer: 'glorotUniform' }],
    ...middle,
    ...flatten,
    ['last', 'Dense', { units: 4 }],
    ['out', 'Output', { loss: 'meanSquaredError' }],
  ]);
}

const regressionTargets = () => randomArray(BATCH * 4, 99);

describe('activations (as a Dense activation and as a layer)', () => {
  for (const activation of ['relu', 'sigmoid', 'tanh', 'leakyRelu', 'elu', 'gelu', 'silu', 'softmax']) {
    it(`Dense ${activation}`, () => check(denseSandwich([['mid', 'Dense', { units: 5, activation }]]), regressionTargets()));
  }
  it('Activation layer (ELU with alpha 0.5)', () => check(denseSandwich([['act', 'Activation', { activation: 'elu', alpha: 0.5 }]]), regressionTargets()));
  it('Activation layer (LeakyReLU slope 0.2)', () => check(denseSandwich([['act', 'Activation', { activation: 'leakyRelu', negativeSlope: 0.2 }]]), regressionTargets()));
});

describe('convolution and pooling', () => {
  it('Conv2D valid, stride 1, tanh', () => check(imageSandwich([['mid', 'Conv2D', { filters: 2, kernelSize: 3, activation: 'tanh' }]]), regressionTargets()));
  it('Conv2D same, stride 2', () => check(imageSandwich([['mid', 'Conv2D', { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }]]), regressionTargets()));
  it('Conv2D dilation 2, same', () => check(imageSandwich([['mid', 'Conv2D', { filters: 2, kernelSize: 2, dilation: 2, padding: 'same', useBias: false }]]), regressionTargets()));
  it('MaxPool2D 2x2', () => check(imageSandwich([['pool', 'MaxPool2D', { poolSize: 2, strides: 2 }]]), regressionTargets()));
  it('MaxPool2D 3x3 stride 2 same', () => check(imageSandwich([['pool', 'MaxPool2D', { poolSize: 3, strides: 2, padding: 'same' }]]), regressionTargets()));
  it('Conv2D ELU then MaxPool 3x3 same (activation moved after pooling)', () =>
    check(imageSandwich([['mid', 'Conv2D', { filters: 2, kernelSize: 3, padding: 'same', activation: 'elu' }], ['pool', 'MaxPool2D', { poolSize: 3, strides: 2, padding: 'same' }]]), regressionTargets()));
  it('Conv2D ReLU then MaxPool 2x2 (activation moved after pooling)', () =>
    check(imageSandwich([['mid', 'Conv2D', { filters: 2, kernelSize: 3, activation: 'relu' }], ['pool', 'MaxPool2D', { poolSize: 2, strides: 2 }]]), regressionTargets()));
  it('AvgPool2D 3x3 stride 2 same', () => check(imageSandwich([['pool', 'AvgPool2D', { poolSize: 3, strides: 2, padding: 'same' }]]), regressionTargets()));
  it('GlobalAvgPool2D', () => check(imageSandwich([], [['gap', 'GlobalAvgPool2D']]), regressionTargets()));
  it('Reshape to a vector', () => check(imageSandwich([], [['reshape', 'Reshape', { targetShape: [-1] }]]), regressionTargets()));
});

describe('normalisation and dropout', () => {
  it('BatchNorm on features', () => check(denseSandwich([['bn', 'BatchNorm']]), regressionTargets()));
  it('BatchNorm on channels of an image', () => check(imageSandwich([['bn', 'BatchNorm']]), regressionTargets()));
  it('LayerNorm', () => check(denseSandwich([['ln', 'LayerNorm']]), regressionTargets()));
  it('Dropout (one fixed mask per step)', () => check(denseSandwich([['drop', 'Dropout', { rate: 0.4 }]]), regressionTargets()));
});

describe('losses', () => {
  const probabilities = () => {
    const t = randomArray(BATCH * 4, 5).map((v) => Math.exp(v));
    for (let r = 0; r < BATCH; r++) {
      const s = t[r * 4] + t[r * 4 + 1] + t[r * 4 + 2] + t[r * 4 + 3];
      for (let c = 0; c < 4; c++) t[r * 4 + c] /= s;
    }
    return t;
  };
  it('sparse categorical cross-entropy', () => check(denseSandwich([], 'sparseCategoricalCrossentropy'), randomLabels(BATCH, 4, 3)));
  it('categorical cross-entropy', () => check(denseSandwich([], 'categoricalCrossentropy'), probabilities()));
  it('KL divergence', () => check(denseSandwich([], 'klDivergence'), probabilities()));
  it('binary cross-entropy', () => check(denseSandwich([], 'binaryCrossentropy'), randomArray(BATCH * 4, 8).map((v) => (v > 0 ? 1 : 0))));
  it('mean absolute error', () => check(denseSandwich([], 'meanAbsoluteError'), regressionTargets()));
  it('huber', () => check(denseSandwich([], 'huber'), regressionTargets().map((v) => v * 3)));
});

describe('regularisers', () => {
  it('L1 and L2 penalties on Dense and Conv2D kernels', () => {
    check(
      chain([
        ['in', 'Input', { shape: [4, 4, 1] }],
        ['conv', 'Conv2D', { filters: 2, kernelSize: 3, l2: 0.05, l1: 0.01 }],
        ['flat', 'Flatten'],
        ['dense', 'Dense', { units: 4, l1: 0.02, l2: 0.1 }],
        ['out', 'Output', { loss: 'meanSquaredError' }],
      ]),
      regressionTargets(),
    );
  });
});
