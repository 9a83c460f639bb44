import { describe, expect, it } from 'vitest';
import { OPTIMIZERS, optimizerSchema } from '../../../engine/model';
import { optimizerParams, switchOptimizer } from '../../../renderer/training/settingsSpec';

describe('optimiser settings', () => {
  it('offers each optimiser only the parameters it reads', () => {
    expect(optimizerParams('adam').map((p) => p.key)).toEqual(['beta1', 'beta2', 'epsilon', 'weightDecay']);
    expect(optimizerParams('sgd').map((p) => p.key)).toEqual(['weightDecay']);
    expect(optimizerParams('adadelta').map((p) => p.key)).toContain('rho');
    for (const type of OPTIMIZERS) expect(optimizerParams(type).length).toBeGreaterThan(0);
  });

  it('keeps the learning rate and shared parameters when switching, and the result validates', () => {
    const next = switchOptimizer({ type: 'adam', learningRate: 0.003, beta1: 0.8, epsilon: 1e-6 }, 'rmsprop');
    expect(next).toEqual({ type: 'rmsprop', learningRate: 0.003, epsilon: 1e-6 });
    expect(optimizerSchema.safeParse(next).success).toBe(true);
  });
});
