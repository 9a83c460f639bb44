/* Shared definitions for the Netwright kernels: freestanding wasm32, SIMD128, no libc. */
#ifndef NW_COMMON_H
#define NW_COMMON_H

#include <stdint.h>
#include <stddef.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name))) 
#define NW_INLINE static inline __attribute__((always_inline))
#define NW_ALIGN16 __attribute__((aligned(16)))

/* Conv geometry block written by the binding: fields in this order (Int32). */
enum {
  G_BATCH, G_IN_H, G_IN_W, G_IN_C, G_OUT_C, G_K_H, G_K_W, G_STRIDE_H, G_STRIDE_W,
  G_PAD_TOP, G_PAD_LEFT, G_DIL_H, G_DIL_W, G_OUT_H, G_OUT_W,
  /* the plan (convPlan.ts): chunk sizes, then byte offsets of the regions of one thread's scratch */
  G_CHUNK_ROWS, G_CHUNK_IMAGES, G_TABLE_PIXELS, G_TABLE_EDGES, G_OFF_WPACK, G_OFF_TABLES, G_OFF_PAD, G_OFF_DYPACK, G_OFF_COLS, G_FIELDS
};

NW_INLINE int nw_min(int a, int b) { return a < b ? a : b; }
NW_INLINE int nw_max(int a, int b) { return a > b ? a : b; }

void nw_gemm(int transA, int transB, int M, int N, int K, float alpha, const float *A, int lda,
             const float *B, int ldb, float beta, float *C, int ldc);

#endif
