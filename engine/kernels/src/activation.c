/* Activation functions, their derivatives, and row-wise softmax. Kinds match ActivationKind in api.ts. */
#include "nwmath.h"

enum { ACT_IDENTITY, ACT_RELU, ACT_SIGMOID, ACT_TANH, ACT_LEAKY_RELU, ACT_ELU, ACT_GELU, ACT_SILU };

NW_INLINE v128_t silu4(v128_t v) { return wasm_f32x4_mul(v, nw_sigmoid4(v)); }
NW_INLINE v128_t elu4(v128_t v, v128_t alpha) {
  return wasm_v128_bitselect(v, wasm_f32x4_mul(alpha, nw_expm1_4(v)), wasm_f32x4_gt(v, wasm_f32x4_splat(0.0f)));
}

EXPORT(activation_forward)
void activation_forward(int kind, int n, const float *x, float *y, float alpha) {
  switch (kind) {
  case ACT_IDENTITY:
    if (x != y) for (int i = 0; i < n; i++) y[i] = x[i];
    break;
  case ACT_RELU:
    for (int i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
    break;
  case ACT_SIGMOID:
    NW_MAP4(n, x, y, nw_sigmoid4);
    break;
  case ACT_TANH:
    NW_MAP4(n, x, y, nw_tanh4);
    break;
  case ACT_LEAKY_RELU:
    for (int i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : alpha * x[i];
    break;
  case ACT_ELU: {
    v128_t va = wasm_f32x4_splat(alpha);
#define ELU4(v) elu4(v, va)
    NW_MAP4(n, x, y, ELU4);
#undef ELU4
    break;
  }
  case ACT_GELU:
    for (int i = 0; i < n; i++) y[i] = (float)((double)x[i] * nw_normal_cdf(x[i]));
    break;
  case ACT_SILU:
    NW_MAP4(n, x, y, silu4);
    break;
  default:
    __builtin_trap();
  }
}

EXPORT(activation_backward)
void activation_backward(int kind, int n, const float *x, const float *y, const float *dy, float *dx, float alpha) {
  switch (kind) {
  case ACT_IDENTITY:
    if (dy != dx) for (int i = 0; i < n; i++) dx[i] = dy[i];
    break;
  case ACT_RELU: { /* explicit vectors: the plain loop's runtime alias checks leave it scalar */
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      v128_t positive = wasm_f32x4_gt(wasm_v128_load(x + i), wasm_f32x4_splat(0.0f));
      wasm_v128_store(dx + i, wasm_v128_and(wasm_v128_load(dy + i), positive));
    }
    for (; i < n; i++) dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
    break;
  }
  case ACT_SIGMOID:
    for (int i = 0; i < n; i++) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
    break;
  case ACT_TANH:
    for (int i = 0; i < n; i++) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
    break;
  case ACT_LEAKY_RELU:
    for (int i = 0; i < n; i++) dx[i] = x[i] > 0.0f ? dy[i] : alpha * dy[i];
    break;
  case ACT_ELU: { /* for x <= 0, y = α(eˣ−1) so f'(x) = αeˣ = y + α */
    int i = 0;
    v128_t va = wasm_f32x4_splat(alpha);
    for (; i + 4 <= n; i += 4) {
      v128_t g = wasm_v128_load(dy + i);
      v128_t positive = wasm_f32x4_gt(wasm_v128_load(x + i), wasm_f32x4_splat(0.0f));
      wasm_v128_store(dx + i, wasm_v128_bitselect(g, wasm_f32x4_mul(g, wasm_f32x4_add(wasm_v128_load(y + i), va)), positive));
    }
    for (; i < n; i++) dx[i] = x[i] > 0.0f ? dy[i] : dy[i] * (y[i] + alpha);
    break;
  }
  case ACT_GELU:
    for (int i = 0; i < n; i++) {
      double v = x[i];
      double pdf = 0.3989422804014327 * nw_exp_f64(-0.5 * v * v);
      dx[i] = (float)((double)dy[i] * (nw_normal_cdf(v) + v * pdf));
    }
    break;
  case ACT_SILU: {
    int i = 0;
    v128_t one = wasm_f32x4_splat(1.0f);
    for (; i + 4 <= n; i += 4) {
      v128_t v = wasm_v128_load(x + i), s = nw_sigmoid4(v);
      v128_t d = wasm_f32x4_add(s, wasm_f32x4_mul(wasm_f32x4_mul(v, s), wasm_f32x4_sub(one, s)));
      wasm_v128_store(dx + i, wasm_f32x4_mul(wasm_v128_load(dy + i), d));
    }
    for (; i < n; i++) {
      float s = nw_sigmoidf(x[i]);
      dx[i] = dy[i] * (s + x[i] * s * (1.0f - s));
    }
    break;
  }
  default:
    __builtin_trap();
  }
}

EXPORT(softmax_forward)
void softmax_forward(int rows, int cols, const float *x, float *y) {
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols;
    float *yr = y + (size_t)r * cols;
    float m = -__builtin_inff();
    for (int c = 0; c < cols; c++) m = xr[c] > m ? xr[c] : m;
    float s = nw_exp_shifted(cols, xr, m, yr);
    float inv = 1.0f / s;
    for (int c = 0; c < cols; c++) yr[c] *= inv;
  }
}

EXPORT(softmax_backward)
void softmax_backward(int rows, int cols, const float *y, const float *dy, float *dx) {
  for (int r = 0; r < rows; r++) {
    const float *yr = y + (size_t)r * cols, *gr = dy + (size_t)r * cols;
    float *dr = dx + (size_t)r * cols;
    float dot = 0.0f;
    for (int c = 0; c < cols; c++) dot += yr[c] * gr[c];
    for (int c = 0; c < cols; c++) dr[c] = yr[c] * (gr[c] - dot);
  }
}
