/*
 * Single-precision GEMM: C = alpha·op(A)·op(B) + beta·C, row-major.
 *
 * Goto-style blocking: op(B) is packed into KC×NR column panels, op(A) (scaled by alpha) into
 * MR×KC row panels, both zero-padded to whole panels so the micro-kernel never branches on edges.
 * The micro-kernel keeps an MR×NR tile of C in f32x4 accumulators. Pack buffers live on the
 * calling thread's stack, so concurrent calls on disjoint blocks of C are safe.
 */
#include "common.h"

#define MR 4
#define NR 8
#define KC 256
#define MC 128
#define NC 512 /* KC·NC floats of packed B = 512 KiB, MC·KC of packed A = 128 KiB: both on the stack */

static void scale_c(int M, int N, float beta, float *C, int ldc) {
  if (beta == 1.0f) return;
  for (int i = 0; i < M; i++) {
    float *row = C + (size_t)i * ldc;
    if (beta == 0.0f) {
      for (int j = 0; j < N; j++) row[j] = 0.0f; /* not beta·C: 0·NaN must not leak */
    } else {
      for (int j = 0; j < N; j++) row[j] *= beta;
    }
  }
}

/* Packs op(B)[pc:pc+kc, jc:jc+nc] as panels of NR columns: dst[panel][k][0..NR). */
static void pack_b(int transB, const float *B, int ldb, int pc, int jc, int kc, int nc, float *dst) {
  for (int j0 = 0; j0 < nc; j0 += NR) {
    int nr = nw_min(NR, nc - j0);
    float *panel = dst + (size_t)j0 * kc;
    if (!transB) {
      const float *src = B + (size_t)pc * ldb + jc + j0;
      if (nr == NR) {
        for (int k = 0; k < kc; k++) {
          const float *s = src + (size_t)k * ldb;
          wasm_v128_store(panel + k * NR, wasm_v128_load(s));
          wasm_v128_store(panel + k * NR + 4, wasm_v128_load(s + 4));
        }
      } else {
        for (int k = 0; k < kc; k++) {
          const float *s = src + (size_t)k * ldb;
          int j = 0;
          for (; j < nr; j++) panel[k * NR + j] = s[j];
          for (; j < NR; j++) panel[k * NR + j] = 0.0f;
        }
      }
    } else {
      /* op(B)[k][j] = B[j][k] */
      const float *src = B + (size_t)(jc + j0) * ldb + pc;
      int j = 0;
      for (; j < nr; j++) {
        const float *s = src + (size_t)j * ldb;
        for (int k = 0; k < kc; k++) panel[k * NR + j] = s[k];
      }
      for (; j < NR; j++)
        for (int k = 0; k < kc; k++) panel[k * NR + j] = 0.0f;
    }
  }
}

/* Packs alpha·op(A)[ic:ic+mc, pc:pc+kc] as panels of MR rows: dst[panel][k][0..MR). */
static void pack_a(int transA, const float *A, int lda, int ic, int pc, int mc, int kc, float alpha, float *dst) {
  for (int i0 = 0; i0 < mc; i0 += MR) {
    int mr = nw_min(MR, mc - i0);
    float *panel = dst + (size_t)i0 * kc;
    if (!transA) {
      const float *src = A + (size_t)(ic + i0) * lda + pc;
      if (mr == MR) {
        for (int k = 0; k < kc; k++)
          for (int i = 0; i < MR; i++) panel[k * MR + i] = alpha * src[(size_t)i * lda + k];
      } else {
        int i = 0;
        for (; i < mr; i++) {
          const float *s = src + (size_t)i * lda;
          for (int k = 0; k < kc; k++) panel[k * MR + i] = alpha * s[k];
        }
        for (; i < MR; i++)
          for (int k = 0; k < kc; k++) panel[k * MR + i] = 0.0f;
      }
    } else {
      /* op(A)[i][k] = A[k][i]: MR consecutive floats per k */
      const float *src = A + (size_t)pc * lda + ic + i0;
      if (mr == MR) {
        for (int k = 0; k < kc; k++)
          for (int i = 0; i < MR; i++) panel[k * MR + i] = alpha * src[(size_t)k * lda + i];
      } else {
        for (int k = 0; k < kc; k++) {
          int i = 0;
          for (; i < mr; i++) panel[k * MR + i] = alpha * src[(size_t)k * lda + i];
          for (; i < MR; i++) panel[k * MR + i] = 0.0f;
        }
      }
    }
  }
}

/*
 * C[0:mr, 0:nr] += Ap·Bp over kc (or = when overwrite); Ap is MR-interleaved, Bp NR-interleaved.
 * The loops over i have constant trip counts and are fully unrolled into registers.
 */
static void micro_kernel(int kc, const float *restrict Ap, const float *restrict Bp, float *C, int ldc, int mr, int nr,
                         int overwrite) {
  v128_t acc[MR][2];
  for (int i = 0; i < MR; i++) acc[i][0] = acc[i][1] = wasm_f32x4_splat(0.0f);
  for (int k = 0; k < kc; k++) {
    v128_t b0 = wasm_v128_load(Bp);
    v128_t b1 = wasm_v128_load(Bp + 4);
    for (int i = 0; i < MR; i++) {
      v128_t a = wasm_v128_load32_splat(Ap + i);
      acc[i][0] = wasm_f32x4_add(acc[i][0], wasm_f32x4_mul(a, b0));
      acc[i][1] = wasm_f32x4_add(acc[i][1], wasm_f32x4_mul(a, b1));
    }
    Ap += MR;
    Bp += NR;
  }
  if (mr == MR && nr == NR) {
    for (int i = 0; i < MR; i++) {
      float *row = C + (size_t)i * ldc;
      if (overwrite) {
        wasm_v128_store(row, acc[i][0]);
        wasm_v128_store(row + 4, acc[i][1]);
      } else {
        wasm_v128_store(row, wasm_f32x4_add(wasm_v128_load(row), acc[i][0]));
        wasm_v128_store(row + 4, wasm_f32x4_add(wasm_v128_load(row + 4), acc[i][1]));
      }
    }
    return;
  }
  float tile[MR * NR] NW_ALIGN16;
  for (int i = 0; i < MR; i++) {
    wasm_v128_store(tile + i * NR, acc[i][0]);
    wasm_v128_store(tile + i * NR + 4, acc[i][1]);
  }
  for (int i = 0; i < mr; i++)
    for (int j = 0; j < nr; j++) {
      float *c = C + (size_t)i * ldc + j;
      *c = overwrite ? tile[i * NR + j] : *c + tile[i * NR + j];
    }
}

void nw_gemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
             const float *B, int ldb, float beta, float *C, int ldc) {
  if (M <= 0 || N <= 0) return;
  int empty = K <= 0 || alpha == 0.0f;
  /* beta = 0 with a non-empty product: the first K block stores into C instead of adding, so C is never pre-zeroed */
  int overwriteFirst = beta == 0.0f && !empty;
  if (!overwriteFirst) scale_c(M, N, beta, C, ldc);
  if (empty) return;
  float Bp[KC * NC] NW_ALIGN16;
  float Ap[MC * KC] NW_ALIGN16;
  for (int jc = 0; jc < N; jc += NC) {
    int nc = nw_min(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      int kc = nw_min(KC, K - pc);
      pack_b(transB, B, ldb, pc, jc, kc, nc, Bp);
      for (int ic = 0; ic < M; ic += MC) {
        int mc = nw_min(MC, M - ic);
        pack_a(transA, A, lda, ic, pc, mc, kc, alpha, Ap);
        for (int jr = 0; jr < nc; jr += NR) {
          int nr = nw_min(NR, nc - jr);
          for (int ir = 0; ir < mc; ir += MR) {
            micro_kernel(kc, Ap + (size_t)ir * kc, Bp + (size_t)jr * kc,
                         C + (size_t)(ic + ir) * ldc + jc + jr, ldc, nw_min(MR, mc - ir), nr, overwriteFirst && pc == 0);
          }
        }
      }
    }
  }
}

EXPORT(gemm)
void gemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
          const float *B, int ldb, float beta, float *C, int ldc) {
  nw_gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

EXPORT(add_bias)
void add_bias(int rows, int cols, float *restrict y, const float *restrict bias) {
  for (int r = 0; r < rows; r++) {
    float *row = y + (size_t)r * cols;
    for (int c = 0; c < cols; c++) row[c] += bias[c];
  }
}

EXPORT(bias_grad)
void bias_grad(int rows, int cols, const float *restrict dy, float *restrict dbias) {
  for (int c = 0; c < cols; c++) dbias[c] = 0.0f;
  for (int r = 0; r < rows; r++) {
    const float *row = dy + (size_t)r * cols;
    for (int c = 0; c < cols; c++) dbias[c] += row[c];
  }
}
