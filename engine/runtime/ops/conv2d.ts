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
  dw: Ptr;
  db: Ptr;
  /** Shared scratch of at least conv2dScratchBytes(g). */
  scratch: Ptr;
}

export function forward(k: Kernels, a: Conv2dArgs): void {
  k.conv2dForward(a.g, a.x, a.w, a.y, a.scratch);
  if (a.b) k.addBias(a.g.batch * a.g.outH * a.g.outW, a.g.outC, a.y, a.b);
}

export function backward(k: Kernels, a: Conv2dArgs): void {
  if (a.b) k.biasGrad(a.g.batch * a.g.outH * a.g.outW, a.g.outC, a.dy, a.db);
  k.conv2dBackwardFilter(a.g, a.x, a.dy, a.dw, a.scratch);
  if (a.dx) k.conv2dBackwardInput(a.g, a.dy, a.w, a.dx, a.scratch);
}
