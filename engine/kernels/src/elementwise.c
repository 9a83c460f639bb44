/* Elementwise kernels over flat f32 arrays; clang vectorises the plain loops to f32x4. */
#include "common.h"

EXPORT(fill) void fill(int n, float value, float *out) { for (int i = 0; i < n; i++) out[i] = value; }

/* memmove semantics: overlapping ranges are allowed. */
EXPORT(copy) void copy(int n, const float *src, float *dst) {
  if (n > 0 && src != dst) __builtin_memmove(dst, src, (size_t)n * sizeof(float));
}

EXPORT(add) void add(int n, const float *a, const float *b, float *out) { for (int i = 0; i < n; i++) out[i] = a[i] + b[i]; }
EXPORT(sub) void sub(int n, const float *a, const float *b, float *out) { for (int i = 0; i < n; i++) out[i] = a[i] - b[i]; }
EXPORT(mul) void mul(int n, const float *a, const float *b, float *out) { for (int i = 0; i < n; i++) out[i] = a[i] * b[i]; }
EXPORT(scale) void scale(int n, const float *a, float s, float *out) { for (int i = 0; i < n; i++) out[i] = a[i] * s; }
EXPORT(axpy) void axpy(int n, float alpha, const float *restrict x, float *restrict y) { for (int i = 0; i < n; i++) y[i] += alpha * x[i]; }

EXPORT(add_sign_scaled) void add_sign_scaled(int n, const float *restrict w, float l1, float *restrict g) {
  for (int i = 0; i < n; i++) g[i] += w[i] > 0.0f ? l1 : (w[i] < 0.0f ? -l1 : 0.0f);
}

EXPORT(clamp) void clamp(int n, float *x, float lo, float hi) {
  for (int i = 0; i < n; i++) { float v = x[i]; v = v < lo ? lo : v; x[i] = v > hi ? hi : v; }
}

EXPORT(copy2d) void copy2d(int rows, int cols, const float *src, int srcStride, float *dst, int dstStride, int accumulate) {
  for (int r = 0; r < rows; r++) {
    const float *s = src + (size_t)r * srcStride;
    float *d = dst + (size_t)r * dstStride;
    if (accumulate) for (int c = 0; c < cols; c++) d[c] += s[c];
    else for (int c = 0; c < cols; c++) d[c] = s[c];
  }
}

/* Counter-based hash (two rounds of a multiply-xorshift mixer over counter and key). */
static inline uint32_t dropout_hash(uint32_t counter, uint32_t key) {
  uint32_t h = counter * 0x9E3779B1u + key;
  h ^= h >> 16; h *= 0x85EBCA6Bu; h ^= h >> 13; h *= 0xC2B2AE35u; h ^= h >> 16;
  h += key * 0x27D4EB2Fu;
  h ^= h >> 15; h *= 0x2C1B3C6Du; h ^= h >> 12; h *= 0x297A2D39u; h ^= h >> 15;
  return h;
}

/* Element i keeps with probability 1-p, decided by hash(offset + i, seed) alone, so any split of the work gives the same mask. */
EXPORT(dropout_forward)
void dropout_forward(int n, const float *x, float *y, float *mask, float p, uint32_t seed, uint32_t offset) {
  float keep = p >= 1.0f ? 0.0f : 1.0f / (1.0f - p);
  for (int i = 0; i < n; i++) {
    float u = (float)(dropout_hash(offset + (uint32_t)i, seed) >> 8) * (1.0f / 16777216.0f);
    float m = u >= p ? keep : 0.0f;
    mask[i] = m;
    y[i] = x[i] * m;
  }
}
