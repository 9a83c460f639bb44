import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivationKind, type ActivationKindId } from '../../../engine/kernels/api';
import { Pair, download, downloadInt, expectClose, numericGradient, randomValues, sampleIndices, dot } from './harness';

let pair: Pair;
beforeAll(async () => {
  pair = await Pair.create();
});
afterAll(() => pair.dispose());

const N = 1003; // not a multiple of the SIMD width

describe('elementwise', () => {
  it('fill, copy, add, sub, mul, scale, axpy, addSignScaled, clamp', () => {
    const a = pair.random(N, 1);
    const b = pair.random(N, 2);
    const out = pair.zeros(N);
    const both = (f: (k: typeof pair.wasm, i: 0 | 1) => void) => {
      f(pair.wasm, 0);
      f(pair.ref, 1);
    };
    both((k, i) => k.fill(N, 0.25, out[i]));
    pair.expectSame(out, N, 0, 'fill');
    both((k, i) => k.copy(N, a[i], out[i]));
    pair.expectSame(out, N, 0, 'copy');
    both((k, i) => k.add(N, a[i], b[i], out[i]));
    pair.expectSame(out, N, 1e-7, 'add');
    both((k, i) => k.sub(N, a[i], b[i], out[i]));
    pair.expectSame(out, N, 1e-7, 'sub');
    both((k, i) => k.mul(N, a[i], b[i], out[i]));
    pair.expectSame(out, N, 1e-7, 'mul');
    both((k, i) => k.scale(N, a[i], -3.5, out[i]));
    pair.expectSame(out, N, 1e-7, 'scale');
    both((k, i) => k.axpy(N, 0.75, a[i], out[i]));
    pair.expectSame(out, N, 1e-6, 'axpy');
    const w = pair.put([...randomValues(N - 3, 3), 0, 0, 0]);
    both((k, i) => k.addSignScaled(N, w[i], 0.01, out[i]));
    pair.expectSame(out, N, 1e-6, 'addSignScaled');
    both((k, i) => k.clamp(N, out[i], -0.5, 0.3));
    pair.expectSame(out, N, 1e-6, 'clamp');
    const clamped = download(pair.wasm, out[0], N);
    expect(Math.min(...clamped)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...clamped)).toBeLessThanOrEqual(Math.fround(0.3));
  });

  it('copy2d copies and accumulates between strided blocks', () => {
    const src = pair.random(7 * 9, 4);
    const dst = pair.random(7 * 12, 5);
    for (const accumulate of [false, true]) {
      pair.wasm.copy2d(5, 6, src[0] + 8, 9, dst[0] + 4, 12, accumulate);
      pair.ref.copy2d(5, 6, src[1] + 8, 9, dst[1] + 4, 12, accumulate);
      pair.expectSame(dst, 7 * 12, 1e-7, `copy2d accumulate=${accumulate}`);
    }
  });

  it('dropout: same mask as the reference, keep rate 1−p, kept values scaled by 1/(1−p)', () => {
    const n = 20000;
    const x = pair.random(n, 6);
    const [y, mask] = [pair.zeros(n), pair.zeros(n)];
    pair.wasm.dropoutForward(n, x[0], y[0], mask[0], 0.3, 1234, 5000);
    pair.ref.dropoutForward(n, x[1], y[1], mask[1], 0.3, 1234, 5000);
    pair.expectSame(mask, n, 0, 'mask');
    pair.expectSame(y, n, 1e-7, 'y');
    const m = download(pair.wasm, mask[0], n);
    const kept = m.filter((v) => v !== 0);
    expect(kept.length / n).toBeGreaterThan(0.68);
    expect(kept.length / n).toBeLessThan(0.72);
    expect(new Set(kept).size).toBe(1);
    expect(kept[0]).toBeCloseTo(1 / 0.7, 6);
    // counter-based: the mask of a sub-range is the same slice of the full mask
    const part = pair.wasm.alloc(100 * 4);
    pair.wasm.dropoutForward(100, x[0] + 400, y[0], part, 0.3, 1234, 5100);
    expect(Array.from(download(pair.wasm, part, 100))).toEqual(Array.from(m.slice(100, 200)));
    // a different seed gives a different mask
    pair.wasm.dropoutForward(100, x[0], y[0], part, 0.3, 1235, 5000);
    expect(Array.from(download(pair.wasm, part, 100))).not.toEqual(Array.from(m.slice(0, 100)));
  });
});

const activations = Object.entries(ActivationKind) as Array<[string, ActivationKindId]>;

describe('activations', () => {
  for (const [name, kind] of activations) {
    it(`${name} forward and backward match the reference`, () => {
      const alpha = kind === ActivationKind.elu ? 1.3 : 0.05;
      const values = [...randomValues(N - 8, 7, -6, 6), 0, -0, 1e-4, -1e-4, 15, -15, 40, -40];
      const x = pair.put(values);
      const [y, dx] = [pair.zeros(N), pair.zeros(N)];
      const dy = pair.random(N, 8);
      pair.wasm.activationForward(kind, N, x[0], y[0], alpha);
      pair.ref.activationForward(kind, N, x[1], y[1], alpha);
      expectClose(download(pair.wasm, y[0], N), download(pair.ref, y[1], N), 2e-6, `${name} y`);
      pair.wasm.activationBackward(kind, N, x[0], y[0], dy[0], dx[0], alpha);
      pair.ref.activationBackward(kind, N, x[1], y[1], dy[1], dx[1], alpha);
      pair.expectSame(dx, N, 2e-6, `${name} dx`);
    });

    it(`${name} backward matches finite differences (reference)`, () => {
      const k = pair.ref;
      const n = 64;
      const alpha = 0.2;
      // keep away from the kinks of relu/leakyRelu/elu at 0
      const values = Array.from(randomValues(n, 9, -3, 3), (v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
      const x = k.alloc(n * 4);
      k.f32().set(values, x >> 2);
      const [y, dy, dx] = [k.alloc(n * 4), k.alloc(n * 4), k.alloc(n * 4)];
      const weights = randomValues(n, 10);
      k.f32().set(weights, dy >> 2);
      k.activationForward(kind, n, x, y, alpha);
      k.activationBackward(kind, n, x, y, dy, dx, alpha);
      const idx = sampleIndices(n);
      const numeric = numericGradient(k, x, idx, () => {
        k.activationForward(kind, n, x, y, alpha);
        return dot(k, y, weights);
      }, 1e-3);
      expectClose(idx.map((i) => k.f32()[(dx >> 2) + i]), numeric, 2e-3, `${name} dx`);
    });
  }

  it('softmax forward/backward match the reference, rows sum to 1, large logits stay finite', () => {
    const rows = 9;
    const cols = 13;
    const values = randomValues(rows * cols, 11, -5, 5);
    values[0] = 1000;
    values[cols] = -1000;
    const x = pair.put(values);
    const [y, dx] = [pair.zeros(rows * cols), pair.zeros(rows * cols)];
    const dy = pair.random(rows * cols, 12);
    pair.wasm.softmaxForward(rows, cols, x[0], y[0]);
    pair.ref.softmaxForward(rows, cols, x[1], y[1]);
    pair.expectSame(y, rows * cols, 1e-5, 'softmax');
    const out = download(pair.wasm, y[0], rows * cols);
    for (let r = 0; r < rows; r++) expect(out.slice(r * cols, (r + 1) * cols).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    pair.wasm.softmaxBackward(rows, cols, y[0], dy[0], dx[0]);
    pair.ref.softmaxBackward(rows, cols, y[1], dy[1], dx[1]);
    pair.expectSame(dx, rows * cols, 1e-5, 'softmax dx');
  });
});

describe('reductions', () => {
  it('sum, sumSquares, sumAbs', () => {
    for (const n of [0, 1, 3, 4, 1001, 100003]) {
      const x = pair.random(n, 13, -2, 1);
      for (const op of ['sum', 'sumSquares', 'sumAbs'] as const) {
        expectClose([pair.wasm[op](n, x[0])], [pair.ref[op](n, x[1])], 1e-9, `${op}(${n})`);
      }
    }
  });

  it('hasNonFinite finds NaN and ±Inf anywhere, including the tail', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      for (const position of [0, 5, 1002]) {
        const values = randomValues(1003, 14);
        values[position] = bad;
        const [w] = pair.put(values);
        expect(pair.wasm.hasNonFinite(1003, w)).toBe(true);
      }
    }
    const [ok] = pair.put([...randomValues(1000, 15), 3.4e38, -3.4e38, 1e-45]);
    expect(pair.wasm.hasNonFinite(1003, ok)).toBe(false);
  });

  it('argmaxRows picks the first maximum and skips NaN', () => {
    const rows = 6;
    const cols = 7;
    const values = randomValues(rows * cols, 16);
    values[3] = 5;
    values[5] = 5; // tie: first wins
    values[cols] = NaN;
    const x = pair.put(values);
    const out = pair.zeros(rows);
    pair.wasm.argmaxRows(rows, cols, x[0], out[0]);
    pair.ref.argmaxRows(rows, cols, x[1], out[1]);
    const got = Array.from(downloadInt(pair.wasm, out[0], rows));
    expect(got).toEqual(Array.from(downloadInt(pair.ref, out[1], rows)));
    expect(got[0]).toBe(3);
  });
});
