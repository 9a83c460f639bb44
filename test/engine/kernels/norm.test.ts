import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Kernels } from '../../../engine/kernels/api';
import { Pair, dot, expectClose, numericGradient, randomValues, sampleIndices } from './harness';

let pair: Pair;
beforeAll(async () => {
  pair = await Pair.create();
});
afterAll(() => pair.dispose());

describe('batch norm', () => {
  for (const [rows, channels] of [[37, 5], [64, 600]]) {
    it(`${rows} rows x ${channels} channels matches the reference (train, inference, backward)`, () => {
      const n = rows * channels;
      const x = pair.random(n, 1, -2, 3);
      const gamma = pair.random(channels, 2, 0.5, 1.5);
      const beta = pair.random(channels, 3);
      const runMean = pair.random(channels, 4);
      const runVar = pair.random(channels, 5, 0.5, 2);
      const [y, mean, invStd] = [pair.zeros(n), pair.zeros(channels), pair.zeros(channels)];
      pair.wasm.batchNormForwardTrain(rows, channels, x[0], gamma[0], beta[0], 1e-5, 0.1, y[0], mean[0], invStd[0], runMean[0], runVar[0]);
      pair.ref.batchNormForwardTrain(rows, channels, x[1], gamma[1], beta[1], 1e-5, 0.1, y[1], mean[1], invStd[1], runMean[1], runVar[1]);
      pair.expectSame(y, n, 1e-5, 'y');
      pair.expectSame(mean, channels, 1e-5, 'saveMean');
      pair.expectSame(invStd, channels, 1e-5, 'saveInvStd');
      pair.expectSame(runMean, channels, 1e-5, 'runMean');
      pair.expectSame(runVar, channels, 1e-5, 'runVar');
      pair.wasm.batchNormForwardInference(rows, channels, x[0], gamma[0], beta[0], runMean[0], runVar[0], 1e-5, y[0]);
      pair.ref.batchNormForwardInference(rows, channels, x[1], gamma[1], beta[1], runMean[1], runVar[1], 1e-5, y[1]);
      pair.expectSame(y, n, 1e-5, 'inference y');
      const dy = pair.random(n, 6);
      const [dx, dg, db] = [pair.zeros(n), pair.zeros(channels), pair.zeros(channels)];
      pair.wasm.batchNormBackward(rows, channels, x[0], dy[0], gamma[0], mean[0], invStd[0], dx[0], dg[0], db[0]);
      pair.ref.batchNormBackward(rows, channels, x[1], dy[1], gamma[1], mean[1], invStd[1], dx[1], dg[1], db[1]);
      pair.expectSame(dx, n, 1e-4, 'dx');
      pair.expectSame(dg, channels, 1e-5, 'dgamma');
      pair.expectSame(db, channels, 1e-5, 'dbeta');
    });
  }
});

describe('layer norm', () => {
  it('matches the reference', () => {
    const [rows, cols] = [9, 130];
    const n = rows * cols;
    const x = pair.random(n, 7, -1, 4);
    const gamma = pair.random(cols, 8, 0.5, 1.5);
    const beta = pair.random(cols, 9);
    const [y, mean, invStd] = [pair.zeros(n), pair.zeros(rows), pair.zeros(rows)];
    pair.wasm.layerNormForward(rows, cols, x[0], gamma[0], beta[0], 1e-5, y[0], mean[0], invStd[0]);
    pair.ref.layerNormForward(rows, cols, x[1], gamma[1], beta[1], 1e-5, y[1], mean[1], invStd[1]);
    pair.expectSame(y, n, 1e-5, 'y');
    const dy = pair.random(n, 10);
    const [dx, dg, db] = [pair.zeros(n), pair.zeros(cols), pair.zeros(cols)];
    pair.wasm.layerNormBackward(rows, cols, x[0], dy[0], gamma[0], mean[0], invStd[0], dx[0], dg[0], db[0]);
    pair.ref.layerNormBackward(rows, cols, x[1], dy[1], gamma[1], mean[1], invStd[1], dx[1], dg[1], db[1]);
    pair.expectSame(dx, n, 1e-4, 'dx');
    pair.expectSame(dg, cols, 1e-5, 'dgamma');
    pair.expectSame(db, cols, 1e-5, 'dbeta');
  });
});

/** Checks a norm's backward (dx, dgamma, dbeta) against central differences of its forward. */
function checkNormGradients(k: Kernels, kind: 'batch' | 'layer'): void {
  const [rows, cols] = [6, 5];
  const n = rows * cols;
  const stats = kind === 'batch' ? cols : rows;
  const alloc = (values: Float32Array) => {
    const p = k.alloc(values.length * 4);
    k.f32().set(values, p >> 2);
    return p;
  };
  const x = alloc(randomValues(n, 11, -2, 2));
  const gamma = alloc(randomValues(cols, 12, 0.5, 1.5));
  const beta = alloc(randomValues(cols, 13));
  const weights = randomValues(n, 14);
  const dy = alloc(weights);
  const [y, mean, invStd, rm, rv] = [k.alloc(n * 4), k.alloc(stats * 4), k.alloc(stats * 4), k.alloc(cols * 4), k.alloc(cols * 4)];
  const forward = () => {
    if (kind === 'batch') k.batchNormForwardTrain(rows, cols, x, gamma, beta, 1e-5, 0.1, y, mean, invStd, rm, rv);
    else k.layerNormForward(rows, cols, x, gamma, beta, 1e-5, y, mean, invStd);
    return dot(k, y, weights);
  };
  forward();
  const [dx, dg, db] = [k.alloc(n * 4), k.alloc(cols * 4), k.alloc(cols * 4)];
  if (kind === 'batch') k.batchNormBackward(rows, cols, x, dy, gamma, mean, invStd, dx, dg, db);
  else k.layerNormBackward(rows, cols, x, dy, gamma, mean, invStd, dx, dg, db);
  const read = (p: number, idx: number[]) => idx.map((i) => k.f32()[(p >> 2) + i]);
  const xi = sampleIndices(n);
  const ci = sampleIndices(cols);
  expectClose(read(dx, xi), numericGradient(k, x, xi, forward, 1e-3), 5e-3, 'dx');
  expectClose(read(dg, ci), numericGradient(k, gamma, ci, forward, 1e-3), 5e-3, 'dgamma');
  expectClose(read(db, ci), numericGradient(k, beta, ci, forward, 1e-3), 5e-3, 'dbeta');
}

describe('norm gradients match finite differences (reference)', () => {
  it('batch norm', () => checkNormGradients(pair.ref, 'batch'));
  it('layer norm', () => checkNormGradients(pair.ref, 'layer'));
});
