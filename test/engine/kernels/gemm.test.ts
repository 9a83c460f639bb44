import { afterAll, beforeAll, describe, it } from 'vitest';
import { Pair } from './harness';

let pair: Pair;
beforeAll(async () => {
  pair = await Pair.create();
});
afterAll(() => pair.dispose());

describe('gemm', () => {
  const shapes: Array<[number, number, number]> = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 8, 16],
    [17, 9, 33],
    [64, 10, 128],
    [130, 70, 300], // crosses the 128-row and 256-deep blocks, ragged tiles on both sides
    [5, 520, 3], // crosses the 512-column block
  ];
  for (const [M, N, K] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`${M}x${N}x${K} transA=${transA} transB=${transB}`, () => {
          const lda = (transA ? M : K) + 1; // padded strides exercise lda/ldb/ldc
          const ldb = (transB ? K : N) + 2;
          const ldc = N + 3;
          const a = pair.random((transA ? K : M) * lda, 1);
          const b = pair.random((transB ? N : K) * ldb, 2);
          const c = pair.random(M * ldc, 3);
          for (const [alpha, beta] of [[1, 0], [0.5, 1], [-2, 0.25]]) {
            pair.wasm.gemm(transA, transB, M, N, K, alpha, a[0], lda, b[0], ldb, beta, c[0], ldc);
            pair.ref.gemm(transA, transB, M, N, K, alpha, a[1], lda, b[1], ldb, beta, c[1], ldc);
            pair.expectSame(c, M * ldc, 1e-5, `C(alpha=${alpha}, beta=${beta})`);
          }
        });
      }
    }
  }

  it('beta = 0 overwrites C even when it holds NaN', () => {
    const a = pair.random(6, 4);
    const b = pair.random(6, 5);
    const c = pair.put([NaN, NaN, NaN, NaN]);
    pair.wasm.gemm(false, false, 2, 2, 3, 1, a[0], 3, b[0], 2, 0, c[0], 2);
    pair.ref.gemm(false, false, 2, 2, 3, 1, a[1], 3, b[1], 2, 0, c[1], 2);
    pair.expectSame(c, 4);
  });

  it('K = 0 scales C by beta', () => {
    const c = pair.put([1, 2, 3, 4]);
    pair.wasm.gemm(false, false, 2, 2, 0, 1, 0, 1, 0, 2, 3, c[0], 2);
    pair.ref.gemm(false, false, 2, 2, 0, 1, 0, 1, 0, 2, 3, c[1], 2);
    pair.expectSame(c, 4);
  });

  it('addBias and biasGrad', () => {
    const rows = 13;
    const cols = 11;
    const y = pair.random(rows * cols, 6);
    const bias = pair.random(cols, 7);
    pair.wasm.addBias(rows, cols, y[0], bias[0]);
    pair.ref.addBias(rows, cols, y[1], bias[1]);
    pair.expectSame(y, rows * cols);
    const db = pair.zeros(cols);
    pair.wasm.biasGrad(rows, cols, y[0], db[0]);
    pair.ref.biasGrad(rows, cols, y[1], db[1]);
    pair.expectSame(db, cols);
  });
});
