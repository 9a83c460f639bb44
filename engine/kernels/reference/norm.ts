/** Reference batch norm and layer norm (statistics in double). */
import type { Ptr } from '../api';
import { at, type MemoryViews } from '../memoryViews';

/** Mean and biased variance of `count` values read through `get`. */
function moments(count: number, get: (i: number) => number): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < count; i++) s += get(i);
  const mean = s / count;
  let sq = 0;
  for (let i = 0; i < count; i++) sq += (get(i) - mean) ** 2;
  return { mean, variance: sq / count };
}

export function batchNormForwardTrain(m: MemoryViews, rows: number, channels: number, x: Ptr, gamma: Ptr, beta: Ptr, eps: number, momentum: number, y: Ptr, saveMean: Ptr, saveInvStd: Ptr, runMean: Ptr, runVar: Ptr): void {
  const f = m.f32();
  for (let c = 0; c < channels; c++) {
    const { mean, variance } = moments(rows, (r) => f[at(x) + r * channels + c]);
    const invStd = 1 / Math.sqrt(variance + eps);
    f[at(saveMean) + c] = mean;
    f[at(saveInvStd) + c] = invStd;
    const unbiased = rows > 1 ? (variance * rows) / (rows - 1) : variance;
    f[at(runMean) + c] = (1 - momentum) * f[at(runMean) + c] + momentum * mean;
    f[at(runVar) + c] = (1 - momentum) * f[at(runVar) + c] + momentum * unbiased;
    for (let r = 0; r < rows; r++) {
      const i = r * channels + c;
      f[at(y) + i] = (f[at(x) + i] - mean) * invStd * f[at(gamma) + c] + f[at(beta) + c];
    }
  }
}

export function batchNormForwardInference(m: MemoryViews, rows: number, channels: number, x: Ptr, gamma: Ptr, beta: Ptr, runMean: Ptr, runVar: Ptr, eps: number, y: Ptr): void {
  const f = m.f32();
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < channels; c++) {
      const i = r * channels + c;
      f[at(y) + i] = ((f[at(x) + i] - f[at(runMean) + c]) / Math.sqrt(f[at(runVar) + c] + eps)) * f[at(gamma) + c] + f[at(beta) + c];
    }
}

/**
 * Shared backward of both norms: for each group of `count` values normalised together (xhat),
 * dx = invStd·(g − mean(g) − xhat·mean(g·xhat)) where g = dy·gamma.
 */
function normBackwardGroup(count: number, xhat: Float64Array, g: Float64Array, invStd: number): Float64Array {
  let sg = 0;
  let sgx = 0;
  for (let i = 0; i < count; i++) {
    sg += g[i];
    sgx += g[i] * xhat[i];
  }
  return xhat.map((xh, i) => invStd * (g[i] - sg / count - (xh * sgx) / count));
}

export function batchNormBackward(m: MemoryViews, rows: number, channels: number, x: Ptr, dy: Ptr, gamma: Ptr, saveMean: Ptr, saveInvStd: Ptr, dx: Ptr, dgamma: Ptr, dbeta: Ptr): void {
  const f = m.f32();
  for (let c = 0; c < channels; c++) {
    const mean = f[at(saveMean) + c];
    const invStd = f[at(saveInvStd) + c];
    const xhat = new Float64Array(rows);
    const g = new Float64Array(rows);
    let dg = 0;
    let db = 0;
    for (let r = 0; r < rows; r++) {
      const i = r * channels + c;
      xhat[r] = (f[at(x) + i] - mean) * invStd;
      g[r] = f[at(dy) + i] * f[at(gamma) + c];
      dg += f[at(dy) + i] * xhat[r];
      db += f[at(dy) + i];
    }
    const d = normBackwardGroup(rows, xhat, g, invStd);
    for (let r = 0; r < rows; r++) f[at(dx) + r * channels + c] = d[r];
    f[at(dgamma) + c] = dg;
    f[at(dbeta) + c] = db;
  }
}

export function layerNormForward(m: MemoryViews, rows: number, cols: number, x: Ptr, gamma: Ptr, beta: Ptr, eps: number, y: Ptr, saveMean: Ptr, saveInvStd: Ptr): void {
  const f = m.f32();
  for (let r = 0; r < rows; r++) {
    const { mean, variance } = moments(cols, (c) => f[at(x) + r * cols + c]);
    const invStd = 1 / Math.sqrt(variance + eps);
    f[at(saveMean) + r] = mean;
    f[at(saveInvStd) + r] = invStd;
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      f[at(y) + i] = (f[at(x) + i] - mean) * invStd * f[at(gamma) + c] + f[at(beta) + c];
    }
  }
}

export function layerNormBackward(m: MemoryViews, rows: number, cols: number, x: Ptr, dy: Ptr, gamma: Ptr, saveMean: Ptr, saveInvStd: Ptr, dx: Ptr, dgamma: Ptr, dbeta: Ptr): void {
  const f = m.f32();
  const dg = new Float64Array(cols);
  const db = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const mean = f[at(saveMean) + r];
    const invStd = f[at(saveInvStd) + r];
    const xhat = new Float64Array(cols);
    const g = new Float64Array(cols);
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      xhat[c] = (f[at(x) + i] - mean) * invStd;
      g[c] = f[at(dy) + i] * f[at(gamma) + c];
      dg[c] += f[at(dy) + i] * xhat[c];
      db[c] += f[at(dy) + i];
    }
    f.set(normBackwardGroup(cols, xhat, g, invStd), at(dx) + r * cols);
  }
  f.set(dg, at(dgamma));
  f.set(db, at(dbeta));
}
