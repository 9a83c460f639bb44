/*
 * Batch norm (per channel over N·H·W rows of NHWC) and layer norm (per row over the last axis).
 * Channel statistics accumulate in f64 on the stack, a block of channels at a time.
 */
#include "common.h"

#define CH_BLOCK 512

EXPORT(batch_norm_forward_train)
void batch_norm_forward_train(int rows, int channels, const float *x, const float *gamma, const float *beta, float eps,
                              float momentum, float *y, float *saveMean, float *saveInvStd, float *runMean, float *runVar) {
  double sum[CH_BLOCK], sq[CH_BLOCK];
  for (int c0 = 0; c0 < channels; c0 += CH_BLOCK) {
    int cn = nw_min(CH_BLOCK, channels - c0);
    for (int c = 0; c < cn; c++) sum[c] = 0.0;
    for (int r = 0; r < rows; r++) {
      const float *xr = x + (size_t)r * channels + c0;
      for (int c = 0; c < cn; c++) sum[c] += xr[c];
    }
    for (int c = 0; c < cn; c++) { sum[c] /= rows; sq[c] = 0.0; }
    /* second pass on centred values: no cancellation in the variance */
    for (int r = 0; r < rows; r++) {
      const float *xr = x + (size_t)r * channels + c0;
      for (int c = 0; c < cn; c++) { double d = xr[c] - sum[c]; sq[c] += d * d; }
    }
    for (int c = 0; c < cn; c++) {
      int ch = c0 + c;
      double var = sq[c] / rows;
      saveMean[ch] = (float)sum[c];
      saveInvStd[ch] = (float)(1.0 / __builtin_sqrt(var + eps));
      double unbiased = rows > 1 ? sq[c] / (rows - 1) : var;
      runMean[ch] = (1.0f - momentum) * runMean[ch] + momentum * (float)sum[c];
      runVar[ch] = (1.0f - momentum) * runVar[ch] + momentum * (float)unbiased;
    }
  }
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * channels;
    float *yr = y + (size_t)r * channels;
    for (int c = 0; c < channels; c++) yr[c] = (xr[c] - saveMean[c]) * saveInvStd[c] * gamma[c] + beta[c];
  }
}

EXPORT(batch_norm_forward_inference)
void batch_norm_forward_inference(int rows, int channels, const float *x, const float *gamma, const float *beta,
                                  const float *runMean, const float *runVar, float eps, float *y) {
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * channels;
    float *yr = y + (size_t)r * channels;
    for (int c = 0; c < channels; c++)
      yr[c] = (xr[c] - runMean[c]) / __builtin_sqrtf(runVar[c] + eps) * gamma[c] + beta[c];
  }
}

/* dx = γ·invStd/N · (N·dy − Σdy − x̂·Σ(dy·x̂)); dγ = Σ dy·x̂; dβ = Σ dy. */
EXPORT(batch_norm_backward)
void batch_norm_backward(int rows, int channels, const float *x, const float *dy, const float *gamma, const float *saveMean,
                         const float *saveInvStd, float *dx, float *dgamma, float *dbeta) {
  double sdy[CH_BLOCK], sdyx[CH_BLOCK];
  for (int c0 = 0; c0 < channels; c0 += CH_BLOCK) {
    int cn = nw_min(CH_BLOCK, channels - c0);
    for (int c = 0; c < cn; c++) { sdy[c] = 0.0; sdyx[c] = 0.0; }
    for (int r = 0; r < rows; r++) {
      const float *xr = x + (size_t)r * channels + c0, *gr = dy + (size_t)r * channels + c0;
      for (int c = 0; c < cn; c++) {
        float xhat = (xr[c] - saveMean[c0 + c]) * saveInvStd[c0 + c];
        sdy[c] += gr[c];
        sdyx[c] += gr[c] * xhat;
      }
    }
    for (int c = 0; c < cn; c++) { dbeta[c0 + c] = (float)sdy[c]; dgamma[c0 + c] = (float)sdyx[c]; }
  }
  float invN = 1.0f / (float)rows;
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * channels, *gr = dy + (size_t)r * channels;
    float *dr = dx + (size_t)r * channels;
    for (int c = 0; c < channels; c++) {
      float xhat = (xr[c] - saveMean[c]) * saveInvStd[c];
      dr[c] = gamma[c] * saveInvStd[c] * (gr[c] - invN * (dbeta[c] + xhat * dgamma[c]));
    }
  }
}

EXPORT(layer_norm_forward)
void layer_norm_forward(int rows, int cols, const float *x, const float *gamma, const float *beta, float eps, float *y,
                        float *saveMean, float *saveInvStd) {
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols;
    float *yr = y + (size_t)r * cols;
    double s = 0.0;
    for (int c = 0; c < cols; c++) s += xr[c];
    double mean = s / cols, sq = 0.0;
    for (int c = 0; c < cols; c++) { double d = xr[c] - mean; sq += d * d; }
    float m = (float)mean, inv = (float)(1.0 / __builtin_sqrt(sq / cols + eps));
    saveMean[r] = m;
    saveInvStd[r] = inv;
    for (int c = 0; c < cols; c++) yr[c] = (xr[c] - m) * inv * gamma[c] + beta[c];
  }
}

EXPORT(layer_norm_backward)
void layer_norm_backward(int rows, int cols, const float *x, const float *dy, const float *gamma, const float *saveMean,
                         const float *saveInvStd, float *dx, float *dgamma, float *dbeta) {
  for (int c = 0; c < cols; c++) { dgamma[c] = 0.0f; dbeta[c] = 0.0f; }
  float invCols = 1.0f / (float)cols;
  for (int r = 0; r < rows; r++) {
    const float *xr = x + (size_t)r * cols, *gr = dy + (size_t)r * cols;
    float *dr = dx + (size_t)r * cols;
    float m = saveMean[r], inv = saveInvStd[r];
    float sg = 0.0f, sgx = 0.0f;
    for (int c = 0; c < cols; c++) {
      float xhat = (xr[c] - m) * inv, g = gr[c] * gamma[c];
      dgamma[c] += gr[c] * xhat;
      dbeta[c] += gr[c];
      sg += g;
      sgx += g * xhat;
    }
    for (int c = 0; c < cols; c++) {
      float xhat = (xr[c] - m) * inv;
      dr[c] = inv * (gr[c] * gamma[c] - invCols * (sg + xhat * sgx));
    }
  }
}
