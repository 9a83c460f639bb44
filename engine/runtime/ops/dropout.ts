/** Inverted dropout: y = x·mask with mask ∈ {0, 1/(1−p)}; a fresh mask every step. */
import type { Kernels, Ptr } from '../../kernels/api';

export interface DropoutArgs {
  n: number;
  rate: number;
  seed: number;
  /** Advanced by the plan every step so that masks differ between steps. */
  step: number;
  x: Ptr;
  y: Ptr;
  mask: Ptr;
  dy: Ptr;
  dx: Ptr;
}

export function forward(k: Kernels, a: DropoutArgs): void {
  // The counter offset keeps each step's stream disjoint from the previous ones.
  k.dropoutForward(a.n, a.x, a.y, a.mask, a.rate, a.seed, (a.step * a.n) % 4294967296);
}

export function backward(k: Kernels, a: DropoutArgs): void {
  if (a.dx) k.mul(a.n, a.dy, a.mask, a.dx);
}
