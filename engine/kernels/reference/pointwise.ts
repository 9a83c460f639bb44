/** Reference elementwise kernels, activations, softmax and reductions. */
import { ActivationKind, type ActivationKindId, type Ptr } from '../api';
import { dropoutHash, normalCdf } from './math';
import { at, type MemoryViews } from '../memoryViews';

/** Applies out[i] = fn(i) for i < n, reading inputs before any write (safe for in-place use). */
function map(m: MemoryViews, n: number, out: Ptr, fn: (f: Float32Array, i: number) => number): void {
  const f = m.f32();
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = fn(f, i);
  f.set(values, at(out));
}

export const fill = (m: MemoryViews, n: number, value: number, out: Ptr): void => map(m, n, out, () => value);
export const copy = (m: MemoryViews, n: number, src: Ptr, dst: Ptr): void => map(m, n, dst, (f, i) => f[at(src) + i]);
export const add = (m: MemoryViews, n: number, a: Ptr, b: Ptr, out: Ptr): void => map(m, n, out, (f, i) => f[at(a) + i] + f[at(b) + i]);
export const sub = (m: MemoryViews, n: number, a: Ptr, b: Ptr, out: Ptr): void => map(m, n, out, (f, i) => f[at(a) + i] - f[at(b) + i]);
export const mul = (m: MemoryViews, n: number, a: Ptr, b: Ptr, out: Ptr): void => map(m, n, out, (f, i) => f[at(a) + i] * f[at(b) + i]);
export const scale = (m: MemoryViews, n: number, a: Ptr, s: number, out: Ptr): void => map(m, n, out, (f, i) => f[at(a) + i] * s);
export const axpy = (m: MemoryViews, n: number, alpha: number, x: Ptr, y: Ptr): void =>
  map(m, n, y, (f, i) => f[at(y) + i] + alpha * f[at(x) + i]);
export const addSignScaled = (m: MemoryViews, n: number, w: Ptr, l1: number, g: Ptr): void =>
  map(m, n, g, (f, i) => f[at(g) + i] + l1 * Math.sign(f[at(w) + i]));
export const clamp = (m: MemoryViews, n: number, x: Ptr, lo: number, hi: number): void =>
  map(m, n, x, (f, i) => Math.min(Math.max(f[at(x) + i], lo), hi));

export function copy2d(m: MemoryViews, rows: number, cols: number, src: Ptr, srcStride: number, dst: Ptr, dstStride: number, accumulate: boolean): void {
  const f = m.f32();
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const v = f[at(src) + r * srcStride + c];
      const d = at(dst) + r * dstStride + c;
      f[d] = accumulate ? f[d] + v : v;
    }
}

export function dropoutForward(m: MemoryViews, n: number, x: Ptr, y: Ptr, mask: Ptr, p: number, seed: number, offset: number): void {
  const f = m.f32();
  const p32 = Math.fround(p);
  const keep = p32 >= 1 ? 0 : Math.fround(1 / Math.fround(1 - p32));
  for (let i = 0; i < n; i++) {
    const u = (dropoutHash((offset + i) >>> 0, seed) >>> 8) / 16777216;
    const mv = u >= p32 ? keep : 0;
    f[at(mask) + i] = mv;
    f[at(y) + i] = f[at(x) + i] * mv;
  }
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

function activate(kind: ActivationKindId, v: number, alpha: number): number {
  switch (kind) {
    case ActivationKind.identity: return v;
    case ActivationKind.relu: return v > 0 ? v : 0;
    case ActivationKind.sigmoid: return sigmoid(v);
    case ActivationKind.tanh: return Math.tanh(v);
    case ActivationKind.leakyRelu: return v > 0 ? v : alpha * v;
    case ActivationKind.elu: return v > 0 ? v : alpha * Math.expm1(v);
    case ActivationKind.gelu: return v * normalCdf(v);
    case ActivationKind.silu: return v * sigmoid(v);
    default: {
      const never: never = kind;
      throw new Error(`unknown activation kind ${String(never)}`);
    }
  }
}

/** f'(x) computed from x alone, so it is independent of how the forward value was rounded. */
function derivative(kind: ActivationKindId, v: number, alpha: number): number {
  switch (kind) {
    case ActivationKind.identity: return 1;
    case ActivationKind.relu: return v > 0 ? 1 : 0;
    case ActivationKind.sigmoid: { const s = sigmoid(v); return s * (1 - s); }
    case ActivationKind.tanh: { const t = Math.tanh(v); return 1 - t * t; }
    case ActivationKind.leakyRelu: return v > 0 ? 1 : alpha;
    case ActivationKind.elu: return v > 0 ? 1 : alpha * Math.exp(v);
    case ActivationKind.gelu: return normalCdf(v) + (v * Math.exp(-0.5 * v * v)) / Math.sqrt(2 * Math.PI);
    case ActivationKind.silu: { const s = sigmoid(v); return s + v * s * (1 - s); }
    default: {
      const never: never = kind;
      throw new Error(`unknown activation kind ${String(never)}`);
    }
  }
}

export const activationForward = (m: MemoryViews, kind: ActivationKindId, n: number, x: Ptr, y: Ptr, alpha: number): void =>
  map(m, n, y, (f, i) => activate(kind, f[at(x) + i], alpha));

export const activationBackward = (m: MemoryViews, kind: ActivationKindId, n: number, x: Ptr, _y: Ptr, dy: Ptr, dx: Ptr, alpha: number): void =>
  map(m, n, dx, (f, i) => f[at(dy) + i] * derivative(kind, f[at(x) + i], alpha));

export function softmaxForward(m: MemoryViews, rows: number, cols: number, x: Ptr, y: Ptr): void {
  const f = m.f32();
  for (let r = 0; r < rows; r++) {
    const row = f.subarray(at(x) + r * cols, at(x) + (r + 1) * cols);
    const max = row.reduce((a, v) => Math.max(a, v), -Infinity);
    const e = Array.from(row, (v) => Math.exp(v - max));
    const s = e.reduce((a, v) => a + v, 0);
    f.set(e.map((v) => v / s), at(y) + r * cols);
  }
}

export function softmaxBackward(m: MemoryViews, rows: number, cols: number, y: Ptr, dy: Ptr, dx: Ptr): void {
  const f = m.f32();
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let dot = 0;
    for (let c = 0; c < cols; c++) dot += f[at(y) + o + c] * f[at(dy) + o + c];
    const out = new Float64Array(cols);
    for (let c = 0; c < cols; c++) out[c] = f[at(y) + o + c] * (f[at(dy) + o + c] - dot);
    f.set(out, at(dx) + o);
  }
}

function reduce(m: MemoryViews, n: number, x: Ptr, term: (v: number) => number): number {
  const f = m.f32();
  let s = 0;
  for (let i = 0; i < n; i++) s += term(f[at(x) + i]);
  return s;
}

export const sum = (m: MemoryViews, n: number, x: Ptr): number => reduce(m, n, x, (v) => v);
export const sumSquares = (m: MemoryViews, n: number, x: Ptr): number => reduce(m, n, x, (v) => v * v);
export const sumAbs = (m: MemoryViews, n: number, x: Ptr): number => reduce(m, n, x, Math.abs);

export function hasNonFinite(m: MemoryViews, n: number, x: Ptr): boolean {
  const f = m.f32();
  for (let i = 0; i < n; i++) if (!Number.isFinite(f[at(x) + i])) return true;
  return false;
}

/** First index of the row maximum; NaNs are skipped (an all-NaN row gives 0). */
export function argmaxRows(m: MemoryViews, rows: number, cols: number, x: Ptr, out: Ptr): void {
  const f = m.f32();
  const i32 = m.i32();
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) {
      const v = f[at(x) + r * cols + c];
      const bv = f[at(x) + r * cols + best];
      if (v > bv || (Number.isNaN(bv) && !Number.isNaN(v))) best = c;
    }
    i32[at(out) + r] = best;
  }
}
