import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Kernels, Ptr } from '../../../engine/kernels/api';
import { Pair } from './harness';

let pair: Pair;
beforeAll(async () => {
  pair = await Pair.create();
});
afterAll(() => pair.dispose());

const n = 1001;

/** Runs `steps` updates with fresh gradients on both implementations and compares weights and state. */
function compareSteps(stateCount: number, update: (k: Kernels, step: number, w: Ptr, g: Ptr, state: Ptr[]) => void): void {
  const w = pair.random(n, 1);
  const state = Array.from({ length: stateCount }, () => pair.zeros(n));
  for (let step = 1; step <= 5; step++) {
    const g = pair.random(n, 10 + step);
    update(pair.wasm, step, w[0], g[0], state.map((s) => s[0]));
    update(pair.ref, step, w[1], g[1], state.map((s) => s[1]));
    pair.expectSame(w, n, 1e-5, `w after step ${step}`);
    state.forEach((s, i) => pair.expectSame(s, n, 1e-5, `state ${i} after step ${step}`));
  }
}

describe('optimisers match the reference over several steps', () => {
  it('plain SGD with weight decay (no state)', () => compareSteps(0, (k, _t, w, g) => k.sgdUpdate(n, w, g, 0, 0.1, 0, false, 0.01)));
  it('SGD momentum', () => compareSteps(1, (k, _t, w, g, [v]) => k.sgdUpdate(n, w, g, v, 0.1, 0.9, false, 0)));
  it('SGD Nesterov with weight decay', () => compareSteps(1, (k, _t, w, g, [v]) => k.sgdUpdate(n, w, g, v, 0.05, 0.9, true, 1e-3)));
  it('Adagrad', () => compareSteps(1, (k, _t, w, g, [s]) => k.adagradUpdate(n, w, g, s, 0.01, 1e-10, 1e-4)));
  it('Adadelta', () => compareSteps(2, (k, _t, w, g, [s, a]) => k.adadeltaUpdate(n, w, g, s, a, 1.0, 0.9, 1e-6, 1e-4)));
  it('RMSprop', () => compareSteps(1, (k, _t, w, g, [s]) => k.rmspropUpdate(n, w, g, s, 0, 0.01, 0.99, 1e-8, 0, 0)));
  it('RMSprop with momentum and weight decay', () => compareSteps(2, (k, _t, w, g, [s, m]) => k.rmspropUpdate(n, w, g, s, m, 0.01, 0.9, 1e-8, 0.5, 1e-3)));
  for (const decoupled of [false, true]) {
    it(decoupled ? 'AdamW' : 'Adam with L2', () =>
      compareSteps(2, (k, step, w, g, [m, v]) =>
        k.adamUpdate(n, w, g, m, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, step, weightDecay: 0.01, decoupled }),
      ));
  }
});
