/** Every op's forward and gradient rule against PyTorch (test/golden/fixtures/ops.json). */
import { describe, expect, it } from 'vitest';
import * as conv2dOp from '../../../engine/runtime/ops/conv2d';
import { expectClose, GOLDEN_ACTIVATIONS, GOLDEN_TOLERANCE, loadGolden } from '../../golden/loadGolden';
import type { GoldenTensor, OpsGolden, PoolCase } from '../../golden/loadGolden';
import type { Kernels } from '../../../engine/kernels/api';
import { allKernels } from './helpers';
import { put, runLayer, take } from './layerHarness';

const ops: OpsGolden = loadGolden('ops');
const { forward: F, gradient: G } = GOLDEN_TOLERANCE;
const input = (t: GoldenTensor) => ({ shape: t.shape, data: t.data });

const kernelSets = await allKernels();

describe.each(kernelSets.map((k) => ({ k, name: `${k.name} x${k.threads}` })))('$name', ({ k }: { k: Kernels }) => {
  describe('activations', () => {
    for (const name of GOLDEN_ACTIVATIONS) {
      it(name, () => {
        const c = ops.activations[name];
        const params = { activation: name, negativeSlope: c.alpha ?? 0.01, alpha: c.alpha ?? 1 };
        const run = runLayer(k, 'Activation', params, [input(c.x)], c.x.shape.slice(1), {}, c.dy.data);
        expectClose(run.y, c.y, F, `${name} y`);
        expectClose(run.dxs[0], c.dx, G, `${name} dx`);
      });
    }
  });

  describe('conv2d', () => {
    for (const [name, c] of Object.entries(ops.conv2d)) {
      it(name, () => {
        // Only the kernel's geometry fields (the fixture adds padBottom/padRight/padding for readers).
        const { padBottom: _b, padRight: _r, padding: _p, ...g } = c.geometry;
        const scratch = k.alloc(Math.max(16, k.conv2dScratchBytes(g)));
        const a: conv2dOp.Conv2dArgs = {
          g,
          x: put(k, c.x.data),
          w: put(k, c.w.data),
          b: 0,
          y: k.alloc(c.y.data.length * 4),
          dy: put(k, c.dy.data),
          dx: k.alloc(c.dx.data.length * 4),
          dw: k.alloc(c.dw.data.length * 4),
          db: 0,
          scratch,
        };
        conv2dOp.forward(k, a);
        conv2dOp.backward(k, a);
        expectClose(take(k, a.y, c.y.data.length), c.y, F, `${name} y`);
        expectClose(take(k, a.dx, c.dx.data.length), c.dx, G, `${name} dx`);
        expectClose(take(k, a.dw, c.dw.data.length), c.dw, G, `${name} dw`);
        for (const p of [a.x, a.w, a.y, a.dy, a.dx, a.dw, scratch]) k.free(p);
      });
    }
  });

  function checkPool(type: 'MaxPool2D' | 'AvgPool2D', name: string, c: PoolCase) {
    const g = c.geometry;
    const params = { poolSize: g.kH, strides: g.strideH, padding: g.padding };
    const run = runLayer(k, type, params, [input(c.x)], c.y.shape.slice(1), {}, c.dy.data);
    expect(run.yShape).toEqual(c.y.shape);
    expectClose(run.y, c.y, F, `${name} y`);
    expectClose(run.dxs[0], c.dx, G, `${name} dx`);
  }

  describe('pooling', () => {
    for (const [name, c] of Object.entries(ops.maxPool2d)) it(`max ${name}`, () => checkPool('MaxPool2D', name, c));
    for (const [name, c] of Object.entries(ops.avgPool2d)) it(`avg ${name}`, () => checkPool('AvgPool2D', name, c));
    it('global average', () => {
      const c = ops.globalAvgPool2d;
      const run = runLayer(k, 'GlobalAvgPool2D', {}, [input(c.x)], [c.x.shape[3]], {}, c.dy.data);
      expectClose(run.y, c.y, F, 'global avg y');
      expectClose(run.dxs[0], c.dx, G, 'global avg dx');
    });
  });

  describe('normalisation', () => {
    it('batch norm (training: batch statistics, running stats update)', () => {
      const c = ops.batchNorm.train;
      const weights = { gamma: c.gamma.data, beta: c.beta.data, runningMean: c.runMeanBefore.data, runningVar: c.runVarBefore.data };
      const run = runLayer(k, 'BatchNorm', { momentum: c.momentum, epsilon: c.eps }, [input(c.x)], c.x.shape.slice(1), weights, c.dy.data);
      expectClose(run.y, c.y, F, 'bn y');
      expectClose(run.dxs[0], c.dx, G, 'bn dx');
      expectClose(run.grads.gamma, c.dgamma, G, 'bn dgamma');
      expectClose(run.grads.beta, c.dbeta, G, 'bn dbeta');
      expectClose(run.weights.runningMean, c.runMeanAfter, F, 'bn running mean');
      expectClose(run.weights.runningVar, c.runVarAfter, F, 'bn running var');
    });

    it('batch norm (inference: running statistics)', () => {
      const c = ops.batchNorm.inference;
      const weights = { gamma: c.gamma.data, beta: c.beta.data, runningMean: c.runMean.data, runningVar: c.runVar.data };
      const run = runLayer(k, 'BatchNorm', { momentum: 0.1, epsilon: c.eps }, [input(c.x)], c.x.shape.slice(1), weights, null, false);
      expectClose(run.y, c.y, F, 'bn inference y');
    });

    it('layer norm', () => {
      const c = ops.layerNorm;
      const run = runLayer(k, 'LayerNorm', { epsilon: c.eps }, [input(c.x)], c.x.shape.slice(1), { gamma: c.gamma.data, beta: c.beta.data }, c.dy.data);
      expectClose(run.y, c.y, F, 'ln y');
      expectClose(run.dxs[0], c.dx, G, 'ln dx');
      expectClose(run.grads.gamma, c.dgamma, G, 'ln dgamma');
      expectClose(run.grads.beta, c.dbeta, G, 'ln dbeta');
    });
  });

  describe('merge and reshape', () => {
    it('add', () => {
      const c = ops.add;
      const run = runLayer(k, 'Add', {}, [input(c.a), input(c.b)], c.y.shape.slice(1), {}, c.dy.data);
      expectClose(run.y, c.y, F, 'add y');
      expectClose(run.dxs[0], c.da, G, 'add da');
      expectClose(run.dxs[1], c.db, G, 'add db');
    });

    it('concatenate (last axis)', () => {
      const c = ops.concatenate;
      expect(c.axis === -1 || c.axis === c.y.shape.length - 1).toBe(true);
      const run = runLayer(k, 'Concatenate', {}, [input(c.a), input(c.b)], c.y.shape.slice(1), {}, c.dy.data);
      expect(run.yShape).toEqual(c.y.shape);
      expectClose(run.y, c.y, F, 'concat y');
      expectClose(run.dxs[0], c.da, G, 'concat da');
      expectClose(run.dxs[1], c.db, G, 'concat db');
    });

    it('flatten (NHWC order)', () => {
      const c = ops.flatten;
      const run = runLayer(k, 'Flatten', {}, [input(c.x)], c.y.shape.slice(1), {}, c.dy.data);
      expectClose(run.y, c.y, F, 'flatten y');
      expectClose(run.dxs[0], c.dx, G, 'flatten dx');
    });

    it('reshape', () => {
      const c = ops.reshape;
      const run = runLayer(k, 'Reshape', { targetShape: c.targetShape }, [input(c.x)], c.y.shape.slice(1), {}, c.dy.data);
      expect(run.yShape).toEqual(c.y.shape);
      expectClose(run.y, c.y, F, 'reshape y');
      expectClose(run.dxs[0], c.dx, G, 'reshape dx');
    });
  });
});
