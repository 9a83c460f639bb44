/*
 * 2-D convolution over NHWC input with HWIO weights, as implicit GEMMs (convcore.c).
 *
 * The HWIO weights viewed as a (kH·kW·inC)×outC matrix match receptive fields ordered
 * (ky, kx, c). Padding is materialised per chunk of images in scratch (only when the geometry
 * has any), so the cores only ever see "valid" convolutions. With stride 1 the input gradient is
 * itself a valid convolution of the padded dy with the flipped, transposed kernel; other strides
 * fall back to dy·Wᵀ in chunks followed by col2im. Every entry point takes a range of images, so
 * threads work on disjoint images; the scratch layout (per thread) comes from the binding
 * (convPlan.ts) through the geometry block.
 */
#include "convcore.h"

typedef struct {
  int batch, inH, inW, inC, outC, kH, kW, sH, sW, padT, padL, dH, dW, outH, outW;
} Dims;

static Dims dims_of(const int *g) {
  Dims d = { g[G_BATCH], g[G_IN_H], g[G_IN_W], g[G_IN_C], g[G_OUT_C], g[G_K_H], g[G_K_W], g[G_STRIDE_H], g[G_STRIDE_W],
             g[G_PAD_TOP], g[G_PAD_LEFT], g[G_DIL_H], g[G_DIL_W], g[G_OUT_H], g[G_OUT_W] };
  return d;
}

/* The per-thread scratch regions the binding laid out. */
typedef struct {
  float *wpack;
  uint64_t *tapmask, *keys;
  int *pixoff, *order, *edges, *tapoff;
  float *pad, *dypack, *cols;
} Scratch;

/*
 * The tables region holds tapmask (u64 per pixel), keys (u64 per image row and column), pixoff
 * and order (per pixel), edges (an index per image row and column), then tapoff and koff.
 */
static Scratch scratch_of(const int *g, float *scratch) {
  char *base = (char *)scratch;
  int pixels = g[G_TABLE_PIXELS], sides = g[G_TABLE_EDGES];
  uint64_t *masks = (uint64_t *)(base + g[G_OFF_TABLES]);
  int *pixoff = (int *)(masks + pixels + sides);
  Scratch s = { (float *)(base + g[G_OFF_WPACK]), masks, masks + pixels, pixoff, pixoff + pixels, pixoff + 2 * pixels,
                pixoff + 2 * pixels + sides, (float *)(base + g[G_OFF_PAD]), (float *)(base + g[G_OFF_DYPACK]),
                (float *)(base + g[G_OFF_COLS]) };
  return s;
}

/* Sorts idx[0..n) by key[idx] (stable insertion sort: n is an image's height or width). */
static void sort_by_key(int *idx, int n, const uint64_t *key) {
  for (int i = 1; i < n; i++) {
    int v = idx[i], j = i;
    for (; j > 0 && key[idx[j - 1]] > key[v]; j--) idx[j] = idx[j - 1];
    idx[j] = v;
  }
}

/*
 * Tap masks of a convolution over padded images: tap (ky, kx) of output pixel (oy, ox) reads row
 * oy·sH + ky·dH and column ox·sW + kx·dW, real data when inside [rowLo, rowHi) × [colLo, colHi).
 * Also the visiting order: rows grouped by which ky read real data, and within a group the pixels
 * column by column, columns grouped by which kx do, so that runs of pixels share one mask.
 * Leaves a's tapmask and order NULL (no skipping, natural order) when there are more than 64 taps.
 */
static void fill_tapmasks(Scratch *s, ImplicitA *a, int outH, int outW, int sH, int sW, int kH, int kW, int dH, int dW,
                          int rowLo, int rowHi, int colLo, int colHi) {
  a->tapmask = 0;
  a->order = 0;
  if (kH * kW > 64) return;
  uint64_t *rowKey = s->keys, *colKey = s->keys + outH;
  for (int oy = 0; oy < outH; oy++) {
    uint64_t k = 0;
    for (int ky = 0; ky < kH; ky++) { int y = oy * sH + ky * dH; if (y >= rowLo && y < rowHi) k |= (uint64_t)1 << ky; }
    rowKey[oy] = k;
  }
  for (int ox = 0; ox < outW; ox++) {
    uint64_t k = 0;
    for (int kx = 0; kx < kW; kx++) { int x = ox * sW + kx * dW; if (x >= colLo && x < colHi) k |= (uint64_t)1 << kx; }
    colKey[ox] = k;
  }
  for (int oy = 0, p = 0; oy < outH; oy++)
    for (int ox = 0; ox < outW; ox++, p++) {
      uint64_t m = 0;
      for (int ky = 0; ky < kH; ky++)
        if ((rowKey[oy] >> ky) & 1)
          for (int kx = 0; kx < kW; kx++) if ((colKey[ox] >> kx) & 1) m |= (uint64_t)1 << (ky * kW + kx);
      s->tapmask[p] = m;
    }
  int *rows = s->edges, *cols = s->edges + outH;
  for (int i = 0; i < outH; i++) rows[i] = i;
  for (int i = 0; i < outW; i++) cols[i] = i;
  sort_by_key(rows, outH, rowKey);
  sort_by_key(cols, outW, colKey);
  int q = 0;
  for (int i = 0; i < outH;) {
    int j = i;
    while (j < outH && rowKey[rows[j]] == rowKey[rows[i]]) j++;
    for (int c = 0; c < outW; c++)
      for (int r = i; r < j; r++) s->order[q++] = rows[r] * outW + cols[c];
    i = j;
  }
  a->tapmask = s->tapmask;
  a->order = s->order;
}

/* The source images of the forward pass / filter gradient: x itself, or a zero-padded copy. */
typedef struct {
  int H, W; /* size of the images the cores read */
  int copy; /* 1: padded copies of x in scratch */
} Source;

static Source forward_source(Dims d) {
  Source s = { (d.outH - 1) * d.sH + (d.kH - 1) * d.dH + 1, (d.outW - 1) * d.sW + (d.kW - 1) * d.dW + 1, 0 };
  s.copy = d.padT > 0 || d.padL > 0 || s.H > d.inH || s.W > d.inW;
  if (!s.copy) { s.H = d.inH; s.W = d.inW; }
  return s;
}

/* pixoff / tapoff of a convolution reading images W wide with C channels. */
static void fill_offsets(Scratch *s, int outH, int outW, int sH, int sW, int kH, int kW, int dH, int dW, int W, int C) {
  for (int oy = 0, p = 0; oy < outH; oy++)
    for (int ox = 0; ox < outW; ox++, p++) s->pixoff[p] = (oy * sH * W + ox * sW) * C;
  for (int ky = 0, t = 0; ky < kH; ky++)
    for (int kx = 0; kx < kW; kx++, t++) s->tapoff[t] = (ky * dH * W + kx * dW) * C;
}

/* The forward problem over images of x (or their padded copies). */
static ImplicitA forward_problem(Dims d, Scratch *s, Source src) {
  fill_offsets(s, d.outH, d.outW, d.sH, d.sW, d.kH, d.kW, d.dH, d.dW, src.W, d.inC);
  ImplicitA a = { 0, src.H * src.W * d.inC, s->pixoff, 0, d.outH * d.outW, s->tapoff, d.kH * d.kW, d.inC, 0, 0 };
  if (src.copy) fill_tapmasks(s, &a, d.outH, d.outW, d.sH, d.sW, d.kH, d.kW, d.dH, d.dW, d.padT, d.padT + d.inH, d.padL, d.padL + d.inW);
  return a;
}

/* Points a at images [b, b+n) of x, copying them with their padding first when the geometry has any. */
static void bind_source(ImplicitA *a, Dims d, Source src, Scratch *s, const float *x, int b, int n) {
  const float *first = x + (size_t)b * d.inH * d.inW * d.inC;
  if (!src.copy) { a->src = first; return; }
  nw_pad_images(first, n, d.inH, d.inW, d.inC, s->pad, src.H, src.W, d.padT, d.padL);
  a->src = s->pad;
}

/* y (+ bias when not NULL) for images [b0, b1). */
EXPORT(conv2d_forward_images)
void conv2d_forward_images(const int *g, const float *x, const float *w, const float *bias, float *y, float *scratch, int b0, int b1) {
  Dims d = dims_of(g);
  Scratch s = scratch_of(g, scratch);
  Source src = forward_source(d);
  ImplicitA a = forward_problem(d, &s, src);
  nw_pack_panels8(a.taps * a.C, d.outC, w, d.outC, 1, s.wpack);
  int chunk = g[G_CHUNK_IMAGES];
  for (int b = b0; b < b1; b += chunk) {
    int n = nw_min(chunk, b1 - b);
    bind_source(&a, d, src, &s, x, b, n);
    nw_implicit_forward(&a, n, s.wpack, bias, d.outC, y + (size_t)b * a.pixels * d.outC, d.outC);
  }
}

/* dw (and dbias = Σ dy when not NULL) over images [b0, b1), overwritten; the binding sums per-thread partials. */
EXPORT(conv2d_backward_filter_images)
void conv2d_backward_filter_images(const int *g, const float *x, const float *dy, float *dw, float *dbias, float *scratch, int b0, int b1) {
  Dims d = dims_of(g);
  Scratch s = scratch_of(g, scratch);
  Source src = forward_source(d);
  ImplicitA a = forward_problem(d, &s, src);
  int K = a.taps * a.C;
  __builtin_memset(dw, 0, (size_t)K * d.outC * sizeof(float));
  if (dbias) __builtin_memset(dbias, 0, (size_t)d.outC * sizeof(float));
  /* koff[k] = tapoff[k / C] + k % C, written over the tail of the tables (after the taps' own offsets) */
  int *koff = s.tapoff + a.taps;
  for (int k = 0; k < K; k++) koff[k] = s.tapoff[k / d.inC] + k % d.inC;
  int ldy = (d.outC + 7) & ~7;
  int chunk = g[G_CHUNK_IMAGES];
  for (int b = b0; b < b1; b += chunk) {
    int n = nw_min(chunk, b1 - b);
    bind_source(&a, d, src, &s, x, b, n);
    const float *g0 = dy + (size_t)b * a.pixels * d.outC;
    if (ldy != d.outC) { /* the core reads whole panels of 8 channels: give dy rows a padded stride */
      int rows = n * a.pixels;
      for (int r = 0; r < rows; r++) {
        float *dst = s.dypack + (size_t)r * ldy;
        __builtin_memcpy(dst, g0 + (size_t)r * d.outC, (size_t)d.outC * sizeof(float));
        __builtin_memset(dst + d.outC, 0, (size_t)(ldy - d.outC) * sizeof(float));
      }
      g0 = s.dypack;
    }
    nw_implicit_filter(&a, n, koff, g0, ldy, d.outC, dw, dbias);
  }
}

/* Stride 1: dx = valid conv of dy (padded by the kernel's reach minus the forward padding) with the flipped kernel, channels swapped. */
static void backward_input_stride1(const int *g, Dims d, Scratch *s, const float *dy, const float *w, float *dx, int b0, int b1) {
  int H2 = d.inH + d.dH * (d.kH - 1), W2 = d.inW + d.dW * (d.kW - 1);
  int top = d.dH * (d.kH - 1) - d.padT, left = d.dW * (d.kW - 1) - d.padL;
  fill_offsets(s, d.inH, d.inW, 1, 1, d.kH, d.kW, d.dH, d.dW, W2, d.outC);
  int taps = d.kH * d.kW, K = taps * d.outC;
  /* B[(t, o), c] = w[(taps−1−t), c, o]: panels of 8 input channels */
  for (int j0 = 0; j0 < d.inC; j0 += 8) {
    int cols = nw_min(8, d.inC - j0);
    float *panel = s->wpack + (size_t)j0 * K;
    for (int t = 0; t < taps; t++) {
      const float *wt = w + (size_t)(taps - 1 - t) * d.inC * d.outC + (size_t)j0 * d.outC;
      for (int o = 0; o < d.outC; o++) {
        float *dst = panel + ((size_t)t * d.outC + o) * 8;
        int j = 0;
        for (; j < cols; j++) dst[j] = wt[(size_t)j * d.outC + o];
        for (; j < 8; j++) dst[j] = 0.0f;
      }
    }
  }
  ImplicitA a = { s->pad, H2 * W2 * d.outC, s->pixoff, 0, d.inH * d.inW, s->tapoff, taps, d.outC, 0, 0 };
  fill_tapmasks(s, &a, d.inH, d.inW, 1, 1, d.kH, d.kW, d.dH, d.dW, top, top + d.outH, left, left + d.outW);
  int chunk = g[G_CHUNK_IMAGES];
  for (int b = b0; b < b1; b += chunk) {
    int n = nw_min(chunk, b1 - b);
    nw_pad_images(dy + (size_t)b * d.outH * d.outW * d.outC, n, d.outH, d.outW, d.outC, s->pad, H2, W2, top, left);
    nw_implicit_forward(&a, n, s->wpack, 0, d.inC, dx + (size_t)b * d.inH * d.inW * d.inC, d.inC);
  }
}

/* Other strides: per chunk of rows, cols = dy·Wᵀ, then every receptive field is added back into dx. */
static void backward_input_col2im(const int *g, Dims d, Scratch *s, const float *dy, const float *w, float *dx, int b0, int b1) {
  int kkc = d.kH * d.kW * d.inC, chunk = g[G_CHUNK_ROWS], pixels = d.outH * d.outW;
  __builtin_memset(dx + (size_t)b0 * d.inH * d.inW * d.inC, 0, (size_t)(b1 - b0) * d.inH * d.inW * d.inC * sizeof(float));
  /* Wᵀ (outC × kkc) as panels of 8 of its columns; dy rows as a plain matrix (one tap of outC channels) */
  nw_pack_panels8(d.outC, kkc, w, 1, d.outC, s->wpack);
  s->tapoff[0] = 0;
  for (int r = b0 * pixels; r < b1 * pixels; r += chunk) {
    int n = nw_min(chunk, b1 * pixels - r);
    ImplicitA rowsOfDy = { dy + (size_t)r * d.outC, 0, 0, d.outC, n, s->tapoff, 1, d.outC, 0, 0 };
    nw_implicit_forward(&rowsOfDy, 1, s->wpack, 0, kkc, s->cols, kkc);
    int ox = r % d.outW, oy = (r / d.outW) % d.outH, b = r / pixels;
    for (int i = 0; i < n; i++) {
      const float *col = s->cols + (size_t)i * kkc;
      float *img = dx + (size_t)b * d.inH * d.inW * d.inC;
      for (int ky = 0; ky < d.kH; ky++) {
        int iy = oy * d.sH - d.padT + ky * d.dH;
        for (int kx = 0; kx < d.kW; kx++, col += d.inC) {
          int ix = ox * d.sW - d.padL + kx * d.dW;
          if (iy < 0 || iy >= d.inH || ix < 0 || ix >= d.inW) continue;
          float *dst = img + ((size_t)iy * d.inW + ix) * d.inC;
          for (int c = 0; c < d.inC; c++) dst[c] += col[c];
        }
      }
      if (++ox == d.outW) { ox = 0; if (++oy == d.outH) { oy = 0; b++; } }
    }
  }
}

/* dx for images [b0, b1) (overwritten). Images never share dx, so ranges of images are thread-safe. */
EXPORT(conv2d_backward_input_images)
void conv2d_backward_input_images(const int *g, const float *dy, const float *w, float *dx, float *scratch, int b0, int b1) {
  Dims d = dims_of(g);
  Scratch s = scratch_of(g, scratch);
  if (d.sH == 1 && d.sW == 1) backward_input_stride1(g, d, &s, dy, w, dx, b0, b1);
  else backward_input_col2im(g, d, &s, dy, w, dx, b0, b1);
}
