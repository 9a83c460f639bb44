/** Batch normalisation over the channel (last) axis; batch statistics when training. */
import type { Kernels, Ptr } from '../../kernels/api';

export interface BatchNormArgs {
  /** N·H·W samples per channel. */
  rows: number;
  channels: number;
  eps: number;
  momentum: number;
  training: boolean;
  x: Ptr;
  gamma: Ptr;
  beta: Ptr;
  runMean: Ptr;
  runVar: Ptr;
  y: Ptr;
  saveMean: Ptr;
  saveInvStd: Ptr;
  dy: Ptr;
  /** Always a buffer: the kernel writes dx even when the input needs none. */
  dx: Ptr;
  dgamma: Ptr;
  dbeta: Ptr;
}

export function forward(k: Kernels, a: BatchNormArgs): void {
  if (a.training) {
    k.batchNormForwardTrain(a.rows, a.channels, a.x, a.gamma, a.beta, a.eps, a.momentum, a.y, a.saveMean, a.saveInvStd, a.runMean, a.runVar);
  } else {
    k.batchNormForwardInference(a.rows, a.channels, a.x, a.gamma, a.beta, a.runMean, a.runVar, a.eps, a.y);
  }
}

export function backward(k: Kernels, a: BatchNormArgs): void {
  k.batchNormBackward(a.rows, a.channels, a.x, a.dy, a.gamma, a.saveMean, a.saveInvStd, a.dx, a.dgamma, a.dbeta);
}
