/** Test harness: the WebAssembly kernels and the reference side by side, with seeded random data. */
import { expect } from 'vitest';
import type { Kernels, Ptr } from '../../../engine/kernels/api';
import { createKernels } from '../../../engine/kernels/index';
import { createReferenceKernels } from '../../../engine/kernels/reference';

/** Deterministic uniform numbers in [lo, hi) (xorshift32). */
export function randomValues(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = (seed * 2654435761) >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}

/** Copies values into a fresh allocation of `k` and returns its pointer. */
export function upload(k: Kernels, values: ArrayLike<number>, asInt = false): Ptr {
  const ptr = k.alloc(Math.max(1, values.length) * 4);
  if (asInt) k.i32().set(values, ptr >> 2);
  else k.f32().set(values, ptr >> 2);
  return ptr;
}

/** A copy of n floats at ptr. */
export const download = (k: Kernels, ptr: Ptr, n: number): Float32Array => k.f32().slice(ptr >> 2, (ptr >> 2) + n);
export const downloadInt = (k: Kernels, ptr: Ptr, n: number): Int32Array => k.i32().slice(ptr >> 2, (ptr >> 2) + n);

/**
 * Asserts |actual − expected| <= rtol·(|expected| + scale) elementwise, where scale is the RMS of
 * `expected`: relative for large entries, relative to the data's magnitude for entries near 0 (sums
 * of many terms that cancel cannot be more accurate than that).
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5, what = 'value'): void {
  expect(actual.length).toBe(expected.length);
  let sq = 0;
  for (let i = 0; i < expected.length; i++) sq += expected[i] * expected[i];
  const scale = Math.sqrt(sq / Math.max(1, expected.length));
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    const excess = Math.abs(a - e) - rtol * (Math.abs(e) + scale);
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) expect.fail(`${what}[${worst}] = ${actual[worst]}, expected ${expected[worst]} (rtol ${rtol}, scale ${scale})`);
}

/** The WebAssembly kernels and the reference, with helpers that fill both with the same data. */
export class Pair {
  private constructor(
    readonly wasm: Kernels,
    readonly ref: Kernels,
  ) {}

  static async create(threads = 1): Promise<Pair> {
    return new Pair(await createKernels({ threads }), createReferenceKernels());
  }

  /** Allocates the same values in both; returns [wasmPtr, refPtr]. */
  put(values: ArrayLike<number>, asInt = false): [Ptr, Ptr] {
    return [upload(this.wasm, values, asInt), upload(this.ref, values, asInt)];
  }

  /** Allocates seeded random values in both. */
  random(n: number, seed: number, lo = -1, hi = 1): [Ptr, Ptr] {
    return this.put(randomValues(n, seed, lo, hi));
  }

  /** Allocates zeroed buffers in both. */
  zeros(n: number): [Ptr, Ptr] {
    return [this.wasm.alloc(n * 4), this.ref.alloc(n * 4)];
  }

  /** Asserts the n floats at the two pointers agree. */
  expectSame([w, r]: [Ptr, Ptr], n: number, rtol = 1e-5, what = 'value'): void {
    expectClose(download(this.wasm, w, n), download(this.ref, r, n), rtol, what);
  }

  dispose(): void {
    this.wasm.dispose();
    this.ref.dispose();
  }
}

/**
 * Central-difference gradient of `loss` with respect to the floats at `ptr`, for a few indices.
 * `loss` must read the current contents of memory.
 */
export function numericGradient(k: Kernels, ptr: Ptr, indices: number[], loss: () => number, h = 1e-2): number[] {
  return indices.map((i) => {
    const f = k.f32();
    const at = (ptr >> 2) + i;
    const saved = f[at];
    f[at] = saved + h;
    const plus = loss();
    k.f32()[at] = saved - h;
    const minus = loss();
    k.f32()[at] = saved;
    return (plus - minus) / (2 * h);
  });
}

/** Σ values·weights in double: a scalar loss whose gradient with respect to `values` is `weights`. */
export function dot(k: Kernels, ptr: Ptr, weights: Float32Array): number {
  const f = k.f32();
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += f[(ptr >> 2) + i] * weights[i];
  return s;
}

/** A few spread-out indices of an array of length n. */
export function sampleIndices(n: number, count = 12): number[] {
  const step = Math.max(1, Math.floor(n / count));
  const out: number[] = [];
  for (let i = 0; i < n && out.length < count; i += step) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}
