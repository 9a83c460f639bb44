/**
 * The contract between the engine runtime and its compute kernels.
 *
 * Every tensor lives in one WebAssembly.Memory. A `Ptr` is a byte offset into that memory,
 * 16-byte aligned for f32 data. Kernels never allocate: callers pass every output and scratch
 * buffer. Layouts: activations are NHWC (channels last); Dense weights are [in, out] (y = x·W + b);
 * Conv2D weights are [kH, kW, inC, outC] (HWIO). Matrices are row-major.
 *
 * Two implementations satisfy it: the WebAssembly kernels (single-threaded, or threaded over a
 * shared memory) and a plain TypeScript reference used by tests and as a last-resort fallback.
 */
export type Ptr = number;

/** Activation kinds, numbered as the C kernels number them. */
export const ActivationKind = {
  identity: 0,
  relu: 1,
  sigmoid: 2,
  tanh: 3,
  leakyRelu: 4,
  elu: 5,
  gelu: 6, // exact (erf) form, as PyTorch's default
  silu: 7,
} as const;
export type ActivationKindId = (typeof ActivationKind)[keyof typeof ActivationKind];

/** Geometry of a 2-D convolution over NHWC input with HWIO weights. */
export interface Conv2dGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outC: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  /** Zero padding before the first row/column; padding after is implied by outH/outW. */
  padTop: number;
  padLeft: number;
  dilationH: number;
  dilationW: number;
  outH: number;
  outW: number;
}

/** Geometry of a 2-D pooling window over NHWC input (channels pooled independently). */
export interface Pool2dGeometry {
  batch: number;
  inH: number;
  inW: number;
  channels: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  outH: number;
  outW: number;
}

/** PyTorch-compatible optimiser hyper-parameters for the fused update kernels. */
export interface AdamParams {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** 1-based step count, used for bias correction. */
  step: number;
  weightDecay: number;
  /** true: AdamW (w -= lr·wd·w); false: L2 added to the gradient as torch.optim.Adam does. */
  decoupled: boolean;
}

export interface Kernels {
  /** The memory every Ptr points into. Views must be re-created after it grows. */
  readonly memory: WebAssembly.Memory;
  /** Worker threads the big kernels are split across (1 = single-threaded). */
  readonly threads: number;
  /** Which implementation this is, for reports: "wasm-simd", "wasm-simd-threads" or "reference". */
  readonly name: string;
  /** Stops the worker threads (if any); the kernels must not be used afterwards. Idempotent. */
  dispose(): void;

  // ---- memory -------------------------------------------------------------------------------
  /** Allocates `bytes` (16-byte aligned, zero-filled); grows memory when needed. Throws a RangeError naming the size when memory is exhausted. */
  alloc(bytes: number): Ptr;
  free(ptr: Ptr): void;
  /** Bytes currently allocated (for leak checks and the memory benchmark). */
  allocatedBytes(): number;
  f32(): Float32Array;
  i32(): Int32Array;

  // ---- dense linear algebra -----------------------------------------------------------------
  /** C = alpha·op(A)·op(B) + beta·C; op(A) is M×K, op(B) is K×N; lda/ldb/ldc are row strides of the stored matrices. */
  gemm(transA: boolean, transB: boolean, M: number, N: number, K: number, alpha: number, a: Ptr, lda: number, b: Ptr, ldb: number, beta: number, c: Ptr, ldc: number): void;
  /** y[r, c] += bias[c] for a rows×cols matrix. */
  addBias(rows: number, cols: number, y: Ptr, bias: Ptr): void;
  /** dbias[c] = Σ_r dy[r, c] (overwrites). */
  biasGrad(rows: number, cols: number, dy: Ptr, dbias: Ptr): void;

  // ---- convolution (NHWC, HWIO) -------------------------------------------------------------
  /** Bytes of scratch the three conv kernels need for this geometry. */
  conv2dScratchBytes(g: Conv2dGeometry): number;
  /** y = conv(x, w) + bias; bias is a per-output-channel vector, or 0 / omitted for none. */
  conv2dForward(g: Conv2dGeometry, x: Ptr, w: Ptr, y: Ptr, scratch: Ptr, bias?: Ptr): void;
  /** dx = ∂L/∂x (overwrites dx). */
  conv2dBackwardInput(g: Conv2dGeometry, dy: Ptr, w: Ptr, dx: Ptr, scratch: Ptr): void;
  /** dw = ∂L/∂w (overwrites dw); when dbias is given (non-zero) also dbias = Σ dy over batch and pixels (overwrites). */
  conv2dBackwardFilter(g: Conv2dGeometry, x: Ptr, dy: Ptr, dw: Ptr, scratch: Ptr, dbias?: Ptr): void;

  // ---- pooling ------------------------------------------------------------------------------
  /** argmax (Int32, one per output element) records the flat input index chosen, for backward. */
  maxPool2dForward(g: Pool2dGeometry, x: Ptr, y: Ptr, argmax: Ptr): void;
  /** dx overwritten (zeroed then scattered). */
  maxPool2dBackward(g: Pool2dGeometry, dy: Ptr, argmax: Ptr, dx: Ptr): void;
  /** Average over the window's in-bounds elements (padding excluded from the divisor). */
  avgPool2dForward(g: Pool2dGeometry, x: Ptr, y: Ptr): void;
  avgPool2dBackward(g: Pool2dGeometry, dy: Ptr, dx: Ptr): void;

  // ---- elementwise --------------------------------------------------------------------------
  fill(n: number, value: number, out: Ptr): void;
  copy(n: number, src: Ptr, dst: Ptr): void;
  add(n: number, a: Ptr, b: Ptr, out: Ptr): void;
  sub(n: number, a: Ptr, b: Ptr, out: Ptr): void;
  mul(n: number, a: Ptr, b: Ptr, out: Ptr): void;
  /** out = a·s */
  scale(n: number, a: Ptr, s: number, out: Ptr): void;
  /** y += alpha·x */
  axpy(n: number, alpha: number, x: Ptr, y: Ptr): void;
  /** g += l1·sign(w) */
  addSignScaled(n: number, w: Ptr, l1: number, g: Ptr): void;
  /** x = min(max(x, lo), hi) in place. */
  clamp(n: number, x: Ptr, lo: number, hi: number): void;
  /** Copies a rows×cols block between row-strided buffers; accumulate adds instead of overwriting (concat / split). */
  copy2d(rows: number, cols: number, src: Ptr, srcStride: number, dst: Ptr, dstStride: number, accumulate: boolean): void;
  /** mask[i] = 0 or 1/(1-p) from a counter-based RNG keyed by (seed, offset); y = x·mask. */
  dropoutForward(n: number, x: Ptr, y: Ptr, mask: Ptr, p: number, seed: number, offset: number): void;

  // ---- activations --------------------------------------------------------------------------
  /** alpha is the negative slope (LeakyReLU) or α (ELU); ignored otherwise. */
  activationForward(kind: ActivationKindId, n: number, x: Ptr, y: Ptr, alpha: number): void;
  /** dx = dy·f'(x); x is the forward input, y the forward output (kernels use whichever is cheaper). */
  activationBackward(kind: ActivationKindId, n: number, x: Ptr, y: Ptr, dy: Ptr, dx: Ptr, alpha: number): void;
  /** Row-wise softmax, numerically stable. */
  softmaxForward(rows: number, cols: number, x: Ptr, y: Ptr): void;
  /** dx = y ⊙ (dy − Σ dy⊙y) row-wise. */
  softmaxBackward(rows: number, cols: number, y: Ptr, dy: Ptr, dx: Ptr): void;

  // ---- losses: each returns the mean loss and writes ∂loss/∂input (already divided for the mean) ----
  /** Sparse categorical cross-entropy from logits; labels are Int32 class indices. Mean over rows. */
  softmaxCrossEntropySparse(rows: number, cols: number, logits: Ptr, labels: Ptr, dlogits: Ptr): number;
  /** Categorical cross-entropy from logits against target distributions. Mean over rows. */
  softmaxCrossEntropyDense(rows: number, cols: number, logits: Ptr, targets: Ptr, dlogits: Ptr): number;
  /** Binary cross-entropy from logits (stable). Mean over all elements. */
  sigmoidBinaryCrossEntropy(n: number, logits: Ptr, targets: Ptr, dlogits: Ptr): number;
  /** KL(targets ‖ softmax(logits)), summed over classes, mean over rows (PyTorch "batchmean"). */
  klDivergenceFromLogits(rows: number, cols: number, logits: Ptr, targets: Ptr, dlogits: Ptr): number;
  /** Mean over all elements. */
  meanSquaredError(n: number, pred: Ptr, targets: Ptr, dpred: Ptr): number;
  meanAbsoluteError(n: number, pred: Ptr, targets: Ptr, dpred: Ptr): number;
  huber(n: number, pred: Ptr, targets: Ptr, delta: number, dpred: Ptr): number;

  // ---- normalisation ------------------------------------------------------------------------
  /**
   * Batch norm over `rows` = N·H·W samples of `channels` (NHWC). Saves mean and 1/sqrt(var+eps)
   * (biased var) for backward; updates running stats as PyTorch does (unbiased var, momentum m:
   * run = (1−m)·run + m·batch).
   */
  batchNormForwardTrain(rows: number, channels: number, x: Ptr, gamma: Ptr, beta: Ptr, eps: number, momentum: number, y: Ptr, saveMean: Ptr, saveInvStd: Ptr, runMean: Ptr, runVar: Ptr): void;
  batchNormForwardInference(rows: number, channels: number, x: Ptr, gamma: Ptr, beta: Ptr, runMean: Ptr, runVar: Ptr, eps: number, y: Ptr): void;
  /** Overwrites dx, dgamma, dbeta. */
  batchNormBackward(rows: number, channels: number, x: Ptr, dy: Ptr, gamma: Ptr, saveMean: Ptr, saveInvStd: Ptr, dx: Ptr, dgamma: Ptr, dbeta: Ptr): void;
  /** Layer norm over the last dimension (cols). */
  layerNormForward(rows: number, cols: number, x: Ptr, gamma: Ptr, beta: Ptr, eps: number, y: Ptr, saveMean: Ptr, saveInvStd: Ptr): void;
  /** Overwrites dx, dgamma, dbeta. */
  layerNormBackward(rows: number, cols: number, x: Ptr, dy: Ptr, gamma: Ptr, saveMean: Ptr, saveInvStd: Ptr, dx: Ptr, dgamma: Ptr, dbeta: Ptr): void;

  // ---- reductions ---------------------------------------------------------------------------
  sum(n: number, x: Ptr): number;
  sumSquares(n: number, x: Ptr): number;
  sumAbs(n: number, x: Ptr): number;
  /** true when any element is NaN or ±Inf. */
  hasNonFinite(n: number, x: Ptr): boolean;
  /** out[r] = index of the largest element of row r (Int32). */
  argmaxRows(rows: number, cols: number, x: Ptr, out: Ptr): void;

  // ---- fused optimiser updates (PyTorch semantics; weightDecay is coupled L2 unless noted) ---
  /** momentum 0 = plain SGD; nesterov uses PyTorch's formulation. vel may be 0 when momentum is 0. */
  sgdUpdate(n: number, w: Ptr, g: Ptr, vel: Ptr, lr: number, momentum: number, nesterov: boolean, weightDecay: number): void;
  adagradUpdate(n: number, w: Ptr, g: Ptr, sumSq: Ptr, lr: number, eps: number, weightDecay: number): void;
  adadeltaUpdate(n: number, w: Ptr, g: Ptr, sqAvg: Ptr, accDelta: Ptr, lr: number, rho: number, eps: number, weightDecay: number): void;
  /** Non-centred RMSprop; mom may be 0 when momentum is 0. */
  rmspropUpdate(n: number, w: Ptr, g: Ptr, sqAvg: Ptr, mom: Ptr, lr: number, alpha: number, eps: number, momentum: number, weightDecay: number): void;
  adamUpdate(n: number, w: Ptr, g: Ptr, m: Ptr, v: Ptr, p: AdamParams): void;
}
