/** Element-wise sum of two or more tensors of the same shape. */
import type { Kernels, Ptr } from '../../kernels/api';

export interface AddArgs {
  n: number;
  xs: Ptr[];
  y: Ptr;
  dy: Ptr;
  /** One per input; 0 where that input needs no gradient. */
  dxs: Ptr[];
}

export function forward(k: Kernels, a: AddArgs): void {
  k.add(a.n, a.xs[0], a.xs[1], a.y);
  for (let i = 2; i < a.xs.length; i++) k.add(a.n, a.y, a.xs[i], a.y);
}

/** Each input receives the output gradient unchanged. */
export function backward(k: Kernels, a: AddArgs): void {
  for (const dx of a.dxs) if (dx) k.copy(a.n, a.dy, dx);
}
