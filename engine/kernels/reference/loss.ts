/** Reference fused losses: mean loss returned, gradient of the mean written. */
import type { Ptr } from '../api';
import { logSumExp } from './math';
import { at, type MemoryViews } from '../memoryViews';

type RowLoss = (x: Float32Array, t: (c: number) => number, p: Float64Array, lse: number) => { loss: number; tsum: number };

/** Shared shape of the softmax-based losses: gradient (Σt)·softmax − t, divided by rows. */
function softmaxLoss(m: MemoryViews, rows: number, cols: number, logits: Ptr, target: (r: number, c: number) => number, dlogits: Ptr, rowLoss: RowLoss): number {
  const f = m.f32();
  const p = new Float64Array(cols);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const x = f.slice(at(logits) + r * cols, at(logits) + (r + 1) * cols);
    const lse = logSumExp(x, p);
    const { loss, tsum } = rowLoss(x, (c) => target(r, c), p, lse);
    total += loss;
    for (let c = 0; c < cols; c++) f[at(dlogits) + r * cols + c] = (tsum * p[c] - target(r, c)) / rows;
  }
  return total / rows;
}

const crossEntropyRow: RowLoss = (x, t, _p, lse) => {
  let loss = 0;
  let tsum = 0;
  for (let c = 0; c < x.length; c++) {
    loss += t(c) * (lse - x[c]);
    tsum += t(c);
  }
  return { loss, tsum };
};

export function softmaxCrossEntropySparse(m: MemoryViews, rows: number, cols: number, logits: Ptr, labels: Ptr, dlogits: Ptr): number {
  const i32 = m.i32();
  return softmaxLoss(m, rows, cols, logits, (r, c) => (i32[at(labels) + r] === c ? 1 : 0), dlogits, crossEntropyRow);
}

export function softmaxCrossEntropyDense(m: MemoryViews, rows: number, cols: number, logits: Ptr, targets: Ptr, dlogits: Ptr): number {
  const f = m.f32();
  return softmaxLoss(m, rows, cols, logits, (r, c) => f[at(targets) + r * cols + c], dlogits, crossEntropyRow);
}

export function klDivergenceFromLogits(m: MemoryViews, rows: number, cols: number, logits: Ptr, targets: Ptr, dlogits: Ptr): number {
  const f = m.f32();
  return softmaxLoss(m, rows, cols, logits, (r, c) => f[at(targets) + r * cols + c], dlogits, (x, t, _p, lse) => {
    let loss = 0;
    let tsum = 0;
    for (let c = 0; c < x.length; c++) {
      if (t(c) > 0) loss += t(c) * (Math.log(t(c)) - (x[c] - lse));
      tsum += t(c);
    }
    return { loss, tsum };
  });
}

/** Mean over n of loss(d), gradient grad(d)/n, where d = pred − target (or the logit for BCE). */
function elementLoss(m: MemoryViews, n: number, pred: Ptr, targets: Ptr, dpred: Ptr, term: (p: number, t: number) => [number, number]): number {
  const f = m.f32();
  let total = 0;
  const grads = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [loss, grad] = term(f[at(pred) + i], f[at(targets) + i]);
    total += loss;
    grads[i] = grad / n;
  }
  f.set(grads, at(dpred));
  return total / n;
}

export const sigmoidBinaryCrossEntropy = (m: MemoryViews, n: number, logits: Ptr, targets: Ptr, dlogits: Ptr): number =>
  elementLoss(m, n, logits, targets, dlogits, (x, t) => [
    Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x))),
    1 / (1 + Math.exp(-x)) - t,
  ]);

export const meanSquaredError = (m: MemoryViews, n: number, pred: Ptr, targets: Ptr, dpred: Ptr): number =>
  elementLoss(m, n, pred, targets, dpred, (p, t) => [(p - t) ** 2, 2 * (p - t)]);

export const meanAbsoluteError = (m: MemoryViews, n: number, pred: Ptr, targets: Ptr, dpred: Ptr): number =>
  elementLoss(m, n, pred, targets, dpred, (p, t) => [Math.abs(p - t), Math.sign(p - t)]);

export const huber = (m: MemoryViews, n: number, pred: Ptr, targets: Ptr, delta: number, dpred: Ptr): number =>
  elementLoss(m, n, pred, targets, dpred, (p, t) => {
    const d = p - t;
    return Math.abs(d) <= delta ? [0.5 * d * d, d] : [delta * (Math.abs(d) - 0.5 * delta), delta * Math.sign(d)];
  });
