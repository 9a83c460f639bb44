/*
 * 2-D convolution over NHWC input with HWIO weights, lowered to GEMM through im2col.
 *
 * Output rows r = (b·outH + oy)·outW + ox; im2col row r holds the receptive field of r as
 * kH·kW·inC values ordered (ky, kx, c), which matches the HWIO weight layout viewed as a
 * (kH·kW·inC)×outC matrix. Each call processes a range of rows in chunks of G_CHUNK_ROWS so the
 * scratch stays bounded; the binding gives every thread its own scratch and a disjoint range.
 */
#include "common.h"

static int is_pointwise(const int *g) {
  return g[G_K_H] == 1 && g[G_K_W] == 1 && g[G_STRIDE_H] == 1 && g[G_STRIDE_W] == 1 &&
         g[G_PAD_TOP] == 0 && g[G_PAD_LEFT] == 0 && g[G_OUT_H] == g[G_IN_H] && g[G_OUT_W] == g[G_IN_W];
}

/* The geometry unpacked into locals once per call (the block is read-only while a kernel runs). */
typedef struct {
  int inH, inW, inC, kH, kW, sH, sW, padT, padL, dH, dW, outH, outW;
} Dims;

static Dims dims_of(const int *g) {
  Dims d = { g[G_IN_H], g[G_IN_W], g[G_IN_C], g[G_K_H], g[G_K_W], g[G_STRIDE_H], g[G_STRIDE_W],
             g[G_PAD_TOP], g[G_PAD_LEFT], g[G_DIL_H], g[G_DIL_W], g[G_OUT_H], g[G_OUT_W] };
  return d;
}

/*
 * Walks output rows row0..row0+rows−1, tracking (b, oy, ox) incrementally, and for every kernel tap
 * runs INSIDE (with src = the input pixel's channels, col = the tap's columns in the im2col row)
 * or OUTSIDE (tap in the zero padding).
 */
#define FOR_EACH_TAP(d, row0, rows, INSIDE, OUTSIDE)                                              \
  do {                                                                                        \
    size_t kkc_ = (size_t)(d).kH * (d).kW * (d).inC;                                          \
    int ox_ = (row0) % (d).outW, t_ = (row0) / (d).outW;                                      \
    int oy_ = t_ % (d).outH, b_ = t_ / (d).outH;                                              \
    for (int i_ = 0; i_ < (rows); i_++) {                                                     \
      size_t img_ = (size_t)b_ * (d).inH * (d).inW;                                           \
      int tap_ = 0;                                                                           \
      for (int ky = 0; ky < (d).kH; ky++) {                                                   \
        int iy = oy_ * (d).sH - (d).padT + ky * (d).dH;                                       \
        int rowInside = iy >= 0 && iy < (d).inH;                                              \
        for (int kx = 0; kx < (d).kW; kx++, tap_++) {                                         \
          int ix = ox_ * (d).sW - (d).padL + kx * (d).dW;                                     \
          size_t colOffset = (size_t)i_ * kkc_ + (size_t)tap_ * (d).inC;                      \
          if (rowInside && ix >= 0 && ix < (d).inW) {                                         \
            size_t srcOffset = (img_ + (size_t)iy * (d).inW + ix) * (d).inC;                  \
            INSIDE                                                                            \
          } else {                                                                            \
            OUTSIDE                                                                           \
          }                                                                                   \
        }                                                                                     \
      }                                                                                       \
      if (++ox_ == (d).outW) { ox_ = 0; if (++oy_ == (d).outH) { oy_ = 0; b_++; } }           \
    }                                                                                         \
  } while (0)

static void im2col(const int *g, const float *restrict x, int row0, int rows, float *restrict cols) {
  Dims d = dims_of(g);
  if (d.inC == 1) { /* first layers of image models: one float per tap */
    FOR_EACH_TAP(d, row0, rows, { cols[colOffset] = x[srcOffset]; }, { cols[colOffset] = 0.0f; });
    return;
  }
  FOR_EACH_TAP(d, row0, rows,
    { for (int c = 0; c < d.inC; c++) cols[colOffset + c] = x[srcOffset + c]; },
    { for (int c = 0; c < d.inC; c++) cols[colOffset + c] = 0.0f; });
}

static void col2im_add(const int *g, const float *restrict cols, int row0, int rows, float *restrict dx) {
  Dims d = dims_of(g);
  if (d.inC == 1) {
    FOR_EACH_TAP(d, row0, rows, { dx[srcOffset] += cols[colOffset]; }, {});
    return;
  }
  FOR_EACH_TAP(d, row0, rows,
    { for (int c = 0; c < d.inC; c++) dx[srcOffset + c] += cols[colOffset + c]; }, {});
}

static int kkc_of(const int *g) { return g[G_K_H] * g[G_K_W] * g[G_IN_C]; }

/* y[row0:row1, :] = im2col(x)[row0:row1, :] · w */
EXPORT(conv2d_forward_rows)
void conv2d_forward_rows(const int *g, const float *x, const float *w, float *y, float *scratch, int row0, int row1) {
  int kkc = kkc_of(g), outC = g[G_OUT_C], chunk = g[G_CHUNK_ROWS];
  for (int r = row0; r < row1; r += chunk) {
    int n = nw_min(chunk, row1 - r);
    const float *a = x + (size_t)r * kkc;
    if (!is_pointwise(g)) {
      im2col(g, x, r, n, scratch);
      a = scratch;
    }
    nw_gemm(0, 0, n, outC, kkc, 1.0f, a, kkc, w, outC, 0.0f, y + (size_t)r * outC, outC);
  }
}

/* dx for images [b0, b1): zeroed, then col2im of dy·wᵀ. Images never share dx, so ranges of images are thread-safe. */
EXPORT(conv2d_backward_input_images)
void conv2d_backward_input_images(const int *g, const float *dy, const float *w, float *dx, float *scratch, int b0, int b1) {
  int kkc = kkc_of(g), outC = g[G_OUT_C], chunk = g[G_CHUNK_ROWS];
  size_t image = (size_t)g[G_IN_H] * g[G_IN_W] * g[G_IN_C];
  int pixels = g[G_OUT_H] * g[G_OUT_W];
  int row0 = b0 * pixels, row1 = b1 * pixels;
  if (is_pointwise(g)) {
    nw_gemm(0, 1, row1 - row0, kkc, outC, 1.0f, dy + (size_t)row0 * outC, outC, w, outC, 0.0f,
            dx + (size_t)row0 * kkc, kkc);
    return;
  }
  float *dxb = dx + (size_t)b0 * image;
  for (size_t i = 0; i < (size_t)(b1 - b0) * image; i++) dxb[i] = 0.0f;
  for (int r = row0; r < row1; r += chunk) {
    int n = nw_min(chunk, row1 - r);
    nw_gemm(0, 1, n, kkc, outC, 1.0f, dy + (size_t)r * outC, outC, w, outC, 0.0f, scratch, kkc);
    col2im_add(g, scratch, r, n, dx);
  }
}

/* dw = im2col(x)[row0:row1]ᵀ · dy[row0:row1] (overwrites dw; the binding sums per-thread partials). */
EXPORT(conv2d_backward_filter_rows)
void conv2d_backward_filter_rows(const int *g, const float *x, const float *dy, float *dw, float *scratch, int row0, int row1) {
  int kkc = kkc_of(g), outC = g[G_OUT_C], chunk = g[G_CHUNK_ROWS];
  if (row1 <= row0) {
    for (size_t i = 0; i < (size_t)kkc * outC; i++) dw[i] = 0.0f;
    return;
  }
  for (int r = row0; r < row1; r += chunk) {
    int n = nw_min(chunk, row1 - r);
    const float *a = x + (size_t)r * kkc;
    if (!is_pointwise(g)) {
      im2col(g, x, r, n, scratch);
      a = scratch;
    }
    nw_gemm(1, 0, kkc, outC, n, 1.0f, a, kkc, dy + (size_t)r * outC, outC, r == row0 ? 0.0f : 1.0f, dw, outC);
  }
}
