/* Reductions; sums accumulate in f64 so long vectors keep f32-level relative accuracy. */
#include "common.h"

#define REDUCE_F64(name, MAP)                                                       \
  EXPORT(name) double name(int n, const float *x) {                                 \
    v128_t s0 = wasm_f64x2_splat(0.0), s1 = s0;                                     \
    int i = 0;                                                                      \
    for (; i + 4 <= n; i += 4) {                                                    \
      v128_t v = wasm_v128_load(x + i);                                             \
      v = MAP(v);                                                                   \
      s0 = wasm_f64x2_add(s0, wasm_f64x2_promote_low_f32x4(v));                     \
      s1 = wasm_f64x2_add(s1, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1))); \
    }                                                                               \
    v128_t s = wasm_f64x2_add(s0, s1);                                              \
    double total = wasm_f64x2_extract_lane(s, 0) + wasm_f64x2_extract_lane(s, 1);   \
    for (; i < n; i++) {                                                            \
      v128_t v = MAP(wasm_f32x4_splat(x[i]));                                       \
      total += (double)wasm_f32x4_extract_lane(v, 0);                               \
    }                                                                               \
    return total;                                                                   \
  }

#define MAP_ID(v) (v)
#define MAP_ABS(v) wasm_f32x4_abs(v)
REDUCE_F64(sum, MAP_ID)
REDUCE_F64(sum_abs, MAP_ABS)

/* Squares are formed in f64 (an f32 square can overflow or lose bits). */
EXPORT(sum_squares) double sum_squares(int n, const float *x) {
  v128_t s0 = wasm_f64x2_splat(0.0), s1 = s0;
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t v = wasm_v128_load(x + i);
    v128_t lo = wasm_f64x2_promote_low_f32x4(v);
    v128_t hi = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
    s0 = wasm_f64x2_add(s0, wasm_f64x2_mul(lo, lo));
    s1 = wasm_f64x2_add(s1, wasm_f64x2_mul(hi, hi));
  }
  v128_t s = wasm_f64x2_add(s0, s1);
  double total = wasm_f64x2_extract_lane(s, 0) + wasm_f64x2_extract_lane(s, 1);
  for (; i < n; i++) total += (double)x[i] * (double)x[i];
  return total;
}

/* NaN and ±Inf are exactly the values whose exponent bits are all ones. */
EXPORT(has_non_finite) int has_non_finite(int n, const float *x) {
  const v128_t expMask = wasm_i32x4_splat(0x7f800000);
  v128_t any = wasm_i32x4_splat(0);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t e = wasm_v128_and(wasm_v128_load(x + i), expMask);
    any = wasm_v128_or(any, wasm_i32x4_eq(e, expMask));
  }
  int found = wasm_v128_any_true(any);
  const uint32_t *u = (const uint32_t *)x;
  for (; i < n; i++) found |= (u[i] & 0x7f800000u) == 0x7f800000u;
  return found;
}

/* First index of the row maximum; NaNs are skipped unless the row is all NaN (then 0). */
EXPORT(argmax_rows) void argmax_rows(int rows, int cols, const float *x, int32_t *out) {
  for (int r = 0; r < rows; r++) {
    const float *row = x + (size_t)r * cols;
    int best = 0;
    float bv = row[0];
    for (int c = 1; c < cols; c++) {
      float v = row[c];
      if (v > bv || (bv != bv && v == v)) { bv = v; best = c; }
    }
    out[r] = best;
  }
}
