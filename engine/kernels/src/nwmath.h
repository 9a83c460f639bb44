/* Elementary functions for a libc-free build. Accuracy: a few ulp of f32 (relative ~3e-7). */
#ifndef NW_MATH_H
#define NW_MATH_H

#include "common.h"

NW_INLINE float nw_bits_to_f32(uint32_t u) { union { uint32_t u; float f; } v = { u }; return v.f; }
NW_INLINE uint32_t nw_f32_to_bits(float f) { union { float f; uint32_t u; } v = { f }; return v.u; }
NW_INLINE double nw_bits_to_f64(uint64_t u) { union { uint64_t u; double f; } v = { u }; return v.f; }

#define NW_LN2_HI 0.693145751953125f
#define NW_LN2_LO 1.428606765330187e-06f
#define NW_INV_LN2 1.4426950408889634f

/* exp(x) for f32; inputs below ~-87.3 flush to 0, above ~88.7 give +Inf. NaN propagates. */
NW_INLINE float nw_expf(float x) {
  if (x > 88.72283f) return x * 1e30f * 1e30f;
  if (x < -87.33654f) return 0.0f;
  float n = __builtin_rintf(x * NW_INV_LN2);
  float r = (x - n * NW_LN2_HI) - n * NW_LN2_LO; /* |r| <= ln2/2 */
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r * r + r; /* expm1(r) */
  int e = (int)n;
  /* 2^n built from its bits; n in [-126, 128) here. Split to keep e+127 in the normal range. */
  if (e >= 128) return (1.0f + p) * nw_bits_to_f32((uint32_t)(127 + 127) << 23) * 2.0f;
  return (1.0f + p) * nw_bits_to_f32((uint32_t)(e + 127) << 23);
}

/* expm1(x) with full relative accuracy near 0. */
NW_INLINE float nw_expm1f(float x) {
  if (__builtin_fabsf(x) < 0.34657359f) {
    float p = 1.0f / 3628800.0f;
    p = p * x + 1.0f / 362880.0f;
    p = p * x + 1.0f / 40320.0f;
    p = p * x + 1.0f / 5040.0f;
    p = p * x + 1.0f / 720.0f;
    p = p * x + 1.0f / 120.0f;
    p = p * x + 1.0f / 24.0f;
    p = p * x + 1.0f / 6.0f;
    p = p * x + 0.5f;
    return p * x * x + x;
  }
  return nw_expf(x) - 1.0f;
}

/* Natural log for f32: x = m·2^e with m in [sqrt(1/2), sqrt(2)), log m = 2·atanh((m-1)/(m+1)). */
NW_INLINE float nw_logf(float x) {
  if (!(x > 0.0f)) return x == 0.0f ? -__builtin_inff() : __builtin_nanf("");
  if (x == __builtin_inff()) return x;
  uint32_t u = nw_f32_to_bits(x);
  int e = 0;
  if (u < 0x00800000u) { x *= 16777216.0f; u = nw_f32_to_bits(x); e = -24; } /* subnormal */
  e += (int)(u >> 23) - 127;
  u = (u & 0x007fffffu) | 0x3f800000u; /* m in [1, 2) */
  float m = nw_bits_to_f32(u);
  if (m > 1.41421356f) { m *= 0.5f; e += 1; }
  float s = (m - 1.0f) / (m + 1.0f);
  float s2 = s * s;
  float p = 1.0f / 11.0f;
  p = p * s2 + 1.0f / 9.0f;
  p = p * s2 + 1.0f / 7.0f;
  p = p * s2 + 1.0f / 5.0f;
  p = p * s2 + 1.0f / 3.0f;
  float logm = 2.0f * s + 2.0f * s * s2 * p;
  float fe = (float)e;
  return fe * NW_LN2_HI + (fe * NW_LN2_LO + logm);
}

/* log(1 + z) without cancellation for small z. */
NW_INLINE float nw_log1pf(float z) {
  float u = 1.0f + z;
  if (u == 1.0f) return z;
  return nw_logf(u) * (z / (u - 1.0f));
}

NW_INLINE float nw_tanhf(float x) {
  float a = __builtin_fabsf(x);
  if (a > 9.5f) return x > 0.0f ? 1.0f : -1.0f;
  float e = nw_expm1f(2.0f * a);
  float t = e / (e + 2.0f);
  return x < 0.0f ? -t : t;
}

NW_INLINE float nw_sigmoidf(float x) {
  return 1.0f / (1.0f + nw_expf(-x));
}

/*
 * Four-lane exp with the same reduction and polynomial as nw_expf. Inputs are clamped to
 * [-87, 88] first (exp(-87) ≈ 1.6e-38 stands in for 0, exp(88) ≈ 1.7e38 for +Inf); NaN propagates
 * because pmin/pmax return their first operand when it is NaN.
 */
NW_INLINE v128_t nw_exp4(v128_t x) {
  x = wasm_f32x4_pmax(wasm_f32x4_pmin(x, wasm_f32x4_splat(88.0f)), wasm_f32x4_splat(-87.0f));
  v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(NW_INV_LN2)));
  v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(NW_LN2_HI))),
                            wasm_f32x4_mul(n, wasm_f32x4_splat(NW_LN2_LO)));
  static const float c[6] = { 1.0f / 5040.0f, 1.0f / 720.0f, 1.0f / 120.0f, 1.0f / 24.0f, 1.0f / 6.0f, 0.5f };
  v128_t p = wasm_f32x4_splat(c[0]);
  for (int i = 1; i < 6; i++) p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(c[i]));
  p = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, r), r), r); /* expm1(r) */
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(wasm_f32x4_add(p, wasm_f32x4_splat(1.0f)), scale);
}

/* Four-lane expm1: the Taylor polynomial near 0 (no cancellation), exp − 1 elsewhere. */
NW_INLINE v128_t nw_expm1_4(v128_t x) {
  static const float c[9] = { 1.0f / 3628800.0f, 1.0f / 362880.0f, 1.0f / 40320.0f, 1.0f / 5040.0f, 1.0f / 720.0f,
                              1.0f / 120.0f, 1.0f / 24.0f, 1.0f / 6.0f, 0.5f };
  v128_t p = wasm_f32x4_splat(c[0]);
  for (int i = 1; i < 9; i++) p = wasm_f32x4_add(wasm_f32x4_mul(p, x), wasm_f32x4_splat(c[i]));
  v128_t small = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, x), x), x);
  v128_t large = wasm_f32x4_sub(nw_exp4(x), wasm_f32x4_splat(1.0f));
  v128_t useSmall = wasm_f32x4_lt(wasm_f32x4_abs(x), wasm_f32x4_splat(0.34657359f));
  return wasm_v128_bitselect(small, large, useSmall);
}

/* Four-lane sigmoid 1/(1 + exp(−x)). */
NW_INLINE v128_t nw_sigmoid4(v128_t x) {
  v128_t one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, nw_exp4(wasm_f32x4_neg(x))));
}

/* Four-lane tanh = sign(x)·e/(e + 2) with e = expm1(2|x|); saturates to ±1 beyond |x| = 9.5. */
NW_INLINE v128_t nw_tanh4(v128_t x) {
  v128_t a = wasm_f32x4_abs(x);
  v128_t e = nw_expm1_4(wasm_f32x4_add(a, a));
  v128_t t = wasm_f32x4_div(e, wasm_f32x4_add(e, wasm_f32x4_splat(2.0f)));
  t = wasm_v128_bitselect(wasm_f32x4_splat(1.0f), t, wasm_f32x4_gt(a, wasm_f32x4_splat(9.5f)));
  return wasm_v128_or(t, wasm_v128_and(x, wasm_i32x4_splat((int32_t)0x80000000))); /* copy the sign of x */
}

/* Applies the four-lane VEC to in[0..n) into out, finishing the tail on a zero-padded copy. */
#define NW_MAP4(n, in, out, VEC)                                                   \
  do {                                                                             \
    int i_ = 0;                                                                    \
    for (; i_ + 4 <= (n); i_ += 4) wasm_v128_store((out) + i_, VEC(wasm_v128_load((in) + i_))); \
    if (i_ < (n)) {                                                                \
      float tail_[4] NW_ALIGN16 = { 0.0f, 0.0f, 0.0f, 0.0f };                      \
      for (int j_ = 0; i_ + j_ < (n); j_++) tail_[j_] = (in)[i_ + j_];            \
      wasm_v128_store(tail_, VEC(wasm_v128_load(tail_)));                          \
      for (int j_ = 0; i_ + j_ < (n); j_++) (out)[i_ + j_] = tail_[j_];           \
    }                                                                              \
  } while (0)

/* out[c] = exp(in[c] − shift) for c < n; returns Σ out. The softmax building block. */
NW_INLINE float nw_exp_shifted(int n, const float *in, float shift, float *out) {
  v128_t vs = wasm_f32x4_splat(shift), acc = wasm_f32x4_splat(0.0f);
  int c = 0;
  for (; c + 4 <= n; c += 4) {
    v128_t e = nw_exp4(wasm_f32x4_sub(wasm_v128_load(in + c), vs));
    wasm_v128_store(out + c, e);
    acc = wasm_f32x4_add(acc, e);
  }
  float s = (wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1)) +
            (wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3));
  for (; c < n; c++) { out[c] = nw_expf(in[c] - shift); s += out[c]; }
  return s;
}

/* exp for f64 (used by erf); |error| ~1e-15 relative for |x| < 700. */
NW_INLINE double nw_exp_f64(double x) {
  if (x < -745.0) return 0.0;
  if (x > 709.0) return __builtin_inf();
  double n = __builtin_rint(x * 1.4426950408889634);
  double r = (x - n * 0.6931471803691238) - n * 1.9082149292705877e-10;
  double p = 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = 1.0 + r + p * r * r;
  int e = (int)n;
  if (e < -1020) return p * nw_bits_to_f64((uint64_t)(e + 1023 + 60) << 52) * 8.673617379884035e-19;
  return p * nw_bits_to_f64((uint64_t)(e + 1023) << 52);
}

/*
 * Φ(x), the standard normal CDF, in f64 with ~1e-10 relative error in both tails and no loops.
 * With z = |x|/√2: for z < 1, erf(z) from its Taylor series (12 terms); for z >= 1,
 * erfc(z) = t·exp(−z² + g(t)) with t = 1/(1 + z/2), where g is a degree-10 polynomial fitted
 * (Chebyshev least squares on t ∈ [1/6, 2/3], i.e. z ∈ [1, 10]) to log(erfc(z)/t) + z².
 */
NW_INLINE double nw_normal_cdf(double x) {
  double z = __builtin_fabs(x) * 0.70710678118654752;
  if (x != x) return x;
  if (z < 1.0) {
    double z2 = z * z, p = 0.0;
    /* erf(z)·√π/2 = Σ (−1)^n z^(2n+1) / (n!·(2n+1)) */
    static const double taylor[12] = {
      1.0, -1.0 / 3, 1.0 / 10, -1.0 / 42, 1.0 / 216, -1.0 / 1320, 1.0 / 9360, -1.0 / 75600,
      1.0 / 685440, -1.0 / 6894720, 1.0 / 76204800, -1.0 / 918086400,
    };
    for (int i = 11; i >= 0; i--) p = p * z2 + taylor[i];
    double erf = 1.1283791670955126 * z * p;
    return x >= 0.0 ? 0.5 + 0.5 * erf : 0.5 - 0.5 * erf;
  }
  if (z > 10.0) return x > 0.0 ? 1.0 : 0.0;
  static const double g[11] = {
    -0.78237779366821891, 0.32658466283551058, 0.017190904273085606, -0.0047607803553898504,
    -0.0010082956097511332, 0.00018122478436674098, 6.4293053067847143e-05, -1.1306357605140051e-05,
    -4.3301485252708566e-06, 7.7605861288750775e-07, 2.4338601078427489e-07,
  };
  double t = 1.0 / (1.0 + 0.5 * z);
  double u = (2.0 * t - (1.0 / 6 + 2.0 / 3)) / (2.0 / 3 - 1.0 / 6);
  double p = 0.0;
  for (int i = 10; i >= 0; i--) p = p * u + g[i];
  double erfc = t * nw_exp_f64(-z * z + p);
  return x > 0.0 ? 1.0 - 0.5 * erfc : 0.5 * erfc;
}

#endif
