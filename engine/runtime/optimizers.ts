/**
 * The eight optimisers over the fused update kernels, with PyTorch's defaults for missing fields.
 * `weightDecay` is coupled L2 (added to the gradient, as torch.optim does) except for AdamW,
 * where it is decoupled (w -= lr·wd·w) and defaults to 0.01.
 */
import type { AdamParams, Kernels, Ptr } from '../kernels/api';
import type { OptimizerConfig } from '../model/document';
import type { Parameter, ParameterStore } from './parameters';

/** Applies one update to every trainable parameter from its gradient. */
export interface Optimizer {
  readonly type: OptimizerConfig['type'];
  step(lr: number): void;
  /** Updates taken so far. */
  readonly steps: number;
}

interface Slot {
  p: Parameter;
  s0: Ptr;
  s1: Ptr;
}

/** Creates the optimiser named by `config`, allocating its state next to the parameters. */
export function createOptimizer(config: OptimizerConfig, store: ParameterStore, k: Kernels): Optimizer {
  const type = config.type;
  const wd = config.weightDecay ?? (type === 'adamw' ? 0.01 : 0);
  const trainable = store.list.filter((p) => p.trainable);
  const slots = (states: number): Slot[] =>
    trainable.map((p) => ({
      p,
      s0: states > 0 ? store.allocate(p.size, `${p.name} optimiser state`) : 0,
      s1: states > 1 ? store.allocate(p.size, `${p.name} optimiser state`) : 0,
    }));
  let steps = 0;
  const make = (update: (s: Slot, lr: number) => void, states: number): Optimizer => {
    const all = slots(states);
    return {
      type,
      get steps() {
        return steps;
      },
      step(lr: number) {
        steps++;
        for (let i = 0; i < all.length; i++) update(all[i], lr);
      },
    };
  };

  switch (type) {
    case 'sgd':
      return make((s, lr) => k.sgdUpdate(s.p.size, s.p.ptr, s.p.grad, 0, lr, 0, false, wd), 0);
    case 'momentum':
    case 'nesterov': {
      const momentum = config.momentum ?? 0.9;
      const nesterov = type === 'nesterov';
      return make((s, lr) => k.sgdUpdate(s.p.size, s.p.ptr, s.p.grad, s.s0, lr, momentum, nesterov, wd), 1);
    }
    case 'adagrad': {
      const eps = config.epsilon ?? 1e-10;
      return make((s, lr) => k.adagradUpdate(s.p.size, s.p.ptr, s.p.grad, s.s0, lr, eps, wd), 1);
    }
    case 'adadelta': {
      const rho = config.rho ?? 0.9;
      const eps = config.epsilon ?? 1e-6;
      return make((s, lr) => k.adadeltaUpdate(s.p.size, s.p.ptr, s.p.grad, s.s0, s.s1, lr, rho, eps, wd), 2);
    }
    case 'rmsprop': {
      const alpha = config.rho ?? 0.99;
      const eps = config.epsilon ?? 1e-8;
      const momentum = config.momentum ?? 0;
      return make((s, lr) => k.rmspropUpdate(s.p.size, s.p.ptr, s.p.grad, s.s0, s.s1, lr, alpha, eps, momentum, wd), momentum > 0 ? 2 : 1);
    }
    case 'adam':
    case 'adamw': {
      // One params object, mutated per step: no garbage in the hot path.
      const hp: AdamParams = {
        lr: 0,
        beta1: config.beta1 ?? 0.9,
        beta2: config.beta2 ?? 0.999,
        eps: config.epsilon ?? 1e-8,
        step: 0,
        weightDecay: wd,
        decoupled: type === 'adamw',
      };
      return make((s, lr) => {
        hp.lr = lr;
        hp.step = steps;
        k.adamUpdate(s.p.size, s.p.ptr, s.p.grad, s.s0, s.s1, hp);
      }, 2);
    }
    default: {
      const unreachable: never = type;
      throw new Error(`Unknown optimiser ${String(unreachable)}`);
    }
  }
}
