import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kernels, Ptr } from '../../../engine/kernels/api';
import { Pair, expectClose, numericGradient, randomValues, sampleIndices } from './harness';

let pair: Pair;
beforeAll(async () => {
  pair = await Pair.create();
});
afterAll(() => pair.dispose());

const rows = 7;
const cols = 11;

/** Row-normalised positive targets (probability distributions), with some exact zeros. */
function distributions(seed: number): Float32Array {
  const t = randomValues(rows * cols, seed, 0, 1);
  for (let i = 0; i < t.length; i += 5) t[i] = 0;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += t[r * cols + c];
    for (let c = 0; c < cols; c++) t[r * cols + c] /= s;
  }
  return t;
}

type LossCall = (k: Kernels, input: Ptr, target: Ptr, grad: Ptr) => number;

const losses: Array<{ name: string; n: number; input: Float32Array; target: Float32Array; intTarget?: boolean; call: LossCall }> = [
  {
    name: 'softmaxCrossEntropySparse', n: rows * cols, input: randomValues(rows * cols, 1, -4, 4),
    target: Float32Array.from({ length: rows }, (_, r) => (r * 3) % cols), intTarget: true,
    call: (k, x, t, d) => k.softmaxCrossEntropySparse(rows, cols, x, t, d),
  },
  { name: 'softmaxCrossEntropyDense', n: rows * cols, input: randomValues(rows * cols, 2, -4, 4), target: distributions(3), call: (k, x, t, d) => k.softmaxCrossEntropyDense(rows, cols, x, t, d) },
  { name: 'klDivergenceFromLogits', n: rows * cols, input: randomValues(rows * cols, 4, -4, 4), target: distributions(5), call: (k, x, t, d) => k.klDivergenceFromLogits(rows, cols, x, t, d) },
  {
    name: 'sigmoidBinaryCrossEntropy', n: 101, input: Float32Array.from([...randomValues(98, 6, -8, 8), 60, -60, 0]),
    target: randomValues(101, 7, 0, 1), call: (k, x, t, d) => k.sigmoidBinaryCrossEntropy(101, x, t, d),
  },
  { name: 'meanSquaredError', n: 101, input: randomValues(101, 8), target: randomValues(101, 9), call: (k, x, t, d) => k.meanSquaredError(101, x, t, d) },
  { name: 'meanAbsoluteError', n: 101, input: randomValues(101, 10), target: randomValues(101, 11), call: (k, x, t, d) => k.meanAbsoluteError(101, x, t, d) },
  { name: 'huber (both branches)', n: 101, input: randomValues(101, 12, -3, 3), target: randomValues(101, 13), call: (k, x, t, d) => k.huber(101, x, t, 0.8, d) },
];

describe('losses', () => {
  for (const { name, n, input, target, intTarget, call } of losses) {
    it(`${name} matches the reference`, () => {
      const x = pair.put(input);
      const t = pair.put(target, intTarget);
      const d = pair.zeros(n);
      const lw = call(pair.wasm, x[0], t[0], d[0]);
      const lr = call(pair.ref, x[1], t[1], d[1]);
      expectClose([lw], [lr], 2e-6, 'loss');
      pair.expectSame(d, n, 2e-6, 'gradient');
    });

    it(`${name} gradient matches finite differences of its loss (reference)`, () => {
      const k = pair.ref;
      const [x, t] = [k.alloc(n * 4), k.alloc(n * 4)];
      k.f32().set(input, x >> 2);
      if (intTarget) k.i32().set(target, t >> 2);
      else k.f32().set(target, t >> 2);
      const d = k.alloc(n * 4);
      const scratch = k.alloc(n * 4);
      call(k, x, t, d);
      const idx = sampleIndices(n);
      const numeric = numericGradient(k, x, idx, () => call(k, x, t, scratch), 1e-3);
      expectClose(idx.map((i) => k.f32()[(d >> 2) + i]), numeric, 5e-3, 'gradient');
    });
  }

  it('KL divergence of a distribution from its own logits is 0', () => {
    const logits = randomValues(rows * cols, 14, -2, 2);
    const [x] = pair.put(logits);
    const probs = pair.wasm.alloc(rows * cols * 4);
    pair.wasm.softmaxForward(rows, cols, x, probs);
    const d = pair.wasm.alloc(rows * cols * 4);
    expect(Math.abs(pair.wasm.klDivergenceFromLogits(rows, cols, x, probs, d))).toBeLessThan(1e-6);
  });
});
