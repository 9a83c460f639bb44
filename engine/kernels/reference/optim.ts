/** Reference optimiser steps, written from torch.optim's documented update rules. */
import type { AdamParams, Ptr } from '../api';
import { at, type MemoryViews } from '../memoryViews';

/** Runs `step` on each parameter index with the element views it needs. */
function eachParam(m: MemoryViews, n: number, step: (f: Float32Array, i: number) => void): void {
  const f = m.f32();
  for (let i = 0; i < n; i++) step(f, i);
}

export const sgdUpdate = (m: MemoryViews, n: number, w: Ptr, g: Ptr, vel: Ptr, lr: number, momentum: number, nesterov: boolean, weightDecay: number): void =>
  eachParam(m, n, (f, i) => {
    let d = f[at(g) + i] + weightDecay * f[at(w) + i];
    if (momentum !== 0) {
      const b = momentum * f[at(vel) + i] + d;
      f[at(vel) + i] = b;
      d = nesterov ? d + momentum * b : b;
    }
    f[at(w) + i] -= lr * d;
  });

export const adagradUpdate = (m: MemoryViews, n: number, w: Ptr, g: Ptr, sumSq: Ptr, lr: number, eps: number, weightDecay: number): void =>
  eachParam(m, n, (f, i) => {
    const d = f[at(g) + i] + weightDecay * f[at(w) + i];
    const s = f[at(sumSq) + i] + d * d;
    f[at(sumSq) + i] = s;
    f[at(w) + i] -= (lr * d) / (Math.sqrt(s) + eps);
  });

export const adadeltaUpdate = (m: MemoryViews, n: number, w: Ptr, g: Ptr, sqAvg: Ptr, accDelta: Ptr, lr: number, rho: number, eps: number, weightDecay: number): void =>
  eachParam(m, n, (f, i) => {
    const d = f[at(g) + i] + weightDecay * f[at(w) + i];
    const s = rho * f[at(sqAvg) + i] + (1 - rho) * d * d;
    f[at(sqAvg) + i] = s;
    const delta = (Math.sqrt(f[at(accDelta) + i] + eps) / Math.sqrt(s + eps)) * d;
    f[at(accDelta) + i] = rho * f[at(accDelta) + i] + (1 - rho) * delta * delta;
    f[at(w) + i] -= lr * delta;
  });

export const rmspropUpdate = (m: MemoryViews, n: number, w: Ptr, g: Ptr, sqAvg: Ptr, mom: Ptr, lr: number, alpha: number, eps: number, momentum: number, weightDecay: number): void =>
  eachParam(m, n, (f, i) => {
    const d = f[at(g) + i] + weightDecay * f[at(w) + i];
    const s = alpha * f[at(sqAvg) + i] + (1 - alpha) * d * d;
    f[at(sqAvg) + i] = s;
    let step = d / (Math.sqrt(s) + eps);
    if (momentum > 0) {
      step = momentum * f[at(mom) + i] + step;
      f[at(mom) + i] = step;
    }
    f[at(w) + i] -= lr * step;
  });

export function adamUpdate(m: MemoryViews, n: number, w: Ptr, g: Ptr, mp: Ptr, vp: Ptr, p: AdamParams): void {
  const bc1 = 1 - p.beta1 ** p.step;
  const bc2 = 1 - p.beta2 ** p.step;
  eachParam(m, n, (f, i) => {
    const w0 = f[at(w) + i];
    const d = f[at(g) + i] + (p.decoupled ? 0 : p.weightDecay * w0);
    const mi = p.beta1 * f[at(mp) + i] + (1 - p.beta1) * d;
    const vi = p.beta2 * f[at(vp) + i] + (1 - p.beta2) * d * d;
    f[at(mp) + i] = mi;
    f[at(vp) + i] = vi;
    const shrunk = p.decoupled ? w0 * (1 - p.lr * p.weightDecay) : w0;
    f[at(w) + i] = shrunk - ((p.lr / bc1) * mi) / (Math.sqrt(vi) / Math.sqrt(bc2) + p.eps);
  });
}
