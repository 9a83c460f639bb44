/** Average pooling (also global average pooling, as one window over the whole image). */
import type { Kernels, Pool2dGeometry, Ptr } from '../../kernels/api';

export interface AvgPool2dArgs {
  g: Pool2dGeometry;
  x: Ptr;
  y: Ptr;
  dy: Ptr;
  dx: Ptr;
}

export function forward(k: Kernels, a: AvgPool2dArgs): void {
  k.avgPool2dForward(a.g, a.x, a.y);
}

export function backward(k: Kernels, a: AvgPool2dArgs): void {
  if (a.dx) k.avgPool2dBackward(a.g, a.dy, a.dx);
}
