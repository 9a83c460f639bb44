/** Reference GEMM, bias, convolution and pooling: direct loops in double precision. */
import type { Conv2dGeometry, Pool2dGeometry, Ptr } from '../api';
import { at, type MemoryViews } from '../memoryViews';

/** C = alpha·op(A)·op(B) + beta·C (beta = 0 ignores C, so NaN in C does not leak). */
export function gemm(m: MemoryViews, transA: boolean, transB: boolean, M: number, N: number, K: number, alpha: number, a: Ptr, lda: number, b: Ptr, ldb: number, beta: number, c: Ptr, ldc: number): void {
  const f = m.f32();
  const A = at(a);
  const B = at(b);
  const C = at(c);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const av = transA ? f[A + k * lda + i] : f[A + i * lda + k];
        const bv = transB ? f[B + j * ldb + k] : f[B + k * ldb + j];
        s += av * bv;
      }
      const old = beta === 0 ? 0 : beta * f[C + i * ldc + j];
      f[C + i * ldc + j] = alpha * s + old;
    }
  }
}

export function addBias(m: MemoryViews, rows: number, cols: number, y: Ptr, bias: Ptr): void {
  const f = m.f32();
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f[at(y) + r * cols + c] += f[at(bias) + c];
}

export function biasGrad(m: MemoryViews, rows: number, cols: number, dy: Ptr, dbias: Ptr): void {
  const f = m.f32();
  for (let c = 0; c < cols; c++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += f[at(dy) + r * cols + c];
    f[at(dbias) + c] = s;
  }
}

/** Visits every (output element position, kernel tap, in-bounds input pixel) triple of a convolution. */
function forEachConvTap(g: Conv2dGeometry, visit: (outPixel: number, tap: number, inPixel: number) => void): void {
  for (let b = 0; b < g.batch; b++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let ky = 0; ky < g.kH; ky++)
          for (let kx = 0; kx < g.kW; kx++) {
            const iy = oy * g.strideH - g.padTop + ky * g.dilationH;
            const ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
            if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) continue;
            visit((b * g.outH + oy) * g.outW + ox, ky * g.kW + kx, (b * g.inH + iy) * g.inW + ix);
          }
}

export function conv2dForward(m: MemoryViews, g: Conv2dGeometry, x: Ptr, w: Ptr, y: Ptr): void {
  const f = m.f32();
  const acc = new Float64Array(g.batch * g.outH * g.outW * g.outC);
  forEachConvTap(g, (op, tap, ip) => {
    for (let c = 0; c < g.inC; c++) {
      const xv = f[at(x) + ip * g.inC + c];
      const wRow = at(w) + (tap * g.inC + c) * g.outC;
      for (let o = 0; o < g.outC; o++) acc[op * g.outC + o] += xv * f[wRow + o];
    }
  });
  f.set(acc, at(y));
}

export function conv2dBackwardInput(m: MemoryViews, g: Conv2dGeometry, dy: Ptr, w: Ptr, dx: Ptr): void {
  const f = m.f32();
  const acc = new Float64Array(g.batch * g.inH * g.inW * g.inC);
  forEachConvTap(g, (op, tap, ip) => {
    for (let c = 0; c < g.inC; c++) {
      const wRow = at(w) + (tap * g.inC + c) * g.outC;
      let s = 0;
      for (let o = 0; o < g.outC; o++) s += f[at(dy) + op * g.outC + o] * f[wRow + o];
      acc[ip * g.inC + c] += s;
    }
  });
  f.set(acc, at(dx));
}

export function conv2dBackwardFilter(m: MemoryViews, g: Conv2dGeometry, x: Ptr, dy: Ptr, dw: Ptr): void {
  const f = m.f32();
  const acc = new Float64Array(g.kH * g.kW * g.inC * g.outC);
  forEachConvTap(g, (op, tap, ip) => {
    for (let c = 0; c < g.inC; c++) {
      const xv = f[at(x) + ip * g.inC + c];
      const row = (tap * g.inC + c) * g.outC;
      for (let o = 0; o < g.outC; o++) acc[row + o] += xv * f[at(dy) + op * g.outC + o];
    }
  });
  f.set(acc, at(dw));
}

/** Visits each output element with the flat NHWC indices of its in-bounds window elements. */
function forEachWindow(g: Pool2dGeometry, visit: (out: number, inputs: number[]) => void): void {
  for (let b = 0; b < g.batch; b++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let c = 0; c < g.channels; c++) {
          const inputs: number[] = [];
          for (let ky = 0; ky < g.kH; ky++)
            for (let kx = 0; kx < g.kW; kx++) {
              const iy = oy * g.strideH - g.padTop + ky;
              const ix = ox * g.strideW - g.padLeft + kx;
              if (iy >= 0 && iy < g.inH && ix >= 0 && ix < g.inW) inputs.push(((b * g.inH + iy) * g.inW + ix) * g.channels + c);
            }
          visit(((b * g.outH + oy) * g.outW + ox) * g.channels + c, inputs);
        }
}

export function maxPool2dForward(m: MemoryViews, g: Pool2dGeometry, x: Ptr, y: Ptr, argmax: Ptr): void {
  const f = m.f32();
  const i32 = m.i32();
  forEachWindow(g, (out, inputs) => {
    let best = -1;
    for (const i of inputs) {
      const v = f[at(x) + i];
      if (best < 0 || v > f[at(x) + best] || Number.isNaN(v)) best = i; // NaN propagates, as in PyTorch
    }
    f[at(y) + out] = best < 0 ? 0 : f[at(x) + best];
    i32[at(argmax) + out] = best;
  });
}

export function maxPool2dBackward(m: MemoryViews, g: Pool2dGeometry, dy: Ptr, argmax: Ptr, dx: Ptr): void {
  const f = m.f32();
  const i32 = m.i32();
  f.fill(0, at(dx), at(dx) + g.batch * g.inH * g.inW * g.channels);
  const outN = g.batch * g.outH * g.outW * g.channels;
  for (let o = 0; o < outN; o++) {
    const i = i32[at(argmax) + o];
    if (i >= 0) f[at(dx) + i] += f[at(dy) + o];
  }
}

export function avgPool2dForward(m: MemoryViews, g: Pool2dGeometry, x: Ptr, y: Ptr): void {
  const f = m.f32();
  forEachWindow(g, (out, inputs) => {
    let s = 0;
    for (const i of inputs) s += f[at(x) + i];
    f[at(y) + out] = inputs.length > 0 ? s / inputs.length : 0;
  });
}

export function avgPool2dBackward(m: MemoryViews, g: Pool2dGeometry, dy: Ptr, dx: Ptr): void {
  const f = m.f32();
  const acc = new Float64Array(g.batch * g.inH * g.inW * g.channels);
  forEachWindow(g, (out, inputs) => {
    for (const i of inputs) acc[i] += f[at(dy) + out] / inputs.length;
  });
  f.set(acc, at(dx));
}
