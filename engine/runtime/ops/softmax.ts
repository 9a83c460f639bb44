/** Softmax over the last axis. */
import type { Kernels, Ptr } from '../../kernels/api';

export interface SoftmaxArgs {
  rows: number;
  cols: number;
  x: Ptr;
  y: Ptr;
  dy: Ptr;
  dx: Ptr;
}

export function forward(k: Kernels, a: SoftmaxArgs): void {
  k.softmaxForward(a.rows, a.cols, a.x, a.y);
}

/** dx = y ⊙ (dy − Σ dy⊙y), row-wise. */
export function backward(k: Kernels, a: SoftmaxArgs): void {
  if (a.dx) k.softmaxBackward(a.rows, a.cols, a.y, a.dy, a.dx);
}
