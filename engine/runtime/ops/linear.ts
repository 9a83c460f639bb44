/** Dense layer core: y = x·W + b with W stored [in, out]. */
import type { Kernels, Ptr } from '../../kernels/api';

export interface LinearArgs {
  rows: number;
  inFeatures: number;
  outFeatures: number;
  x: Ptr;
  w: Ptr;
  /** 0 when the layer has no bias. */
  b: Ptr;
  y: Ptr;
  dy: Ptr;
  /** 0 when the input needs no gradient. */
  dx: Ptr;
  /** 0 when the weights are frozen (no weight gradients). */
  dw: Ptr;
  db: Ptr;
}

export function forward(k: Kernels, a: LinearArgs): void {
  k.gemm(false, false, a.rows, a.outFeatures, a.inFeatures, 1, a.x, a.inFeatures, a.w, a.outFeatures, 0, a.y, a.outFeatures);
  if (a.b) k.addBias(a.rows, a.outFeatures, a.y, a.b);
}

/** dW = xᵀ·dy, db = Σ_rows dy (both skipped for frozen weights), dx = dy·Wᵀ. */
export function backward(k: Kernels, a: LinearArgs): void {
  if (a.dw) k.gemm(true, false, a.inFeatures, a.outFeatures, a.rows, 1, a.x, a.inFeatures, a.dy, a.outFeatures, 0, a.dw, a.outFeatures);
  if (a.b && a.db) k.biasGrad(a.rows, a.outFeatures, a.dy, a.db);
  if (a.dx) k.gemm(false, true, a.rows, a.inFeatures, a.outFeatures, 1, a.dy, a.outFeatures, a.w, a.outFeatures, 0, a.dx, a.inFeatures);
}
