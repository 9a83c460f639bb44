/** Dense (every fused activation) and Conv2D layers, forward and gradients, against PyTorch. */
import { describe, it } from 'vitest';
import * as lossOp from '../../../engine/runtime/ops/loss';
import { expectClose, GOLDEN_FUSED_ACTIVATIONS, GOLDEN_TOLERANCE, loadGolden } from '../../golden/loadGolden';
import type { LayersGolden, LossesGolden } from '../../golden/loadGolden';
import type { Kernels } from '../../../engine/kernels/api';
import { allKernels } from './helpers';
import { put, runLayer, take } from './layerHarness';

const layers: LayersGolden = loadGolden('layers');
const losses: LossesGolden = loadGolden('losses');
const { forward: F, gradient: G } = GOLDEN_TOLERANCE;

const kernelSets = await allKernels();

describe.each(kernelSets.map((k) => ({ k, name: `${k.name} x${k.threads}` })))('$name', ({ k }: { k: Kernels }) => {
  describe('Dense', () => {
    for (const activation of GOLDEN_FUSED_ACTIVATIONS) {
      it(`activation ${activation}`, () => {
        const c = layers.dense[activation];
        const params = { units: c.units, activation, useBias: true, negativeSlope: c.alpha ?? 0.01, alpha: c.alpha ?? 1 };
        const run = runLayer(k, 'Dense', params, [{ shape: c.x.shape, data: c.x.data }], [c.units], { kernel: c.kernel.data, bias: c.bias.data }, c.dy.data);
        expectClose(run.y, c.y, F, 'y');
        expectClose(run.dxs[0], c.dx, G, 'dx');
        expectClose(run.grads.kernel, c.dkernel, G, 'dkernel');
        expectClose(run.grads.bias, c.dbias, G, 'dbias');
      });
    }
  });

  describe('Conv2D', () => {
    for (const [name, c] of Object.entries(layers.conv2d)) {
      it(name, () => {
        const params = {
          filters: c.filters,
          kernelSize: c.kernelSize[0],
          strides: c.strides[0],
          padding: c.padding,
          dilation: c.dilationRate[0],
          activation: c.activation,
          useBias: true,
        };
        const run = runLayer(k, 'Conv2D', params, [{ shape: c.x.shape, data: c.x.data }], c.y.shape.slice(1), { kernel: c.kernel.data, bias: c.bias.data }, c.dy.data);
        expectClose(run.y, c.y, F, 'y');
        expectClose(run.dxs[0], c.dx, G, 'dx');
        expectClose(run.grads.kernel, c.dkernel, G, 'dkernel');
        expectClose(run.grads.bias, c.dbias, G, 'dbias');
      });
    }
  });

  describe('losses', () => {
    for (const [name, c] of Object.entries(losses.cases)) {
      it(name, () => {
        const cols = c.input.shape[c.input.shape.length - 1];
        const sparse = c.kind === 'sparseCategoricalCrossentropy';
        const args: lossOp.LossArgs = {
          loss: c.kind,
          rows: c.input.data.length / cols,
          cols,
          huberDelta: c.delta ?? 1,
          input: put(k, c.input.data),
          targets: put(k, c.targets.data, sparse),
          dinput: k.alloc(c.input.data.length * 4),
        };
        const value = lossOp.forward(k, args);
        expectClose(value, c.loss, F, `${name} loss`);
        expectClose(take(k, args.dinput, c.input.data.length), c.dinput, G, `${name} dinput`);
        for (const p of [args.input, args.targets, args.dinput]) k.free(p);
      });
    }

    it('predictions are softmax for cross-entropy and sigmoid for binary cross-entropy', () => {
      const logits = [1, 2, 3, -1, 0, 1];
      const input = put(k, logits);
      const out = k.alloc(24);
      const softmaxRow = (row: number[]) => row.map((v) => Math.exp(v) / row.reduce((s, u) => s + Math.exp(u), 0));
      lossOp.predictionTransform(k, 'categoricalCrossentropy', 2, 3, input, out);
      expectClose(take(k, out, 6), [...softmaxRow(logits.slice(0, 3)), ...softmaxRow(logits.slice(3))], F, 'softmax predictions');
      lossOp.predictionTransform(k, 'binaryCrossentropy', 2, 3, input, out);
      expectClose(take(k, out, 6), logits.map((v) => 1 / (1 + Math.exp(-v))), F, 'sigmoid predictions');
      lossOp.predictionTransform(k, 'huber', 2, 3, input, out);
      expectClose(take(k, out, 6), logits, F, 'regression values');
      for (const p of [input, out]) k.free(p);
    });
  });
});
