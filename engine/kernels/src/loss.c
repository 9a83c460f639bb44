/* Fused losses: each returns the mean loss and writes its gradient (already divided for the mean). */
#include "nwmath.h"

/* Writes softmax(row) into p and returns log Σ exp(row). */
static float softmax_row(int cols, const float *row, float *p) {
  float m = -__builtin_inff();
  for (int c = 0; c < cols; c++) m = row[c] > m ? row[c] : m;
  float s = nw_exp_shifted(cols, row, m, p);
  float inv = 1.0f / s;
  for (int c = 0; c < cols; c++) p[c] *= inv;
  return m + nw_logf(s);
}

EXPORT(softmax_cross_entropy_sparse)
double softmax_cross_entropy_sparse(int rows, int cols, const float *logits, const int32_t *labels, float *dlogits) {
  double total = 0.0;
  float inv = 1.0f / (float)rows;
  for (int r = 0; r < rows; r++) {
    const float *x = logits + (size_t)r * cols;
    float *d = dlogits + (size_t)r * cols;
    float lse = softmax_row(cols, x, d);
    int label = labels[r];
    total += (double)lse - (double)x[label];
    for (int c = 0; c < cols; c++) d[c] *= inv;
    d[label] -= inv;
  }
  return total / rows;
}

/* Gradient (Σt)·softmax − t covers targets that do not sum to one, as PyTorch's probability targets do. */
EXPORT(softmax_cross_entropy_dense)
double softmax_cross_entropy_dense(int rows, int cols, const float *logits, const float *targets, float *dlogits) {
  double total = 0.0;
  float inv = 1.0f / (float)rows;
  for (int r = 0; r < rows; r++) {
    const float *x = logits + (size_t)r * cols, *t = targets + (size_t)r * cols;
    float *d = dlogits + (size_t)r * cols;
    float lse = softmax_row(cols, x, d);
    float tsum = 0.0f;
    for (int c = 0; c < cols; c++) { total += (double)t[c] * ((double)lse - (double)x[c]); tsum += t[c]; }
    for (int c = 0; c < cols; c++) d[c] = (tsum * d[c] - t[c]) * inv;
  }
  return total / rows;
}

EXPORT(sigmoid_binary_cross_entropy)
double sigmoid_binary_cross_entropy(int n, const float *logits, const float *targets, float *dlogits) {
  double total = 0.0;
  float inv = 1.0f / (float)n;
  for (int i = 0; i < n; i++) {
    float x = logits[i], t = targets[i];
    float pos = x > 0.0f ? x : 0.0f;
    total += (double)(pos - x * t) + (double)nw_log1pf(nw_expf(-__builtin_fabsf(x)));
    dlogits[i] = (nw_sigmoidf(x) - t) * inv;
  }
  return total / n;
}

/* KL(t ‖ softmax(x)) = Σ t·(log t − log softmax(x)); terms with t = 0 contribute 0. */
EXPORT(kl_divergence_from_logits)
double kl_divergence_from_logits(int rows, int cols, const float *logits, const float *targets, float *dlogits) {
  double total = 0.0;
  float inv = 1.0f / (float)rows;
  for (int r = 0; r < rows; r++) {
    const float *x = logits + (size_t)r * cols, *t = targets + (size_t)r * cols;
    float *d = dlogits + (size_t)r * cols;
    float lse = softmax_row(cols, x, d);
    float tsum = 0.0f;
    for (int c = 0; c < cols; c++) {
      if (t[c] > 0.0f) total += (double)t[c] * ((double)nw_logf(t[c]) - ((double)x[c] - (double)lse));
      tsum += t[c];
    }
    for (int c = 0; c < cols; c++) d[c] = (tsum * d[c] - t[c]) * inv;
  }
  return total / rows;
}

EXPORT(mean_squared_error)
double mean_squared_error(int n, const float *pred, const float *targets, float *dpred) {
  double total = 0.0;
  float k = 2.0f / (float)n;
  for (int i = 0; i < n; i++) {
    float d = pred[i] - targets[i];
    total += (double)d * (double)d;
    dpred[i] = k * d;
  }
  return total / n;
}

EXPORT(mean_absolute_error)
double mean_absolute_error(int n, const float *pred, const float *targets, float *dpred) {
  double total = 0.0;
  float inv = 1.0f / (float)n;
  for (int i = 0; i < n; i++) {
    float d = pred[i] - targets[i];
    total += __builtin_fabs((double)d);
    dpred[i] = d > 0.0f ? inv : (d < 0.0f ? -inv : 0.0f);
  }
  return total / n;
}

EXPORT(huber)
double huber(int n, const float *pred, const float *targets, float delta, float *dpred) {
  double total = 0.0;
  float inv = 1.0f / (float)n;
  for (int i = 0; i < n; i++) {
    float d = pred[i] - targets[i], a = __builtin_fabsf(d);
    if (a <= delta) {
      total += 0.5 * (double)d * (double)d;
      dpred[i] = d * inv;
    } else {
      total += (double)delta * ((double)a - 0.5 * (double)delta);
      dpred[i] = (d > 0.0f ? delta : -delta) * inv;
    }
  }
  return total / n;
}
