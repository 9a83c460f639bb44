/** What happens to the gradients between backward and the update: regularisers, checks, clipping. */
import type { Kernels } from '../kernels/api';
import { EngineError } from './errors';
import type { Parameter } from './parameters';

/** Adds l1·Σ|w| + l2·Σw² to the gradients (l1·sign(w) + 2·l2·w) and returns the penalty. */
export function applyRegularizers(k: Kernels, regularized: readonly Parameter[]): number {
  let penalty = 0;
  for (const p of regularized) {
    if (p.l1 > 0) {
      penalty += p.l1 * k.sumAbs(p.size, p.ptr);
      k.addSignScaled(p.size, p.ptr, p.l1, p.grad);
    }
    if (p.l2 > 0) {
      penalty += p.l2 * k.sumSquares(p.size, p.ptr);
      k.axpy(p.size, 2 * p.l2, p.ptr, p.grad);
    }
  }
  return penalty;
}

/**
 * Throws a nonFinite EngineError naming the parameter whose gradient holds NaN or Inf (if any).
 * Gradients flow backwards, so the last such layer in forward order is where it started.
 */
export function checkGradientsFinite(k: Kernels, params: readonly Parameter[]): void {
  for (let i = params.length - 1; i >= 0; i--) {
    const p = params[i];
    if (k.hasNonFinite(p.size, p.grad)) {
      throw new EngineError(
        'nonFinite',
        `The gradient of ${p.name} became NaN or infinite at layer ${p.nodeId}. Lower the learning rate, enable gradient clipping, or check the data for extreme values.`,
        { nodeId: p.nodeId, op: p.name },
      );
    }
  }
}

/** The L2 norm of all gradients together (NaN or Inf when any gradient is). */
export function globalNorm(k: Kernels, params: readonly Parameter[]): number {
  let sq = 0;
  for (const p of params) sq += k.sumSquares(p.size, p.grad);
  return Math.sqrt(sq);
}

/** Scales all gradients together so their global norm (`norm`, from globalNorm) is at most maxNorm, as clip_grad_norm_. */
export function clipByGlobalNorm(k: Kernels, params: readonly Parameter[], maxNorm: number, norm: number): void {
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) for (const p of params) k.scale(p.size, p.grad, coef, p.grad);
}

/** Clamps every gradient element to [-limit, limit]. */
export function clipByValue(k: Kernels, params: readonly Parameter[], limit: number): void {
  for (const p of params) k.clamp(p.size, p.grad, -limit, limit);
}
