/* 2-D max and average pooling over NHWC; windows that hang over the padding use in-bounds elements only. */
#include "common.h"

/* Pool geometry block (Int32), written by the binding. */
enum { P_BATCH, P_IN_H, P_IN_W, P_C, P_K_H, P_K_W, P_STRIDE_H, P_STRIDE_W, P_PAD_TOP, P_PAD_LEFT, P_OUT_H, P_OUT_W };

#define FOR_EACH_WINDOW(g, BODY)                                                              \
  for (int b = 0; b < g[P_BATCH]; b++)                                                        \
    for (int oy = 0; oy < g[P_OUT_H]; oy++)                                                   \
      for (int ox = 0; ox < g[P_OUT_W]; ox++) {                                               \
        int y0 = oy * g[P_STRIDE_H] - g[P_PAD_TOP], x0 = ox * g[P_STRIDE_W] - g[P_PAD_LEFT];  \
        int ya = nw_max(y0, 0), yb = nw_min(y0 + g[P_K_H], g[P_IN_H]);                       \
        int xa = nw_max(x0, 0), xb = nw_min(x0 + g[P_K_W], g[P_IN_W]);                       \
        size_t out = ((size_t)(b * g[P_OUT_H] + oy) * g[P_OUT_W] + ox) * g[P_C];              \
        size_t img = (size_t)b * g[P_IN_H] * g[P_IN_W];                                       \
        BODY                                                                                  \
      }

EXPORT(max_pool2d_forward)
void max_pool2d_forward(const int *g, const float *x, float *y, int32_t *argmax) {
  int C = g[P_C];
  FOR_EACH_WINDOW(g, {
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

EXPORT(max_pool2d_backward)
void max_pool2d_backward(const int *g, const float *dy, const int32_t *argmax, float *dx) {
  size_t inN = (size_t)g[P_BATCH] * g[P_IN_H] * g[P_IN_W] * g[P_C];
  size_t outN = (size_t)g[P_BATCH] * g[P_OUT_H] * g[P_OUT_W] * g[P_C];
  for (size_t i = 0; i < inN; i++) dx[i] = 0.0f;
  for (size_t i = 0; i < outN; i++)
    if (argmax[i] >= 0) dx[argmax[i]] += dy[i];
}

EXPORT(avg_pool2d_forward)
void avg_pool2d_forward(const int *g, const float *x, float *y) {
  int C = g[P_C];
  FOR_EACH_WINDOW(g, {
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
  FOR_EACH_WINDOW(g, {
    int count = (yb - ya) * (xb - xa);
    float inv = count > 0 ? 1.0f / (float)count : 0.0f;
    for (int iy = ya; iy < yb; iy++)
      for (int ix = xa; ix < xb; ix++) {
        float *d = dx + (img + (size_t)iy * g[P_IN_W] + ix) * C;
        for (int c = 0; c < C; c++) d[c] += dy[out + c] * inv;
      }
  })
}
