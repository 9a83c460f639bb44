/* 2-D max and average pooling over NHWC; windows that hang over the padding use in-bounds elements only. */
#include "common.h"

/* Pool geometry block (Int32), written by the binding. */
enum { P_BATCH, P_IN_H, P_IN_W, P_C, P_K_H, P_K_W, P_STRIDE_H, P_STRIDE_W, P_PAD_TOP, P_PAD_LEFT, P_OUT_H, P_OUT_W };

#define FOR_EACH_WINDOW(g, b0, b1, BODY)                                                      \
  for (int b = (b0); b < (b1); b++)                                                           \
    for (int oy = 0; oy < g[P_OUT_H]; oy++)                                                   \
      for (int ox = 0; ox < g[P_OUT_W]; ox++) {                                               \
        int y0 = oy * g[P_STRIDE_H] - g[P_PAD_TOP], x0 = ox * g[P_STRIDE_W] - g[P_PAD_LEFT];  \
        int ya = nw_max(y0, 0), yb = nw_min(y0 + g[P_K_H], g[P_IN_H]);                       \
        int xa = nw_max(x0, 0), xb = nw_min(x0 + g[P_K_W], g[P_IN_W]);                       \
        size_t out = ((size_t)(b * g[P_OUT_H] + oy) * g[P_OUT_W] + ox) * g[P_C];              \
        size_t img = (size_t)b * g[P_IN_H] * g[P_IN_W];                                       \
        BODY                                                                                  \
      }

/*
 * Windows that never touch the padding, channels in f32x4 lanes: the same choice as the scalar
 * loop (the first element seeds the window; a later one wins when greater or NaN).
 */
/* best/bestIdx take v/vIdx in the lanes where v > best or v is NaN. */
#define TAKE_IF_GREATER(best, bestIdx, v, vIdx)                                   \
  do {                                                                            \
    v128_t v_ = (v);                                                              \
    v128_t take_ = wasm_v128_or(wasm_f32x4_gt(v_, best), wasm_f32x4_ne(v_, v_));  \
    best = wasm_v128_bitselect(v_, best, take_);                                  \
    bestIdx = wasm_v128_bitselect((vIdx), bestIdx, take_);                        \
  } while (0)

static void max_pool2d_forward_simd(const int *g, const float *x, float *y, int32_t *argmax, int b0, int b1) {
  int C = g[P_C], kH = g[P_K_H], kW = g[P_K_W], inW = g[P_IN_W];
  for (int b = b0; b < b1; b++)
    for (int oy = 0; oy < g[P_OUT_H]; oy++)
      for (int ox = 0; ox < g[P_OUT_W]; ox++) {
        size_t out = ((size_t)(b * g[P_OUT_H] + oy) * g[P_OUT_W] + ox) * C;
        size_t first = (((size_t)b * g[P_IN_H] + (size_t)oy * g[P_STRIDE_H]) * inW + (size_t)ox * g[P_STRIDE_W]) * C;
        if (kH == 2 && kW == 2) { /* the common 2×2 window, unrolled */
          const float *p = x + first;
          size_t down = (size_t)inW * C;
          v128_t lanes = wasm_i32x4_add(wasm_i32x4_splat((int32_t)first), wasm_i32x4_make(0, 1, 2, 3));
          for (int c = 0; c < C; c += 4) {
            v128_t idx = wasm_i32x4_add(lanes, wasm_i32x4_splat(c));
            v128_t best = wasm_v128_load(p + c), bestIdx = idx;
            TAKE_IF_GREATER(best, bestIdx, wasm_v128_load(p + c + C), wasm_i32x4_add(idx, wasm_i32x4_splat(C)));
            TAKE_IF_GREATER(best, bestIdx, wasm_v128_load(p + c + down), wasm_i32x4_add(idx, wasm_i32x4_splat((int32_t)down)));
            TAKE_IF_GREATER(best, bestIdx, wasm_v128_load(p + c + down + C), wasm_i32x4_add(idx, wasm_i32x4_splat((int32_t)down + C)));
            wasm_v128_store(y + out + c, best);
            wasm_v128_store(argmax + out + c, bestIdx);
          }
          continue;
        }
        for (int c = 0; c < C; c += 4) {
          v128_t idx0 = wasm_i32x4_add(wasm_i32x4_splat((int32_t)(first + c)), wasm_i32x4_make(0, 1, 2, 3));
          v128_t best = wasm_v128_load(x + first + c), bestIdx = idx0;
          for (int ky = 0; ky < kH; ky++)
            for (int kx = ky == 0 ? 1 : 0; kx < kW; kx++) {
              int step = (ky * inW + kx) * C;
              TAKE_IF_GREATER(best, bestIdx, wasm_v128_load(x + first + c + step), wasm_i32x4_add(idx0, wasm_i32x4_splat(step)));
            }
          wasm_v128_store(y + out + c, best);
          wasm_v128_store(argmax + out + c, bestIdx);
        }
      }
}

/* Every window lies inside the input (no padding, none past the edge) and channels fill f32x4 lanes. */
static int simd_windows(const int *g) {
  return g[P_PAD_TOP] == 0 && g[P_PAD_LEFT] == 0 && (g[P_OUT_H] - 1) * g[P_STRIDE_H] + g[P_K_H] <= g[P_IN_H] &&
         (g[P_OUT_W] - 1) * g[P_STRIDE_W] + g[P_K_W] <= g[P_IN_W] && g[P_C] % 4 == 0;
}

/* Images [b0, b1): a range of images is independent of the others, so threads take disjoint ranges. */
EXPORT(max_pool2d_forward_images)
void max_pool2d_forward_images(const int *g, const float *x, float *y, int32_t *argmax, int b0, int b1) {
  int C = g[P_C];
  if (simd_windows(g)) {
    max_pool2d_forward_simd(g, x, y, argmax, b0, b1);
    return;
  }
  FOR_EACH_WINDOW(g, b0, b1, {
    for (int c = 0; c < C; c++) { y[out + c] = -__builtin_inff(); argmax[out + c] = -1; }
    for (int iy = ya; iy < yb; iy++)
      for (int ix = xa; ix < xb; ix++) {
        size_t in = (img + (size_t)iy * g[P_IN_W] + ix) * C;
        for (int c = 0; c < C; c++) {
          float v = x[in + c];
          /* first maximum wins; NaN propagates (as PyTorch: taken when v > best or v is NaN) */
          if (argmax[out + c] < 0 || v > y[out + c] || v != v) {
            y[out + c] = v;
            argmax[out + c] = (int32_t)(in + c);
          }
        }
      }
    for (int c = 0; c < C; c++) if (argmax[out + c] < 0) y[out + c] = 0.0f;
  })
}

/* dx for images [b0, b1) (their windows only read those images, so argmax points inside them). */
EXPORT(max_pool2d_backward_images)
void max_pool2d_backward_images(const int *g, const float *dy, const int32_t *argmax, float *dx, int b0, int b1) {
  size_t inImage = (size_t)g[P_IN_H] * g[P_IN_W] * g[P_C];
  size_t outImage = (size_t)g[P_OUT_H] * g[P_OUT_W] * g[P_C];
  __builtin_memset(dx + (size_t)b0 * inImage, 0, (size_t)(b1 - b0) * inImage * sizeof(float));
  for (size_t i = (size_t)b0 * outImage; i < (size_t)b1 * outImage; i++)
    if (argmax[i] >= 0) dx[argmax[i]] += dy[i];
}

EXPORT(avg_pool2d_forward)
void avg_pool2d_forward(const int *g, const float *x, float *y) {
  int C = g[P_C];
  FOR_EACH_WINDOW(g, 0, g[P_BATCH], {
    for (int c = 0; c < C; c++) y[out + c] = 0.0f;
    for (int iy = ya; iy < yb; iy++)
      for (int ix = xa; ix < xb; ix++) {
        const float *s = x + (img + (size_t)iy * g[P_IN_W] + ix) * C;
        for (int c = 0; c < C; c++) y[out + c] += s[c];
      }
    int count = (yb - ya) * (xb - xa);
    float inv = count > 0 ? 1.0f / (float)count : 0.0f;
    for (int c = 0; c < C; c++) y[out + c] *= inv;
  })
}

EXPORT(avg_pool2d_backward)
void avg_pool2d_backward(const int *g, const float *dy, float *dx) {
  int C = g[P_C];
  size_t inN = (size_t)g[P_BATCH] * g[P_IN_H] * g[P_IN_W] * C;
  for (size_t i = 0; i < inN; i++) dx[i] = 0.0f;
  FOR_EACH_WINDOW(g, 0, g[P_BATCH], {
    int count = (yb - ya) * (xb - xa);
    float inv = count > 0 ? 1.0f / (float)count : 0.0f;
    for (int iy = ya; iy < yb; iy++)
      for (int ix = xa; ix < xb; ix++) {
        float *d = dx + (img + (size_t)iy * g[P_IN_W] + ix) * C;
        for (int c = 0; c < C; c++) d[c] += dy[out + c] * inv;
      }
  })
}
