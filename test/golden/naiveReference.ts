/**
 * Deliberately naive float64 loops that spell out the fixture layouts (NHWC, HWIO, Dense [in, out]).
 * The layout tests run them on the fixture inputs: if a fixture were stored in another layout,
 * these would disagree with it.
 */
import type { ConvGeometryRecord, GoldenTensor, PoolGeometryRecord } from './goldenTypes';

/** y[n, oh, ow, oc] = Σ x[n, oh·s − padTop + kh·d, ow·s − padLeft + kw·d, ic] · w[kh, kw, ic, oc]. */
export function conv2dNhwc(x: Float32Array, w: Float32Array, g: ConvGeometryRecord, bias?: Float32Array): Float64Array {
  const y = new Float64Array(g.batch * g.outH * g.outW * g.outC);
  for (let n = 0; n < g.batch; n++)
    for (let oh = 0; oh < g.outH; oh++)
      for (let ow = 0; ow < g.outW; ow++)
        for (let oc = 0; oc < g.outC; oc++) {
          let sum = bias ? bias[oc] : 0;
          for (let kh = 0; kh < g.kH; kh++) {
            const ih = oh * g.strideH - g.padTop + kh * g.dilationH;
            if (ih < 0 || ih >= g.inH) continue;
            for (let kw = 0; kw < g.kW; kw++) {
              const iw = ow * g.strideW - g.padLeft + kw * g.dilationW;
              if (iw < 0 || iw >= g.inW) continue;
              for (let ic = 0; ic < g.inC; ic++) {
                sum += x[((n * g.inH + ih) * g.inW + iw) * g.inC + ic] * w[((kh * g.kW + kw) * g.inC + ic) * g.outC + oc];
              }
            }
          }
          y[((n * g.outH + oh) * g.outW + ow) * g.outC + oc] = sum;
        }
  return y;
}

/** Max or average over each window's in-bounds cells (padding never counts). */
export function pool2dNhwc(x: Float32Array, g: PoolGeometryRecord, kind: 'max' | 'avg'): Float64Array {
  const c = g.channels;
  const y = new Float64Array(g.batch * g.outH * g.outW * c);
  for (let n = 0; n < g.batch; n++)
    for (let oh = 0; oh < g.outH; oh++)
      for (let ow = 0; ow < g.outW; ow++)
        for (let ch = 0; ch < c; ch++) {
          let acc = kind === 'max' ? -Infinity : 0;
          let count = 0;
          for (let kh = 0; kh < g.kH; kh++)
            for (let kw = 0; kw < g.kW; kw++) {
              const ih = oh * g.strideH - g.padTop + kh;
              const iw = ow * g.strideW - g.padLeft + kw;
              if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) continue;
              const v = x[((n * g.inH + ih) * g.inW + iw) * c + ch];
              acc = kind === 'max' ? Math.max(acc, v) : acc + v;
              count++;
            }
          y[((n * g.outH + oh) * g.outW + ow) * c + ch] = kind === 'max' ? acc : acc / count;
        }
  return y;
}

/** rows×out = x (rows×in) · kernel ([in, out]) + bias. */
export function dense(x: ArrayLike<number>, rows: number, kernel: GoldenTensor, bias: GoldenTensor): Float64Array {
  const [inputs, units] = kernel.shape;
  const y = new Float64Array(rows * units);
  for (let r = 0; r < rows; r++)
    for (let u = 0; u < units; u++) {
      let sum = bias.data[u];
      for (let i = 0; i < inputs; i++) sum += x[r * inputs + i] * kernel.data[i * units + u];
      y[r * units + u] = sum;
    }
  return y;
}

/** Element (i, j) of op(M) for a row-major stored matrix with `cols` columns. */
function at(m: Float32Array, cols: number, transposed: boolean, i: number, j: number): number {
  return transposed ? m[j * cols + i] : m[i * cols + j];
}

/** alpha·op(A)·op(B) + beta·C0 with row-major storage and leading dimensions lda/ldb. */
export function gemm(
  transA: boolean, transB: boolean, M: number, N: number, K: number, alpha: number,
  a: Float32Array, lda: number, b: Float32Array, ldb: number, beta: number, c0: Float32Array,
): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += at(a, lda, transA, i, k) * at(b, ldb, transB, k, j);
      c[i * N + j] = alpha * sum + beta * c0[i * N + j];
    }
  return c;
}

/** Mean over rows of −log softmax(logits)[label]. */
export function sparseCrossEntropy(logits: ArrayLike<number>, rows: number, cols: number, labels: ArrayLike<number>): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, logits[r * cols + c]);
    let sumExp = 0;
    for (let c = 0; c < cols; c++) sumExp += Math.exp(logits[r * cols + c] - max);
    total += Math.log(sumExp) + max - logits[r * cols + labels[r]];
  }
  return total / rows;
}
