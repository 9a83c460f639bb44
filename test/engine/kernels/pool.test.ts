import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool2dGeometry } from '../../../engine/kernels/api';
import { Pair, dot, download, downloadInt, expectClose, numericGradient, randomValues, sampleIndices } from './harness';

let pair: Pair;
beforeAll(async () => {
  pair = await Pair.create();
});
afterAll(() => pair.dispose());

function poolGeometry(batch: number, inH: number, inW: number, channels: number, k: number, stride: number, pad: number): Pool2dGeometry {
  const out = (size: number) => Math.floor((size + 2 * pad - k) / stride) + 1;
  return { batch, inH, inW, channels, kH: k, kW: k, strideH: stride, strideW: stride, padTop: pad, padLeft: pad, outH: out(inH), outW: out(inW) };
}

const cases: Array<[string, Pool2dGeometry]> = [
  ['2x2 stride 2', poolGeometry(2, 8, 6, 3, 2, 2, 0)],
  ['3x3 stride 2 pad 1, odd sizes', poolGeometry(2, 7, 9, 5, 3, 2, 1)],
  ['3x3 stride 1 (overlapping windows)', poolGeometry(1, 5, 5, 2, 3, 1, 1)],
  ['global 4x4', poolGeometry(3, 4, 4, 7, 4, 4, 0)],
  ['2x2 stride 2, 8 channels', poolGeometry(2, 8, 6, 8, 2, 2, 0)],
  ['2x2 stride 2 on odd sizes, 4 channels', poolGeometry(2, 7, 9, 4, 2, 2, 0)],
  ['3x3 stride 2, 12 channels', poolGeometry(2, 9, 7, 12, 3, 2, 0)],
  ['3x3 stride 1 (overlapping windows), 4 channels', poolGeometry(1, 5, 6, 4, 3, 1, 0)],
];

describe('pooling against the reference', () => {
  for (const [name, g] of cases) {
    it(name, () => {
      const nIn = g.batch * g.inH * g.inW * g.channels;
      const nOut = g.batch * g.outH * g.outW * g.channels;
      const x = pair.random(nIn, 41);
      const dy = pair.random(nOut, 42);
      const [y, argmax, dx] = [pair.zeros(nOut), pair.zeros(nOut), pair.random(nIn, 43)];
      pair.wasm.maxPool2dForward(g, x[0], y[0], argmax[0]);
      pair.ref.maxPool2dForward(g, x[1], y[1], argmax[1]);
      pair.expectSame(y, nOut, 1e-6, 'max y');
      expect(Array.from(downloadInt(pair.wasm, argmax[0], nOut))).toEqual(Array.from(downloadInt(pair.ref, argmax[1], nOut)));
      pair.wasm.maxPool2dBackward(g, dy[0], argmax[0], dx[0]);
      pair.ref.maxPool2dBackward(g, dy[1], argmax[1], dx[1]);
      pair.expectSame(dx, nIn, 1e-6, 'max dx');
      pair.wasm.avgPool2dForward(g, x[0], y[0]);
      pair.ref.avgPool2dForward(g, x[1], y[1]);
      pair.expectSame(y, nOut, 1e-5, 'avg y');
      pair.wasm.avgPool2dBackward(g, dy[0], dx[0]);
      pair.ref.avgPool2dBackward(g, dy[1], dx[1]);
      pair.expectSame(dx, nIn, 1e-5, 'avg dx');
    });
  }

  for (const [name, g] of [cases[4], cases[6], cases[2]]) {
    it(`max pooling takes the first of equal maxima and a later NaN, as the reference does (${name})`, () => {
      const nIn = g.batch * g.inH * g.inW * g.channels;
      const nOut = g.batch * g.outH * g.outW * g.channels;
      // three levels make ties common; some NaNs in between
      const values = Array.from(randomValues(nIn, 44), (v, i) => (i % 23 === 5 ? NaN : Math.round(v)));
      const x = pair.put(values);
      const [y, argmax] = [pair.zeros(nOut), pair.zeros(nOut)];
      pair.wasm.maxPool2dForward(g, x[0], y[0], argmax[0]);
      pair.ref.maxPool2dForward(g, x[1], y[1], argmax[1]);
      expect(Array.from(downloadInt(pair.wasm, argmax[0], nOut))).toEqual(Array.from(downloadInt(pair.ref, argmax[1], nOut)));
      expect(Array.from(download(pair.wasm, y[0], nOut))).toEqual(Array.from(download(pair.ref, y[1], nOut)));
    });
  }

  it('max pooling propagates NaN', () => {
    const g = poolGeometry(1, 2, 2, 1, 2, 2, 0);
    const x = pair.put([1, NaN, 3, 2]);
    const [y, argmax] = [pair.zeros(1), pair.zeros(1)];
    pair.wasm.maxPool2dForward(g, x[0], y[0], argmax[0]);
    expect(download(pair.wasm, y[0], 1)[0]).toBeNaN();
    expect(downloadInt(pair.wasm, argmax[0], 1)[0]).toBe(1);
  });
});

describe('avg pooling backward matches finite differences (reference)', () => {
  it('excludes padding from the divisor', () => {
    const k = pair.ref;
    const g = cases[1][1];
    const nIn = g.batch * g.inH * g.inW * g.channels;
    const nOut = g.batch * g.outH * g.outW * g.channels;
    const x = k.alloc(nIn * 4);
    const y = k.alloc(nOut * 4);
    k.f32().set(randomValues(nIn, 51), x >> 2);
    const weights = randomValues(nOut, 52);
    const dy = k.alloc(nOut * 4);
    k.f32().set(weights, dy >> 2);
    const dx = k.alloc(nIn * 4);
    k.avgPool2dBackward(g, dy, dx);
    const idx = sampleIndices(nIn);
    const numeric = numericGradient(k, x, idx, () => {
      k.avgPool2dForward(g, x, y);
      return dot(k, y, weights);
    });
    expectClose(idx.map((i) => k.f32()[(dx >> 2) + i]), numeric, 1e-3);
  });
});
