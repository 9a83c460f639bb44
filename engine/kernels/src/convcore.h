/* Implicit-GEMM convolution cores shared by conv.c (see convcore.c). */
#ifndef NW_CONVCORE_H
#define NW_CONVCORE_H

#include "common.h"

/*
 * A "valid" convolution over images that already carry their padding: output pixel p of image i
 * reads src + i·imgStride + pixoff[p] + tapoff[t] + c for taps t and channels c < C, so row p of
 * the implicit im2col matrix is never materialised.
 */
typedef struct {
  const float *src;
  int imgStride; /* floats from one source image to the next */
  const int *pixoff; /* per output pixel of an image, in floats; NULL: pixel p starts at p·pixStride */
  int pixStride;
  int pixels; /* output pixels per image */
  const int *tapoff; /* per kernel tap, in floats */
  int taps;
  int C; /* channels per tap: K = taps·C */
  /* per output pixel of an image, bit t set when tap t reads any real (not padding) data; NULL: every tap does */
  const uint64_t *tapmask;
  /* the order the forward core visits the pixels of an image (NULL: 0, 1, …): pixels with equal tap masks
     next to each other let whole tiles skip the same taps */
  const int *order;
} ImplicitA;

/* y[r, 0:N] = A[r, :]·B (+ bias when not NULL) for the rows of images [0, images); wp holds B (K×N) as zero-padded
   panels of 8 columns. Taps that read only padding for all four pixels of a tile are skipped (tapmask). */
void nw_implicit_forward(const ImplicitA *a, int images, const float *wp, const float *bias, int N, float *y, int ldy);

/* dw[k, 0:N] += Σ_r A[r, k]·dy[r, 0:N] over the rows of images [0, images), and dbias (when not NULL) += Σ_r dy[r, 0:N];
   koff[k] = tapoff[k / C] + k % C; ldy ≥ N rounded up to 8. */
void nw_implicit_filter(const ImplicitA *a, int images, const int *koff, const float *dy, int ldy, int N, float *dw, float *dbias);

/* Packs the K×N matrix element(k, j) = w[k·rowStride + j·colStride] into zero-padded panels of 8 columns: dst[panel][k][8]. */
void nw_pack_panels8(int K, int N, const float *w, int rowStride, int colStride, float *dst);

/*
 * Copies images of H×W×C into images of H2×W2×C placed at (top, left), which may be negative or
 * run past the edge (clipped); everything else is zero.
 */
void nw_pad_images(const float *src, int images, int H, int W, int C, float *dst, int H2, int W2, int top, int left);

#endif
