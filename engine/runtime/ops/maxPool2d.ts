/** Max pooling; the forward pass records which input each output took, for the gradient. */
import type { Kernels, Pool2dGeometry, Ptr } from '../../kernels/api';

export interface MaxPool2dArgs {
  g: Pool2dGeometry;
  x: Ptr;
  y: Ptr;
  /** Int32, one per output element. */
  argmax: Ptr;
  dy: Ptr;
  dx: Ptr;
}

export function forward(k: Kernels, a: MaxPool2dArgs): void {
  k.maxPool2dForward(a.g, a.x, a.y, a.argmax);
}

export function backward(k: Kernels, a: MaxPool2dArgs): void {
  if (a.dx) k.maxPool2dBackward(a.g, a.dy, a.argmax, a.dx);
}
