/**
 * `Kernels` over an instance of the C kernels module (single-threaded or threaded). Scalar
 * arguments pass straight through; geometries are written to small Int32 blocks the C code
 * reads; GEMM and convolutions are split across the thread pool when it pays off.
 */
import type { AdamParams, Conv2dGeometry, Kernels, Pool2dGeometry, Ptr } from './api';
import type { HeapAllocator } from './allocator';
import { checkConvGeometry, checkPoolGeometry, convGeometryFields, planConv, poolGeometryFields, splitRange } from './convPlan';
import { MemoryViews } from './memoryViews';
import type { ThreadPool } from './threadPool';

/** Work (multiply-adds) below which splitting across threads costs more than it saves. */
const PARALLEL_MIN_MACS = 1 << 20;
/**
 * Elements below which a memory-bound pass stays on one thread. Handing half of a call to a worker
 * and waiting for it costs ~20-30 µs (measured: ReLU over 2^17 floats takes 17 µs on one thread and
 * 27 µs split in two), so a split pays only for passes that take ~50 µs or more: a ReLU or max
 * pooling over ~2^18 input elements, an Adam update (seven streams, a square root and a division
 * per element) over ~2^16.
 */
const PARALLEL_MIN_ELEMENTS = 1 << 18;
const PARALLEL_MIN_ADAM_ELEMENTS = 1 << 16;

/** The exports that may run on pool workers. */
export const PARALLEL_KERNELS = [
  'gemm', 'conv2d_forward_images', 'conv2d_backward_input_images', 'conv2d_backward_filter_images',
  'max_pool2d_forward_images', 'max_pool2d_backward_images', 'activation_forward', 'activation_backward', 'adam_update',
] as const;

type WasmFunction = (...args: number[]) => number;

/** Every function export the binding calls; checked at creation so a stale .wasm fails loudly. */
const KERNEL_EXPORTS = [
  'gemm', 'add_bias', 'bias_grad', 'conv2d_forward_images', 'conv2d_backward_input_images', 'conv2d_backward_filter_images',
  'max_pool2d_forward_images', 'max_pool2d_backward_images', 'avg_pool2d_forward', 'avg_pool2d_backward',
  'fill', 'copy', 'add', 'sub', 'mul', 'scale', 'axpy', 'add_sign_scaled', 'clamp', 'copy2d', 'dropout_forward',
  'activation_forward', 'activation_backward', 'softmax_forward', 'softmax_backward',
  'softmax_cross_entropy_sparse', 'softmax_cross_entropy_dense', 'sigmoid_binary_cross_entropy', 'kl_divergence_from_logits',
  'mean_squared_error', 'mean_absolute_error', 'huber',
  'batch_norm_forward_train', 'batch_norm_forward_inference', 'batch_norm_backward', 'layer_norm_forward', 'layer_norm_backward',
  'sum', 'sum_squares', 'sum_abs', 'has_non_finite', 'argmax_rows',
  'sgd_update', 'adagrad_update', 'adadelta_update', 'rmsprop_update', 'adam_update',
] as const;

type KernelExports = Record<(typeof KERNEL_EXPORTS)[number], WasmFunction>;

function bindExports(exports: WebAssembly.Exports): KernelExports {
  const bound: Partial<KernelExports> = {};
  for (const name of KERNEL_EXPORTS) {
    const f = exports[name];
    if (typeof f !== 'function') throw new Error(`kernels module has no export "${name}" (rebuild with npm run build:kernels)`);
    bound[name] = f as WasmFunction;
  }
  return bound as KernelExports;
}

/** What createWasmKernels needs: an instantiated module, its memory and heap, and an optional pool. */
export interface WasmKernelsSetup {
  exports: WebAssembly.Exports;
  memory: WebAssembly.Memory;
  heap: HeapAllocator;
  pool: ThreadPool | null;
  name: string;
}

/** Builds the Kernels object over an instantiated kernels module. */
export function createWasmKernels({ exports, memory, heap, pool, name }: WasmKernelsSetup): Kernels {
  const x = bindExports(exports);
  const views = new MemoryViews(memory);
  const convBlock = heap.alloc(128);
  const poolBlock = heap.alloc(64);
  const internalBytes = heap.allocatedBytes(); // control blocks and worker stacks are not the caller's
  const threads = pool?.size ?? 1;
  const b = (v: boolean): number => (v ? 1 : 0);

  const runParts = (kernel: (typeof PARALLEL_KERNELS)[number], parts: number[][]): void => {
    if (parts.length === 1 || !pool) for (const p of parts) x[kernel](...p);
    else pool.run(kernel, parts);
  };
  const writeConv = (g: Conv2dGeometry) => {
    checkConvGeometry(g);
    const plan = planConv(g, threads);
    views.i32().set(convGeometryFields(g, plan), convBlock >> 2);
    const parallel = threads > 1 && plan.rows * plan.kkc * g.outC >= PARALLEL_MIN_MACS;
    return { plan, parts: parallel ? threads : 1 };
  };
  const writePool = (g: Pool2dGeometry): number => {
    checkPoolGeometry(g);
    views.i32().set(poolGeometryFields(g), poolBlock >> 2);
    return poolBlock;
  };
  /** Image ranges for a pooling call: one per thread when the pooled input is large enough to pay for the split. */
  const poolImages = (g: Pool2dGeometry): Array<[number, number]> => {
    const big = threads > 1 && g.batch * g.inH * g.inW * g.channels >= PARALLEL_MIN_ELEMENTS;
    return splitRange(g.batch, big ? threads : 1, 1);
  };
  /** Whether an n-element pass is split across threads (in 16-element aligned ranges: whole vectors). */
  const splitElements = (n: number, minimum = PARALLEL_MIN_ELEMENTS): boolean => threads > 1 && n >= minimum;

  return {
    memory,
    threads,
    name,
    dispose: () => pool?.dispose(),
    alloc: (bytes) => heap.alloc(bytes),
    free: (ptr) => heap.free(ptr),
    allocatedBytes: () => heap.allocatedBytes() - internalBytes,
    f32: () => views.f32(),
    i32: () => views.i32(),

    gemm(tA, tB, M, N, K, alpha, a, lda, bp, ldb, beta, c, ldc) {
      const ta = b(tA);
      const tb = b(tB);
      if (threads === 1 || M * N * K < PARALLEL_MIN_MACS) {
        x.gemm(ta, tb, M, N, K, alpha, a, lda, bp, ldb, beta, c, ldc);
        return;
      }
      // Every thread packs the whole of the operand that is not split: split rows (duplicating B, K×N)
      // when B is the smaller one, columns (duplicating A, M×K) otherwise, as long as each part keeps whole tiles.
      const byRows = (M >= N && M >= 8 * threads) || N < 16 * threads;
      const parts = byRows
        ? splitRange(M, threads, 4).map(([m0, m1]) => [ta, tb, m1 - m0, N, K, alpha, ta ? a + m0 * 4 : a + m0 * lda * 4, lda, bp, ldb, beta, c + m0 * ldc * 4, ldc])
        : splitRange(N, threads, 8).map(([n0, n1]) => [ta, tb, M, n1 - n0, K, alpha, a, lda, tb ? bp + n0 * ldb * 4 : bp + n0 * 4, ldb, beta, c + n0 * 4, ldc]);
      runParts('gemm', parts);
    },
    addBias: (rows, cols, y, bias) => void x.add_bias(rows, cols, y, bias),
    biasGrad: (rows, cols, dy, dbias) => void x.bias_grad(rows, cols, dy, dbias),

    conv2dScratchBytes: (g) => {
      checkConvGeometry(g);
      return planConv(g, threads).perThreadBytes * threads;
    },
    // Convolutions split by images: each thread packs its own weights and pads its own images.
    conv2dForward(g, xp, w, y, scratch, bias = 0) {
      const { plan, parts } = writeConv(g);
      const ranges = splitRange(g.batch, parts, 1);
      runParts('conv2d_forward_images', ranges.map(([b0, b1], t) => [convBlock, xp, w, bias, y, scratch + t * plan.perThreadBytes, b0, b1]));
    },
    conv2dBackwardInput(g, dy, w, dx, scratch) {
      const { plan, parts } = writeConv(g);
      const ranges = splitRange(g.batch, parts, 1);
      runParts('conv2d_backward_input_images', ranges.map(([b0, b1], t) => [convBlock, dy, w, dx, scratch + t * plan.perThreadBytes, b0, b1]));
    },
    conv2dBackwardFilter(g, xp, dy, dw, scratch, dbias = 0) {
      const { plan, parts } = writeConv(g);
      const ranges = splitRange(g.batch, parts, 1);
      const dwOf = (t: number): Ptr => (t === 0 ? dw : scratch + t * plan.perThreadBytes + plan.partialOffset);
      const dbiasOf = (t: number): Ptr => (t === 0 || !dbias ? dbias : dwOf(t) + plan.kkc * g.outC * 4);
      runParts('conv2d_backward_filter_images', ranges.map(([b0, b1], t) => [convBlock, xp, dy, dwOf(t), dbiasOf(t), scratch + t * plan.perThreadBytes, b0, b1]));
      for (let t = 1; t < ranges.length; t++) {
        x.add(plan.kkc * g.outC, dw, dwOf(t), dw);
        if (dbias) x.add(g.outC, dbias, dbiasOf(t), dbias);
      }
    },

    maxPool2dForward(g, xp, y, argmax) {
      const block = writePool(g);
      if (threads === 1) return void x.max_pool2d_forward_images(block, xp, y, argmax, 0, g.batch);
      runParts('max_pool2d_forward_images', poolImages(g).map(([b0, b1]) => [block, xp, y, argmax, b0, b1]));
    },
    maxPool2dBackward(g, dy, argmax, dx) {
      const block = writePool(g);
      if (threads === 1) return void x.max_pool2d_backward_images(block, dy, argmax, dx, 0, g.batch);
      runParts('max_pool2d_backward_images', poolImages(g).map(([b0, b1]) => [block, dy, argmax, dx, b0, b1]));
    },
    avgPool2dForward: (g, xp, y) => void x.avg_pool2d_forward(writePool(g), xp, y),
    avgPool2dBackward: (g, dy, dx) => void x.avg_pool2d_backward(writePool(g), dy, dx),

    fill: (n, value, out) => void x.fill(n, value, out),
    copy: (n, src, dst) => void x.copy(n, src, dst),
    add: (n, a, bp, out) => void x.add(n, a, bp, out),
    sub: (n, a, bp, out) => void x.sub(n, a, bp, out),
    mul: (n, a, bp, out) => void x.mul(n, a, bp, out),
    scale: (n, a, s, out) => void x.scale(n, a, s, out),
    axpy: (n, alpha, xp, y) => void x.axpy(n, alpha, xp, y),
    addSignScaled: (n, w, l1, g) => void x.add_sign_scaled(n, w, l1, g),
    clamp: (n, xp, lo, hi) => void x.clamp(n, xp, lo, hi),
    copy2d: (rows, cols, src, ss, dst, ds, acc) => void x.copy2d(rows, cols, src, ss, dst, ds, b(acc)),
    dropoutForward: (n, xp, y, mask, p, seed, offset) => void x.dropout_forward(n, xp, y, mask, p, seed, offset),

    activationForward(kind, n, xp, y, alpha) {
      if (!splitElements(n)) return void x.activation_forward(kind, n, xp, y, alpha);
      runParts('activation_forward', splitRange(n, threads, 16).map(([i0, i1]) => [kind, i1 - i0, xp + 4 * i0, y + 4 * i0, alpha]));
    },
    activationBackward(kind, n, xp, y, dy, dx, alpha) {
      if (!splitElements(n)) return void x.activation_backward(kind, n, xp, y, dy, dx, alpha);
      const at = (p: Ptr, i: number): Ptr => (p ? p + 4 * i : 0); // x or y may be 0 when the kind does not read it
      runParts('activation_backward', splitRange(n, threads, 16).map(([i0, i1]) => [kind, i1 - i0, at(xp, i0), at(y, i0), dy + 4 * i0, dx + 4 * i0, alpha]));
    },
    softmaxForward: (rows, cols, xp, y) => void x.softmax_forward(rows, cols, xp, y),
    softmaxBackward: (rows, cols, y, dy, dx) => void x.softmax_backward(rows, cols, y, dy, dx),

    softmaxCrossEntropySparse: (rows, cols, logits, labels, d) => x.softmax_cross_entropy_sparse(rows, cols, logits, labels, d),
    softmaxCrossEntropyDense: (rows, cols, logits, t, d) => x.softmax_cross_entropy_dense(rows, cols, logits, t, d),
    sigmoidBinaryCrossEntropy: (n, logits, t, d) => x.sigmoid_binary_cross_entropy(n, logits, t, d),
    klDivergenceFromLogits: (rows, cols, logits, t, d) => x.kl_divergence_from_logits(rows, cols, logits, t, d),
    meanSquaredError: (n, p, t, d) => x.mean_squared_error(n, p, t, d),
    meanAbsoluteError: (n, p, t, d) => x.mean_absolute_error(n, p, t, d),
    huber: (n, p, t, delta, d) => x.huber(n, p, t, delta, d),

    batchNormForwardTrain: (rows, ch, xp, gamma, beta, eps, mom, y, sm, si, rm, rv) => void x.batch_norm_forward_train(rows, ch, xp, gamma, beta, eps, mom, y, sm, si, rm, rv),
    batchNormForwardInference: (rows, ch, xp, gamma, beta, rm, rv, eps, y) => void x.batch_norm_forward_inference(rows, ch, xp, gamma, beta, rm, rv, eps, y),
    batchNormBackward: (rows, ch, xp, dy, gamma, sm, si, dx, dg, db) => void x.batch_norm_backward(rows, ch, xp, dy, gamma, sm, si, dx, dg, db),
    layerNormForward: (rows, cols, xp, gamma, beta, eps, y, sm, si) => void x.layer_norm_forward(rows, cols, xp, gamma, beta, eps, y, sm, si),
    layerNormBackward: (rows, cols, xp, dy, gamma, sm, si, dx, dg, db) => void x.layer_norm_backward(rows, cols, xp, dy, gamma, sm, si, dx, dg, db),

    sum: (n, xp) => x.sum(n, xp),
    sumSquares: (n, xp) => x.sum_squares(n, xp),
    sumAbs: (n, xp) => x.sum_abs(n, xp),
    hasNonFinite: (n, xp) => x.has_non_finite(n, xp) !== 0,
    argmaxRows: (rows, cols, xp, out) => void x.argmax_rows(rows, cols, xp, out),

    sgdUpdate: (n, w, g, vel, lr, mom, nesterov, wd) => void x.sgd_update(n, w, g, vel, lr, mom, b(nesterov), wd),
    adagradUpdate: (n, w, g, s, lr, eps, wd) => void x.adagrad_update(n, w, g, s, lr, eps, wd),
    adadeltaUpdate: (n, w, g, sq, acc, lr, rho, eps, wd) => void x.adadelta_update(n, w, g, sq, acc, lr, rho, eps, wd),
    rmspropUpdate: (n, w, g, sq, mom, lr, alpha, eps, momentum, wd) => void x.rmsprop_update(n, w, g, sq, mom, lr, alpha, eps, momentum, wd),
    adamUpdate(n, w, g, m, v, p: AdamParams) {
      // Bias corrections in f64: β^t underflows gracefully and 1 − β^t keeps its digits.
      const stepSize = p.lr / (1 - p.beta1 ** p.step);
      const invSqrtBc2 = 1 / Math.sqrt(1 - p.beta2 ** p.step);
      if (!splitElements(n, PARALLEL_MIN_ADAM_ELEMENTS)) return void x.adam_update(n, w, g, m, v, p.lr, p.beta1, p.beta2, p.eps, stepSize, invSqrtBc2, p.weightDecay, b(p.decoupled));
      const args = (i0: number, i1: number) => [i1 - i0, w + 4 * i0, g + 4 * i0, m + 4 * i0, v + 4 * i0, p.lr, p.beta1, p.beta2, p.eps, stepSize, invSqrtBc2, p.weightDecay, b(p.decoupled)];
      runParts('adam_update', splitRange(n, threads, 16).map(([i0, i1]) => args(i0, i1)));
    },
  };
}
