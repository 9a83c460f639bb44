/**
 * The reference implementation of `Kernels`: straightforward TypeScript loops (double-precision
 * accumulation) over a plain WebAssembly.Memory. Tests compare the WebAssembly kernels against it,
 * and it is the fallback where WebAssembly SIMD is unavailable.
 */
import type { AdamParams, Kernels } from './api';
import { HeapAllocator } from './allocator';
import * as linalg from './reference/linalg';
import * as loss from './reference/loss';
import * as norm from './reference/norm';
import * as optim from './reference/optim';
import * as pw from './reference/pointwise';
import { MemoryViews } from './memoryViews';
import { KERNEL_MAX_PAGES as MAX_PAGES, KERNEL_MEMORY_BYTES } from './memoryLimit';

/** Creates the reference kernels over a fresh, growable memory. */
export function createReferenceKernels(options: { maxBytes?: number } = {}): Kernels {
  const memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES });
  // A smaller ceiling than the engine's lets tests reach out-of-memory without gigabytes.
  const heap = new HeapAllocator(memory, 64, Math.min(options.maxBytes ?? KERNEL_MEMORY_BYTES, KERNEL_MEMORY_BYTES));
  const m = new MemoryViews(memory);
  return {
    memory,
    threads: 1,
    name: 'reference',
    dispose: () => {},
    alloc: (bytes) => heap.alloc(bytes),
    free: (ptr) => heap.free(ptr),
    allocatedBytes: () => heap.allocatedBytes(),
    f32: () => m.f32(),
    i32: () => m.i32(),

    gemm: (tA, tB, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc) => linalg.gemm(m, tA, tB, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc),
    addBias: (rows, cols, y, bias) => linalg.addBias(m, rows, cols, y, bias),
    biasGrad: (rows, cols, dy, dbias) => linalg.biasGrad(m, rows, cols, dy, dbias),

    conv2dScratchBytes: () => 0,
    conv2dForward: (g, x, w, y, _scratch, bias) => {
      linalg.conv2dForward(m, g, x, w, y);
      if (bias) linalg.addBias(m, g.batch * g.outH * g.outW, g.outC, y, bias);
    },
    conv2dBackwardInput: (g, dy, w, dx) => linalg.conv2dBackwardInput(m, g, dy, w, dx),
    conv2dBackwardFilter: (g, x, dy, dw, _scratch, dbias) => {
      linalg.conv2dBackwardFilter(m, g, x, dy, dw);
      if (dbias) linalg.biasGrad(m, g.batch * g.outH * g.outW, g.outC, dy, dbias);
    },

    maxPool2dForward: (g, x, y, argmax) => linalg.maxPool2dForward(m, g, x, y, argmax),
    maxPool2dBackward: (g, dy, argmax, dx) => linalg.maxPool2dBackward(m, g, dy, argmax, dx),
    avgPool2dForward: (g, x, y) => linalg.avgPool2dForward(m, g, x, y),
    avgPool2dBackward: (g, dy, dx) => linalg.avgPool2dBackward(m, g, dy, dx),

    fill: (n, value, out) => pw.fill(m, n, value, out),
    copy: (n, src, dst) => pw.copy(m, n, src, dst),
    add: (n, a, b, out) => pw.add(m, n, a, b, out),
    sub: (n, a, b, out) => pw.sub(m, n, a, b, out),
    mul: (n, a, b, out) => pw.mul(m, n, a, b, out),
    scale: (n, a, s, out) => pw.scale(m, n, a, s, out),
    axpy: (n, alpha, x, y) => pw.axpy(m, n, alpha, x, y),
    addSignScaled: (n, w, l1, g) => pw.addSignScaled(m, n, w, l1, g),
    clamp: (n, x, lo, hi) => pw.clamp(m, n, x, lo, hi),
    copy2d: (rows, cols, src, ss, dst, ds, acc) => pw.copy2d(m, rows, cols, src, ss, dst, ds, acc),
    dropoutForward: (n, x, y, mask, p, seed, offset) => pw.dropoutForward(m, n, x, y, mask, p, seed, offset),

    activationForward: (kind, n, x, y, alpha) => pw.activationForward(m, kind, n, x, y, alpha),
    activationBackward: (kind, n, x, y, dy, dx, alpha) => pw.activationBackward(m, kind, n, x, y, dy, dx, alpha),
    softmaxForward: (rows, cols, x, y) => pw.softmaxForward(m, rows, cols, x, y),
    softmaxBackward: (rows, cols, y, dy, dx) => pw.softmaxBackward(m, rows, cols, y, dy, dx),

    softmaxCrossEntropySparse: (rows, cols, logits, labels, d) => loss.softmaxCrossEntropySparse(m, rows, cols, logits, labels, d),
    softmaxCrossEntropyDense: (rows, cols, logits, t, d) => loss.softmaxCrossEntropyDense(m, rows, cols, logits, t, d),
    sigmoidBinaryCrossEntropy: (n, logits, t, d) => loss.sigmoidBinaryCrossEntropy(m, n, logits, t, d),
    klDivergenceFromLogits: (rows, cols, logits, t, d) => loss.klDivergenceFromLogits(m, rows, cols, logits, t, d),
    meanSquaredError: (n, p, t, d) => loss.meanSquaredError(m, n, p, t, d),
    meanAbsoluteError: (n, p, t, d) => loss.meanAbsoluteError(m, n, p, t, d),
    huber: (n, p, t, delta, d) => loss.huber(m, n, p, t, delta, d),

    batchNormForwardTrain: (rows, ch, x, gamma, beta, eps, mom, y, sm, si, rm, rv) => norm.batchNormForwardTrain(m, rows, ch, x, gamma, beta, eps, mom, y, sm, si, rm, rv),
    batchNormForwardInference: (rows, ch, x, gamma, beta, rm, rv, eps, y) => norm.batchNormForwardInference(m, rows, ch, x, gamma, beta, rm, rv, eps, y),
    batchNormBackward: (rows, ch, x, dy, gamma, sm, si, dx, dg, db) => norm.batchNormBackward(m, rows, ch, x, dy, gamma, sm, si, dx, dg, db),
    layerNormForward: (rows, cols, x, gamma, beta, eps, y, sm, si) => norm.layerNormForward(m, rows, cols, x, gamma, beta, eps, y, sm, si),
    layerNormBackward: (rows, cols, x, dy, gamma, sm, si, dx, dg, db) => norm.layerNormBackward(m, rows, cols, x, dy, gamma, sm, si, dx, dg, db),

    sum: (n, x) => pw.sum(m, n, x),
    sumSquares: (n, x) => pw.sumSquares(m, n, x),
    sumAbs: (n, x) => pw.sumAbs(m, n, x),
    hasNonFinite: (n, x) => pw.hasNonFinite(m, n, x),
    argmaxRows: (rows, cols, x, out) => pw.argmaxRows(m, rows, cols, x, out),

    sgdUpdate: (n, w, g, vel, lr, mom, nesterov, wd) => optim.sgdUpdate(m, n, w, g, vel, lr, mom, nesterov, wd),
    adagradUpdate: (n, w, g, s, lr, eps, wd) => optim.adagradUpdate(m, n, w, g, s, lr, eps, wd),
    adadeltaUpdate: (n, w, g, sq, acc, lr, rho, eps, wd) => optim.adadeltaUpdate(m, n, w, g, sq, acc, lr, rho, eps, wd),
    rmspropUpdate: (n, w, g, sq, mom, lr, alpha, eps, momentum, wd) => optim.rmspropUpdate(m, n, w, g, sq, mom, lr, alpha, eps, momentum, wd),
    adamUpdate: (n, w, g, mp, vp, p: AdamParams) => optim.adamUpdate(m, n, w, g, mp, vp, p),
  };
}
