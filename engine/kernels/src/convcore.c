/*
 * Implicit-GEMM convolution: the micro-kernels read the receptive fields straight from NHWC
 * images (channels of one tap are contiguous), so no im2col matrix is built or packed.
 *
 * Forward keeps a 4-pixel × 8-channel tile of the output in f32x4 accumulators; the filter
 * gradient keeps a 4-tap-channel × 8-output-channel tile of dw over a block of pixels.
 */
#include "convcore.h"

#define TILE_ROWS 4
#define PANEL 8
#define FORWARD_BLOCK_ROWS 64 /* pixels per forward block (a multiple of TILE_ROWS): one B panel serves them all from L1 */
#define FILTER_BLOCK_ROWS 64 /* pixels per filter-gradient block: their dy rows stay in L1 (measured best of 32..160) */

/* acc[i] += splat(*xi) · bp[0..8) for the four rows of a tile (one k step of the 4×8 micro-kernel). */
#define TILE_STEP(acc, x0p, x1p, x2p, x3p, bp)                                                       \
  do {                                                                                             \
    v128_t b0_ = wasm_v128_load(bp), b1_ = wasm_v128_load((bp) + 4), x_;                           \
    x_ = wasm_v128_load32_splat(x0p);                                                              \
    acc[0][0] = wasm_f32x4_add(acc[0][0], wasm_f32x4_mul(x_, b0_));                                \
    acc[0][1] = wasm_f32x4_add(acc[0][1], wasm_f32x4_mul(x_, b1_));                                \
    x_ = wasm_v128_load32_splat(x1p);                                                              \
    acc[1][0] = wasm_f32x4_add(acc[1][0], wasm_f32x4_mul(x_, b0_));                                \
    acc[1][1] = wasm_f32x4_add(acc[1][1], wasm_f32x4_mul(x_, b1_));                                \
    x_ = wasm_v128_load32_splat(x2p);                                                              \
    acc[2][0] = wasm_f32x4_add(acc[2][0], wasm_f32x4_mul(x_, b0_));                                \
    acc[2][1] = wasm_f32x4_add(acc[2][1], wasm_f32x4_mul(x_, b1_));                                \
    x_ = wasm_v128_load32_splat(x3p);                                                              \
    acc[3][0] = wasm_f32x4_add(acc[3][0], wasm_f32x4_mul(x_, b0_));                                \
    acc[3][1] = wasm_f32x4_add(acc[3][1], wasm_f32x4_mul(x_, b1_));                                \
  } while (0)

NW_INLINE const float *row_base(const ImplicitA *a, int r) {
  int image = r / a->pixels, p = r - image * a->pixels;
  return a->src + (size_t)image * a->imgStride + (a->pixoff ? a->pixoff[p] : (size_t)p * a->pixStride);
}

/* Stores a 4×8 tile (acc[i][0..1]) at columns j0.. of output rows out[0..3], only rows < rows and columns < cols. */
NW_INLINE void store_tile(float *const *out, int j0, v128_t acc[TILE_ROWS][2], int rows, int cols) {
  if (rows == TILE_ROWS && cols == PANEL) {
    for (int i = 0; i < TILE_ROWS; i++) {
      wasm_v128_store(out[i] + j0, acc[i][0]);
      wasm_v128_store(out[i] + j0 + 4, acc[i][1]);
    }
    return;
  }
  float tile[TILE_ROWS * PANEL] NW_ALIGN16;
  for (int i = 0; i < TILE_ROWS; i++) {
    wasm_v128_store(tile + i * PANEL, acc[i][0]);
    wasm_v128_store(tile + i * PANEL + 4, acc[i][1]);
  }
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < cols; j++) out[i][j0 + j] = tile[i * PANEL + j];
}

/* bias[j0 .. j0+8) as two vectors, zero past N (or everywhere without a bias). */
NW_INLINE void bias_panel(const float *bias, int j0, int N, v128_t *lo, v128_t *hi) {
  float tile[PANEL] NW_ALIGN16 = { 0 };
  if (bias)
    for (int j = 0; j < PANEL && j0 + j < N; j++) tile[j] = bias[j0 + j];
  *lo = wasm_v128_load(tile);
  *hi = wasm_v128_load(tile + 4);
}

void nw_implicit_forward(const ImplicitA *a, int images, const float *wp, const float *bias, int N, float *y, int ldy) {
  int rows = images * a->pixels, K = a->taps * a->C, C = a->C;
  const float *base[FORWARD_BLOCK_ROWS];
  float *out[FORWARD_BLOCK_ROWS];
  uint64_t tiles[FORWARD_BLOCK_ROWS / TILE_ROWS]; /* taps each tile of the block needs */
  for (int rb = 0; rb < rows; rb += FORWARD_BLOCK_ROWS) {
    int n = nw_min(FORWARD_BLOCK_ROWS, rows - rb);
    for (int i = 0; i < FORWARD_BLOCK_ROWS / TILE_ROWS; i++) tiles[i] = a->tapmask ? 0 : ~(uint64_t)0;
    /* rows past the end repeat the last row (computed, never stored) */
    for (int i = 0; i < FORWARD_BLOCK_ROWS; i++) {
      int r = rb + nw_min(i, n - 1), image = r / a->pixels, p = r - image * a->pixels;
      if (a->order) p = a->order[p];
      base[i] = row_base(a, image * a->pixels + p);
      out[i] = y + ((size_t)image * a->pixels + p) * ldy;
      if (a->tapmask) tiles[i / TILE_ROWS] |= a->tapmask[p];
    }
    /* one panel of B (K×8) at a time stays in L1 while every tile of the block uses it */
    for (int j0 = 0; j0 < N; j0 += PANEL) {
      const float *panel = wp + (size_t)j0 * K;
      v128_t bias0, bias1;
      bias_panel(bias, j0, N, &bias0, &bias1);
      for (int r0 = 0; r0 < n; r0 += TILE_ROWS) {
        const float *p0 = base[r0], *p1 = base[r0 + 1], *p2 = base[r0 + 2], *p3 = base[r0 + 3];
        const float *b = panel;
        v128_t acc[TILE_ROWS][2];
        for (int i = 0; i < TILE_ROWS; i++) { acc[i][0] = bias0; acc[i][1] = bias1; }
        uint64_t need = tiles[r0 / TILE_ROWS];
        if (C == 1) { /* one channel per tap (first layers of image models): a flat loop over the taps */
          for (int t = 0; t < a->taps; t++, b += PANEL) {
            int off = a->tapoff[t];
            TILE_STEP(acc, p0 + off, p1 + off, p2 + off, p3 + off, b);
          }
          store_tile(out + r0, j0, acc, nw_min(TILE_ROWS, n - r0), nw_min(PANEL, N - j0));
          continue;
        }
        for (int t = 0; t < a->taps; t++) {
          if (!((need >> (t & 63)) & 1)) { /* only padding under this tap: zeros add nothing */
            b += PANEL * C;
            continue;
          }
          int off = a->tapoff[t];
          const float *a0 = p0 + off, *a1 = p1 + off, *a2 = p2 + off, *a3 = p3 + off;
          /* (unrolling this loop by four measured much slower: the tile's registers spill) */
          for (int c = 0; c < C; c++, b += PANEL) TILE_STEP(acc, a0 + c, a1 + c, a2 + c, a3 + c, b);
        }
        store_tile(out + r0, j0, acc, nw_min(TILE_ROWS, n - r0), nw_min(PANEL, N - j0));
      }
    }
  }
}

/* dbias[0:N] += Σ of n rows of dy (row stride ldy, whole panels of 8 readable). */
static void add_row_sums(const float *dy, int n, int ldy, int N, float *dbias) {
  for (int j0 = 0; j0 < N; j0 += PANEL) {
    v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
    for (int i = 0; i < n; i++) {
      s0 = wasm_f32x4_add(s0, wasm_v128_load(dy + (size_t)i * ldy + j0));
      s1 = wasm_f32x4_add(s1, wasm_v128_load(dy + (size_t)i * ldy + j0 + 4));
    }
    float tile[PANEL] NW_ALIGN16;
    wasm_v128_store(tile, s0);
    wasm_v128_store(tile + 4, s1);
    for (int j = 0; j < PANEL && j0 + j < N; j++) dbias[j0 + j] += tile[j];
  }
}

void nw_implicit_filter(const ImplicitA *a, int images, const int *koff, const float *dy, int ldy, int N, float *dw, float *dbias) {
  int rows = images * a->pixels, K = a->taps * a->C;
  const float *base[FILTER_BLOCK_ROWS];
  for (int r0 = 0; r0 < rows; r0 += FILTER_BLOCK_ROWS) {
    int n = nw_min(FILTER_BLOCK_ROWS, rows - r0);
    for (int i = 0; i < n; i++) base[i] = row_base(a, r0 + i);
    const float *dyBlock = dy + (size_t)r0 * ldy;
    if (dbias) add_row_sums(dyBlock, n, ldy, N, dbias); /* while the block's dy rows are in L1 */
    for (int k0 = 0; k0 < K; k0 += TILE_ROWS) {
      int kv = nw_min(TILE_ROWS, K - k0);
      /* taps past K repeat the last one (computed, never stored) */
      int o0 = koff[k0], o1 = koff[k0 + nw_min(1, kv - 1)], o2 = koff[k0 + nw_min(2, kv - 1)], o3 = koff[k0 + nw_min(3, kv - 1)];
      for (int j0 = 0; j0 < N; j0 += PANEL) {
        v128_t acc[TILE_ROWS][2];
        for (int i = 0; i < TILE_ROWS; i++) acc[i][0] = acc[i][1] = wasm_f32x4_splat(0.0f);
        const float *g = dyBlock + j0;
        if (o1 == o0 + 1 && o2 == o0 + 2 && o3 == o0 + 3) { /* four channels of one tap: constant load offsets */
          for (int i = 0; i < n; i++, g += ldy) {
            const float *x = base[i] + o0;
            TILE_STEP(acc, x, x + 1, x + 2, x + 3, g);
          }
        } else {
          for (int i = 0; i < n; i++, g += ldy) {
            const float *x = base[i];
            TILE_STEP(acc, x + o0, x + o1, x + o2, x + o3, g);
          }
        }
        float *d = dw + (size_t)k0 * N + j0;
        int cols = nw_min(PANEL, N - j0);
        if (kv == TILE_ROWS && cols == PANEL) {
          for (int i = 0; i < TILE_ROWS; i++) {
            float *row = d + (size_t)i * N;
            wasm_v128_store(row, wasm_f32x4_add(wasm_v128_load(row), acc[i][0]));
            wasm_v128_store(row + 4, wasm_f32x4_add(wasm_v128_load(row + 4), acc[i][1]));
          }
        } else {
          float tile[TILE_ROWS * PANEL] NW_ALIGN16;
          for (int i = 0; i < TILE_ROWS; i++) {
            wasm_v128_store(tile + i * PANEL, acc[i][0]);
            wasm_v128_store(tile + i * PANEL + 4, acc[i][1]);
          }
          for (int i = 0; i < kv; i++)
            for (int j = 0; j < cols; j++) d[(size_t)i * N + j] += tile[i * PANEL + j];
        }
      }
    }
  }
}

void nw_pack_panels8(int K, int N, const float *w, int rowStride, int colStride, float *dst) {
  for (int j0 = 0; j0 < N; j0 += PANEL) {
    int cols = nw_min(PANEL, N - j0);
    float *panel = dst + (size_t)j0 * K;
    for (int k = 0; k < K; k++) {
      const float *src = w + (size_t)k * rowStride + (size_t)j0 * colStride;
      int j = 0;
      if (colStride == 1 && cols == PANEL) {
        wasm_v128_store(panel + k * PANEL, wasm_v128_load(src));
        wasm_v128_store(panel + k * PANEL + 4, wasm_v128_load(src + 4));
        continue;
      }
      for (; j < cols; j++) panel[k * PANEL + j] = src[(size_t)j * colStride];
      for (; j < PANEL; j++) panel[k * PANEL + j] = 0.0f;
    }
  }
}

void nw_pad_images(const float *src, int images, int H, int W, int C, float *dst, int H2, int W2, int top, int left) {
  size_t out = (size_t)H2 * W2 * C;
  int x0 = nw_max(0, -left), x1 = nw_min(W, W2 - left); /* source columns that land inside */
  int y0 = nw_max(0, -top), y1 = nw_min(H, H2 - top);
  for (int i = 0; i < images; i++) {
    float *d = dst + (size_t)i * out;
    const float *s = src + (size_t)i * H * W * C;
    __builtin_memset(d, 0, out * sizeof(float));
    if (x1 <= x0) continue;
    for (int y = y0; y < y1; y++)
      __builtin_memcpy(d + ((size_t)(y + top) * W2 + x0 + left) * C, s + ((size_t)y * W + x0) * C, (size_t)(x1 - x0) * C * sizeof(float));
  }
}
