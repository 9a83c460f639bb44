/** Double-precision special functions and the dropout hash shared by the reference kernels. */

/**
 * erfc(x) for x >= 0: below 2.5 via the all-positive series
 * erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)); above via the continued fraction
 * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))).
 */
export function erfcPositive(x: number): number {
  const ex2 = Math.exp(-x * x);
  if (x < 2.5) {
    let term = x;
    let sum = x;
    const x2 = 2 * x * x;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * ex2 * sum;
  }
  let f = x;
  for (let k = 100; k >= 1; k--) f = x + (0.5 * k) / f;
  return (ex2 / Math.sqrt(Math.PI)) / f;
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  return x >= 0 ? 1 - erfcPositive(x) : erfcPositive(-x) - 1;
}

/** Φ(x), the standard normal CDF, accurate in both tails. */
export function normalCdf(x: number): number {
  const z = x * Math.SQRT1_2;
  return z >= 0 ? 1 - 0.5 * erfcPositive(z) : 0.5 * erfcPositive(-z);
}

/** Counter-based hash: two rounds of a multiply-xorshift mixer over (counter, key). Matches the C kernel bit for bit. */
export function dropoutHash(counter: number, key: number): number {
  let h = (Math.imul(counter >>> 0, 0x9e3779b1) + (key >>> 0)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  h = (h + Math.imul(key >>> 0, 0x27d4eb2f)) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}

/** log(Σ exp(row)) and the row's softmax (written to `p`), computed in double. */
export function logSumExp(row: ArrayLike<number>, p: Float64Array): number {
  let m = -Infinity;
  for (let c = 0; c < row.length; c++) m = Math.max(m, row[c]);
  let s = 0;
  for (let c = 0; c < row.length; c++) {
    p[c] = Math.exp(row[c] - m);
    s += p[c];
  }
  for (let c = 0; c < row.length; c++) p[c] /= s;
  return m + Math.log(s);
}
