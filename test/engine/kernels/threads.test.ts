import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kernels } from '../../../engine/kernels/api';
import { ActivationKind } from '../../../engine/kernels/api';
import { createKernels } from '../../../engine/kernels/index';
import { convGeometry } from './geometry';
import { download, expectClose, randomValues, upload } from './harness';

let single: Kernels;
let threaded: Kernels;
beforeAll(async () => {
  single = await createKernels({ threads: 1 });
  threaded = await createKernels({ threads: 2 });
});
afterAll(() => {
  single.dispose();
  threaded.dispose();
});

/** Runs `run` on both kernels with the same inputs; returns the two outputs. */
function both(inputs: Float32Array[], outputLength: number, run: (k: Kernels, ptrs: number[], out: number) => void): [Float32Array, Float32Array] {
  return [single, threaded].map((k) => {
    const ptrs = inputs.map((values) => upload(k, values));
    const out = upload(k, randomValues(outputLength, 99));
    run(k, ptrs, out);
    return download(k, out, outputLength);
  }) as [Float32Array, Float32Array];
}

describe('threaded kernels', () => {
  it('run on two threads over a shared memory', () => {
    expect(threaded.threads).toBe(2);
    expect(threaded.name).toBe('wasm-simd-threads');
    expect(threaded.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  const gemmShapes: Array<[number, number, number]> = [
    [256, 192, 128], // split by rows
    [9, 700, 300], // few rows: split by columns
    [133, 131, 129],
  ];
  for (const [M, N, K] of gemmShapes) {
    for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
      it(`gemm ${M}x${N}x${K} transA=${transA} transB=${transB} gives the single-threaded result exactly`, () => {
        const [s, t] = both([randomValues(M * K, 1), randomValues(K * N, 2)], M * N, (k, [a, b], c) =>
          k.gemm(transA, transB, M, N, K, 0.5, a, transA ? M : K, b, transB ? K : N, 0.25, c, N),
        );
        expect(Array.from(t)).toEqual(Array.from(s));
      });
    }
  }

  it('conv2d forward, backward-input and backward-filter agree with single-threaded', () => {
    const g = convGeometry({ batch: 5, inH: 14, inW: 13, inC: 8, outC: 16, k: 3, stride: 1, pad: 1 });
    const nx = g.batch * g.inH * g.inW * g.inC;
    const nw = g.kH * g.kW * g.inC * g.outC;
    const ny = g.batch * g.outH * g.outW * g.outC;
    const x = randomValues(nx, 3);
    const w = randomValues(nw, 4);
    const dy = randomValues(ny, 5);
    const withScratch = (k: Kernels) => k.alloc(k.conv2dScratchBytes(g));
    const [ys, yt] = both([x, w], ny, (k, [xp, wp], y) => k.conv2dForward(g, xp, wp, y, withScratch(k)));
    expect(Array.from(yt)).toEqual(Array.from(ys));
    const [dxs, dxt] = both([dy, w], nx, (k, [dyp, wp], dx) => k.conv2dBackwardInput(g, dyp, wp, dx, withScratch(k)));
    expect(Array.from(dxt)).toEqual(Array.from(dxs));
    // partial filter gradients are summed in a different order: equal up to rounding
    const [dws, dwt] = both([x, dy], nw, (k, [xp, dyp], dw) => k.conv2dBackwardFilter(g, xp, dyp, dw, withScratch(k)));
    expectClose(dwt, dws, 1e-5, 'dw');
  });

  it('conv2d with a bias and its gradient agrees with single-threaded', () => {
    const g = convGeometry({ batch: 6, inH: 9, inW: 8, inC: 4, outC: 13, k: 3, stride: 1, pad: 1 });
    const nx = g.batch * g.inH * g.inW * g.inC;
    const nw = g.kH * g.kW * g.inC * g.outC;
    const ny = g.batch * g.outH * g.outW * g.outC;
    const [x, w, bias, dy] = [randomValues(nx, 13), randomValues(nw, 14), randomValues(g.outC, 15), randomValues(ny, 16)];
    const withScratch = (k: Kernels) => k.alloc(k.conv2dScratchBytes(g));
    const [ys, yt] = both([x, w, bias], ny, (k, [xp, wp, bp], y) => k.conv2dForward(g, xp, wp, y, withScratch(k), bp));
    expect(Array.from(yt)).toEqual(Array.from(ys));
    const [dbs, dbt] = both([x, dy], g.outC, (k, [xp, dyp], db) => k.conv2dBackwardFilter(g, xp, dyp, k.alloc(nw * 4), withScratch(k), db));
    expectClose(dbt, dbs, 1e-5, 'dbias');
  });

  // large enough to be split across the threads
  const poolG = { batch: 8, inH: 32, inW: 32, channels: 16, kH: 2, kW: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0, outH: 16, outW: 16 };
  const poolIn = 8 * 32 * 32 * 16;
  const poolOut = poolIn / 4;
  it('max pooling forward and backward give the single-threaded result exactly', () => {
    const x = randomValues(poolIn, 17);
    const [as, at] = both([x], poolOut, (k, [xp], argmax) => k.maxPool2dForward(poolG, xp, k.alloc(poolOut * 4), argmax));
    expect(Array.from(new Int32Array(at.buffer))).toEqual(Array.from(new Int32Array(as.buffer)));
    const argmax = Array.from(new Int32Array(as.buffer));
    const [dxs, dxt] = both([randomValues(poolOut, 18)], poolIn, (k, [dyp], dx) => k.maxPool2dBackward(poolG, dyp, upload(k, argmax, true), dx));
    expect(Array.from(dxt)).toEqual(Array.from(dxs));
  });

  it('activations and the Adam update over large arrays give the single-threaded result exactly', () => {
    const n = 300_001; // not a multiple of the split alignment
    const [x, dy] = [randomValues(n, 19), randomValues(n, 20)];
    for (const kind of [ActivationKind.relu, ActivationKind.tanh]) {
      const [ys, yt] = both([x], n, (k, [xp], y) => k.activationForward(kind, n, xp, y, 0));
      expect(Array.from(yt)).toEqual(Array.from(ys));
      const [dxs, dxt] = both([x, ys, dy], n, (k, [xp, yp, dyp], dx) => k.activationBackward(kind, n, xp, yp, dyp, dx, 0));
      expect(Array.from(dxt)).toEqual(Array.from(dxs));
    }
    const adam = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, step: 3, weightDecay: 0.01, decoupled: false };
    const [ws, wt] = both([randomValues(n, 21), randomValues(n, 22, 0, 1)], n, (k, [g, v], w) => k.adamUpdate(n, w, g, k.alloc(n * 4), v, adam));
    expect(Array.from(wt)).toEqual(Array.from(ws));
  });

  it('the other kernels work on the shared memory too', () => {
    const [s, t] = both([randomValues(640, 6)], 640, (k, [x], y) => k.softmaxForward(64, 10, x, y));
    expect(Array.from(t)).toEqual(Array.from(s));
  });

  it('memory growth is visible to the workers', () => {
    threaded.alloc(96 * 1024 * 1024); // forces growth after the workers started
    const n = 128;
    const [s, t] = both([randomValues(n * n, 7), randomValues(n * n, 8)], n * n, (k, [a, b], c) => k.gemm(false, false, n, n, n, 1, a, n, b, n, 0, c, n));
    expect(Array.from(t)).toEqual(Array.from(s));
  });

  it('a process that never calls dispose() still exits', () => {
    const script = fileURLToPath(new URL('./fixtures/exitWithoutDispose.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('wasm-simd-threads 2');
    expect(result.status).toBe(0);
  });

  it('dispose() stops the pool; later parallel calls fail loudly', async () => {
    const k = await createKernels({ threads: 2 });
    k.dispose();
    k.dispose(); // idempotent
    const n = 128;
    const a = k.alloc(n * n * 4);
    expect(() => k.gemm(false, false, n, n, n, 1, a, n, a, n, 0, a, n)).toThrow(/disposed/);
  });
});
