/**
 * Which hyper-parameters each optimiser reads, and the defaults the engine uses when one is left
 * unset (shown as placeholders, so an empty field says what will happen).
 */
import type { OptimizerConfig, OptimizerName, ScheduleConfig } from '../../engine/model';

export type OptimizerParam = 'momentum' | 'beta1' | 'beta2' | 'epsilon' | 'rho' | 'weightDecay';

export interface ParamInfo {
  label: string;
  doc: string;
}

export const OPTIMIZER_PARAM_INFO: Record<OptimizerParam, ParamInfo> = {
  momentum: { label: 'Momentum', doc: 'Fraction of the previous update carried into the next.' },
  beta1: { label: 'β₁', doc: 'Decay of the running mean of gradients.' },
  beta2: { label: 'β₂', doc: 'Decay of the running mean of squared gradients.' },
  epsilon: { label: 'ε', doc: 'Added to the denominator for numerical stability.' },
  rho: { label: 'ρ', doc: 'Decay of the squared-gradient average (RMSprop calls it alpha).' },
  weightDecay: { label: 'Weight decay', doc: 'L2 penalty on the weights; decoupled for AdamW.' },
};

/** The parameters an optimiser reads, with the engine's default for each. */
export function optimizerParams(type: OptimizerName): { key: OptimizerParam; default: number }[] {
  const decay = { key: 'weightDecay' as const, default: type === 'adamw' ? 0.01 : 0 };
  switch (type) {
    case 'sgd':
      return [decay];
    case 'momentum':
    case 'nesterov':
      return [{ key: 'momentum', default: 0.9 }, decay];
    case 'adagrad':
      return [{ key: 'epsilon', default: 1e-10 }, decay];
    case 'adadelta':
      return [{ key: 'rho', default: 0.9 }, { key: 'epsilon', default: 1e-6 }, decay];
    case 'rmsprop':
      return [{ key: 'rho', default: 0.99 }, { key: 'momentum', default: 0 }, { key: 'epsilon', default: 1e-8 }, decay];
    case 'adam':
    case 'adamw':
      return [{ key: 'beta1', default: 0.9 }, { key: 'beta2', default: 0.999 }, { key: 'epsilon', default: 1e-8 }, decay];
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD + momentum',
  nesterov: 'Nesterov momentum',
  adagrad: 'Adagrad',
  adadelta: 'Adadelta',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adamw: 'AdamW',
};

/** Switching optimiser keeps the learning rate and the parameters the new one also reads. */
export function switchOptimizer(current: OptimizerConfig, type: OptimizerName): OptimizerConfig {
  const next: OptimizerConfig = { type, learningRate: current.learningRate };
  for (const { key } of optimizerParams(type)) if (current[key] !== undefined) next[key] = current[key];
  return next;
}

export type ScheduleParam = 'gamma' | 'stepEpochs' | 'minLearningRate';

/** The schedule's own parameters with the engine's defaults (warm-up applies to all). */
export function scheduleParams(type: ScheduleConfig['type']): { key: ScheduleParam; label: string; default: number; integer?: boolean }[] {
  switch (type) {
    case 'constant':
      return [];
    case 'step':
      return [
        { key: 'gamma', label: 'Multiply by (γ)', default: 0.1 },
        { key: 'stepEpochs', label: 'Every N epochs', default: 1, integer: true },
      ];
    case 'exponential':
      return [{ key: 'gamma', label: 'Per-epoch factor (γ)', default: 0.9 }];
    case 'cosine':
      return [{ key: 'minLearningRate', label: 'Final learning rate', default: 0 }];
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}
