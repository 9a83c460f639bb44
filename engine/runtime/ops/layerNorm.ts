/** Layer normalisation over the last axis with learnable gamma and beta. */
import type { Kernels, Ptr } from '../../kernels/api';

export interface LayerNormArgs {
  rows: number;
  cols: number;
  eps: number;
  x: Ptr;
  gamma: Ptr;
  beta: Ptr;
  y: Ptr;
  saveMean: Ptr;
  saveInvStd: Ptr;
  dy: Ptr;
  /** Always a buffer: the kernel writes dx even when the input needs none. */
  dx: Ptr;
  dgamma: Ptr;
  dbeta: Ptr;
}

export function forward(k: Kernels, a: LayerNormArgs): void {
  k.layerNormForward(a.rows, a.cols, a.x, a.gamma, a.beta, a.eps, a.y, a.saveMean, a.saveInvStd);
}

export function backward(k: Kernels, a: LayerNormArgs): void {
  k.layerNormBackward(a.rows, a.cols, a.x, a.dy, a.gamma, a.saveMean, a.saveInvStd, a.dx, a.dgamma, a.dbeta);
}
