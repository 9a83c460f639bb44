/* Fused optimiser steps following torch.optim's documented update rules (dampening 0, non-centred RMSprop). */
#include "common.h"

EXPORT(sgd_update)
void sgd_update(int n, float *w, const float *g, float *vel, float lr, float momentum, int nesterov, float wd) {
  for (int i = 0; i < n; i++) {
    float d = g[i] + wd * w[i];
    if (momentum != 0.0f) {
      float b = momentum * vel[i] + d;
      vel[i] = b;
      d = nesterov ? d + momentum * b : b;
    }
    w[i] -= lr * d;
  }
}

EXPORT(adagrad_update)
void adagrad_update(int n, float *w, const float *g, float *sumSq, float lr, float eps, float wd) {
  for (int i = 0; i < n; i++) {
    float d = g[i] + wd * w[i];
    float s = sumSq[i] + d * d;
    sumSq[i] = s;
    w[i] -= lr * d / (__builtin_sqrtf(s) + eps);
  }
}

EXPORT(adadelta_update)
void adadelta_update(int n, float *w, const float *g, float *sqAvg, float *accDelta, float lr, float rho, float eps, float wd) {
  for (int i = 0; i < n; i++) {
    float d = g[i] + wd * w[i];
    float s = rho * sqAvg[i] + (1.0f - rho) * d * d;
    sqAvg[i] = s;
    float delta = __builtin_sqrtf(accDelta[i] + eps) / __builtin_sqrtf(s + eps) * d;
    accDelta[i] = rho * accDelta[i] + (1.0f - rho) * delta * delta;
    w[i] -= lr * delta;
  }
}

EXPORT(rmsprop_update)
void rmsprop_update(int n, float *w, const float *g, float *sqAvg, float *mom, float lr, float alpha, float eps,
                    float momentum, float wd) {
  for (int i = 0; i < n; i++) {
    float d = g[i] + wd * w[i];
    float s = alpha * sqAvg[i] + (1.0f - alpha) * d * d;
    sqAvg[i] = s;
    float step = d / (__builtin_sqrtf(s) + eps);
    if (momentum > 0.0f) {
      step = momentum * mom[i] + step;
      mom[i] = step;
    }
    w[i] -= lr * step;
  }
}

/*
 * stepSize = lr / (1 − β1^t) and invSqrtBc2 = 1 / sqrt(1 − β2^t) are computed by the caller in f64.
 * decoupled: w ← w·(1 − lr·wd) first (AdamW); otherwise wd·w joins the gradient (Adam).
 */
EXPORT(adam_update)
void adam_update(int n, float *w, const float *g, float *m, float *v, float lr, float beta1, float beta2, float eps,
                 float stepSize, float invSqrtBc2, float wd, int decoupled) {
  float shrink = decoupled ? 1.0f - lr * wd : 1.0f;
  float l2 = decoupled ? 0.0f : wd;
  for (int i = 0; i < n; i++) {
    float wi = w[i] * shrink;
    float d = g[i] + l2 * w[i];
    float mi = beta1 * m[i] + (1.0f - beta1) * d;
    float vi = beta2 * v[i] + (1.0f - beta2) * d * d;
    m[i] = mi;
    v[i] = vi;
    w[i] = wi - stepSize * mi / (__builtin_sqrtf(vi) * invSqrtBc2 + eps);
  }
}
