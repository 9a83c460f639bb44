/** Element-wise activation (ReLU, sigmoid, tanh, LeakyReLU, ELU, GELU, SiLU). */
import type { ActivationKindId, Kernels, Ptr } from '../../kernels/api';

export interface ActivationArgs {
  kind: ActivationKindId;
  n: number;
  /** Negative slope (LeakyReLU) or α (ELU). */
  alpha: number;
  x: Ptr;
  y: Ptr;
  dy: Ptr;
  dx: Ptr;
}

export function forward(k: Kernels, a: ActivationArgs): void {
  k.activationForward(a.kind, a.n, a.x, a.y, a.alpha);
}

export function backward(k: Kernels, a: ActivationArgs): void {
  if (a.dx) k.activationBackward(a.kind, a.n, a.x, a.y, a.dy, a.dx, a.alpha);
}
