import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conv2dGeometry } from '../../../engine/kernels/api';
import { convGeometry } from './geometry';
import { Pair, dot, expectClose, numericGradient, randomValues, sampleIndices } from './harness';

let pair: Pair;
beforeAll(async () => {
  pair = await Pair.create();
});
afterAll(() => pair.dispose());

const cases: Array<[string, Conv2dGeometry]> = [
  ['3x3 same padding', convGeometry({ batch: 2, inH: 7, inW: 6, inC: 3, outC: 5, k: 3, pad: 1 })],
  ['3x3 valid, 1 channel', convGeometry({ batch: 3, inH: 9, inW: 9, inC: 1, outC: 8, k: 3 })],
  ['stride 2, pad 1', convGeometry({ batch: 2, inH: 8, inW: 7, inC: 4, outC: 6, k: 3, stride: 2, pad: 1 })],
  ['dilation 2', convGeometry({ batch: 1, inH: 10, inW: 9, inC: 2, outC: 3, k: 3, dilation: 2, pad: 2 })],
  ['5x2 kernel, stride 3', convGeometry({ batch: 2, inH: 11, inW: 8, inC: 3, outC: 4, k: 5, kW: 2, stride: 3 })],
  ['1x1 pointwise', convGeometry({ batch: 2, inH: 5, inW: 4, inC: 7, outC: 9, k: 1 })],
  ['1x1 stride 2', convGeometry({ batch: 2, inH: 5, inW: 5, inC: 3, outC: 2, k: 1, stride: 2 })],
  ['padding wider than the kernel reach', convGeometry({ batch: 1, inH: 3, inW: 3, inC: 2, outC: 2, k: 2, pad: 2 })],
  ['3x3 same padding, 1 channel', convGeometry({ batch: 3, inH: 7, inW: 9, inC: 1, outC: 16, k: 3, pad: 1 })],
  ['3x3 same padding, 16 channels to 12 filters', convGeometry({ batch: 2, inH: 6, inW: 7, inC: 16, outC: 12, k: 3, pad: 1 })],
  ['9x9 kernel (more taps than the tap masks hold), padding 4', convGeometry({ batch: 2, inH: 10, inW: 9, inC: 3, outC: 4, k: 9, pad: 4 })],
];

const sizes = (g: Conv2dGeometry) => ({
  x: g.batch * g.inH * g.inW * g.inC,
  w: g.kH * g.kW * g.inC * g.outC,
  y: g.batch * g.outH * g.outW * g.outC,
});

describe('conv2d against the reference', () => {
  for (const [name, g] of cases) {
    it(name, () => {
      const n = sizes(g);
      const x = pair.random(n.x, 11);
      const w = pair.random(n.w, 12);
      const dy = pair.random(n.y, 13);
      const scratch: [number, number] = [pair.wasm.alloc(pair.wasm.conv2dScratchBytes(g)), pair.ref.alloc(pair.ref.conv2dScratchBytes(g))];
      const y = pair.random(n.y, 14); // stale contents must be overwritten
      pair.wasm.conv2dForward(g, x[0], w[0], y[0], scratch[0]);
      pair.ref.conv2dForward(g, x[1], w[1], y[1], scratch[1]);
      pair.expectSame(y, n.y, 1e-5, 'y');
      const dx = pair.random(n.x, 15);
      pair.wasm.conv2dBackwardInput(g, dy[0], w[0], dx[0], scratch[0]);
      pair.ref.conv2dBackwardInput(g, dy[1], w[1], dx[1], scratch[1]);
      pair.expectSame(dx, n.x, 1e-5, 'dx');
      const dw = pair.random(n.w, 16);
      pair.wasm.conv2dBackwardFilter(g, x[0], dy[0], dw[0], scratch[0]);
      pair.ref.conv2dBackwardFilter(g, x[1], dy[1], dw[1], scratch[1]);
      pair.expectSame(dw, n.w, 1e-5, 'dw');
    });
  }

  it('a geometry larger than one im2col chunk', () => {
    const g = convGeometry({ batch: 4, inH: 30, inW: 30, inC: 16, outC: 8, k: 5, pad: 2 });
    const n = sizes(g);
    const x = pair.random(n.x, 21);
    const w = pair.random(n.w, 22);
    const dy = pair.random(n.y, 23);
    const scratch: [number, number] = [pair.wasm.alloc(pair.wasm.conv2dScratchBytes(g)), pair.ref.alloc(8)];
    expect(pair.wasm.conv2dScratchBytes(g)).toBeLessThan(n.y * 400 * 4); // chunked, not the whole im2col
    const [y, dx, dw] = [pair.zeros(n.y), pair.zeros(n.x), pair.zeros(n.w)];
    pair.wasm.conv2dForward(g, x[0], w[0], y[0], scratch[0]);
    pair.ref.conv2dForward(g, x[1], w[1], y[1], scratch[1]);
    pair.expectSame(y, n.y, 1e-5, 'y');
    pair.wasm.conv2dBackwardInput(g, dy[0], w[0], dx[0], scratch[0]);
    pair.ref.conv2dBackwardInput(g, dy[1], w[1], dx[1], scratch[1]);
    pair.expectSame(dx, n.x, 1e-5, 'dx');
    pair.wasm.conv2dBackwardFilter(g, x[0], dy[0], dw[0], scratch[0]);
    pair.ref.conv2dBackwardFilter(g, x[1], dy[1], dw[1], scratch[1]);
    pair.expectSame(dw, n.w, 1e-5, 'dw');
  });

  for (const [name, g] of [cases[0], cases[1], cases[9]]) {
    it(`adds the bias in the forward pass and sums dy for the bias gradient (${name})`, () => {
      const n = sizes(g);
      const x = pair.random(n.x, 61);
      const w = pair.random(n.w, 62);
      const bias = pair.random(g.outC, 63);
      const dy = pair.random(n.y, 64);
      const scratch: [number, number] = [pair.wasm.alloc(pair.wasm.conv2dScratchBytes(g)), pair.ref.alloc(8)];
      const [y, dw, dbias] = [pair.random(n.y, 65), pair.random(n.w, 66), pair.random(g.outC, 67)];
      pair.wasm.conv2dForward(g, x[0], w[0], y[0], scratch[0], bias[0]);
      pair.ref.conv2dForward(g, x[1], w[1], y[1], scratch[1], bias[1]);
      pair.expectSame(y, n.y, 1e-5, 'y');
      pair.wasm.conv2dBackwardFilter(g, x[0], dy[0], dw[0], scratch[0], dbias[0]);
      pair.ref.conv2dBackwardFilter(g, x[1], dy[1], dw[1], scratch[1], dbias[1]);
      pair.expectSame(dw, n.w, 1e-5, 'dw');
      pair.expectSame(dbias, g.outC, 1e-5, 'dbias');
    });
  }

  it('rejects a geometry with a non-integer field', () => {
    const g = { ...cases[0][1], strideH: 1.5 };
    expect(() => pair.wasm.conv2dScratchBytes(g)).toThrow(/strideH/);
  });
});

describe('conv2d backward matches finite differences of the forward (reference)', () => {
  for (const [name, g] of cases.slice(0, 5)) {
    it(name, () => {
      const k = pair.ref;
      const n = sizes(g);
      const x = k.alloc(n.x * 4);
      const w = k.alloc(n.w * 4);
      const y = k.alloc(n.y * 4);
      k.f32().set(randomValues(n.x, 31), x >> 2);
      k.f32().set(randomValues(n.w, 32), w >> 2);
      const weights = randomValues(n.y, 33);
      const loss = () => {
        k.conv2dForward(g, x, w, y, 0);
        return dot(k, y, weights);
      };
      const dy = k.alloc(n.y * 4);
      k.f32().set(weights, dy >> 2);
      const dx = k.alloc(n.x * 4);
      const dw = k.alloc(n.w * 4);
      k.conv2dBackwardInput(g, dy, w, dx, 0);
      k.conv2dBackwardFilter(g, x, dy, dw, 0);
      const xi = sampleIndices(n.x);
      const wi = sampleIndices(n.w);
      expectClose(xi.map((i) => k.f32()[(dx >> 2) + i]), numericGradient(k, x, xi, loss), 1e-3, 'dx');
      expectClose(wi.map((i) => k.f32()[(dw >> 2) + i]), numericGradient(k, w, wi, loss), 1e-3, 'dw');
    });
  }
});
