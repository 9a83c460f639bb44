/** 2-D convolution over NHWC input with HWIO weights, plus an optional per-channel bias. */
import type { Conv2dGeometry, Kernels, Ptr } from '../../kernels/api';

export interface Conv2dArgs {
  g: Conv2dGeometry;
  x: Ptr;
  w: Ptr;
  /** 0 when the layer has no bias. */
  b: Ptr;
  y: Ptr;
  dy: Ptr;
  /** 0 when the input needs no gradient. */
  dx: Ptr;
  /** 0 when the weights are frozen (no filter or bias gradients). */
  dw: Ptr;
  db: Ptr;
  /** Shared scratch of at least conv2dScratchBytes(g). */
  scratch: Ptr;
}

/** y = conv(x, w) + b, the bias added inside the conv kernel. */
export function forward(k: Kernels, a: Conv2dArgs): void {
  k.conv2dForward(a.g, a.x, a.w, a.y, a.scratch, a.b);
}

/** dw and db from one pass over dy (db = 0 skips the bias gradient, dw = 0 both); dx when the input needs it. */
export function backward(k: Kernels, a: Conv2dArgs): void {
  if (a.dw) k.conv2dBackwardFilter(a.g, a.x, a.dy, a.dw, a.scratch, a.b ? a.db : 0);
  if (a.dx) k.conv2dBackwardInput(a.g, a.dy, a.w, a.dx, a.scratch);
}
