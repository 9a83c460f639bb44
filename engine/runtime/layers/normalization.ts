/** BatchNorm and LayerNorm, both over the last (channel) axis. */
import * as batchNormOp from '../ops/batchNorm';
import * as layerNormOp from '../ops/layerNorm';
import type { LayerBuilder } from './context';
import { numberParam } from './context';
import type { ParameterStore } from '../parameters';
import type { ProgramNode } from '../../model/program';

function createScaleShift(node: ProgramNode, store: ParameterStore): number {
  const shape = node.inputShapes[0];
  const channels = shape[shape.length - 1];
  store.create(node.id, 'gamma', [channels], true, (g) => g.fill(1));
  store.create(node.id, 'beta', [channels], true, null);
  return channels;
}

export const batchNormLayer: LayerBuilder = {
  createParameters(node, store) {
    const channels = createScaleShift(node, store);
    store.create(node.id, 'runningMean', [channels], false, null);
    store.create(node.id, 'runningVar', [channels], false, (v) => v.fill(1));
  },

  record(ctx, node, [x], consumers) {
    const { kernels: k, tape, params } = ctx;
    const gamma = params.get(`${node.id}/gamma`);
    const beta = params.get(`${node.id}/beta`);
    const channels = gamma.size;
    const y = tape.tensor(x.shape, node.id, consumers);
    // A frozen BatchNorm normalises with its running statistics even while training (PyTorch's
    // bn.eval() with requires_grad=False): its output equals inference, and the statistics never move.
    const frozen = params.isFrozen(node.id);
    const training = tape.training && !frozen;
    const dx = tape.inputGrad(x);
    const runMean = params.get(`${node.id}/runningMean`).ptr;
    const runVar = params.get(`${node.id}/runningVar`).ptr;
    const eps = numberParam(node, 'epsilon', 1e-5);
    const rows = x.size / channels;
    if (frozen) {
      // y = (x − mean)·γ/√(var + ε) + β is affine in x, so dx = dy·γ/√(var + ε): the same kernel with
      // zero mean and zero shift computes it.
      const zeros = tape.training && dx ? tape.scratch(channels, `${node.id} zero statistics`) : 0;
      const backward = zeros ? () => k.batchNormForwardInference(rows, channels, y.grad, gamma.ptr, zeros, zeros, runVar, eps, dx) : null;
      tape.record('batchNorm', node.id, [y], () => k.batchNormForwardInference(rows, channels, x.ptr, gamma.ptr, beta.ptr, runMean, runVar, eps, y.ptr), backward);
      return y;
    }
    const a: batchNormOp.BatchNormArgs = {
      rows,
      channels,
      eps,
      momentum: numberParam(node, 'momentum', 0.1),
      training,
      x: x.ptr,
      gamma: gamma.ptr,
      beta: beta.ptr,
      runMean,
      runVar,
      y: y.ptr,
      saveMean: training ? tape.scratch(channels, `${node.id} mean`) : 0,
      saveInvStd: training ? tape.scratch(channels, `${node.id} inverse std`) : 0,
      dy: y.grad,
      dx: dx || (training ? tape.scratch(x.size, `${node.id} unused input gradient`) : 0),
      dgamma: gamma.grad,
      dbeta: beta.grad,
    };
    tape.record('batchNorm', node.id, [y], () => batchNormOp.forward(k, a), () => batchNormOp.backward(k, a));
    return y;
  },
};

export const layerNormLayer: LayerBuilder = {
  createParameters(node, store) {
    createScaleShift(node, store);
  },

  record(ctx, node, [x], consumers) {
    const { kernels: k, tape, params } = ctx;
    const gamma = params.get(`${node.id}/gamma`);
    const beta = params.get(`${node.id}/beta`);
    const cols = gamma.size;
    const rows = x.size / cols;
    const y = tape.tensor(x.shape, node.id, consumers);
    const dx = tape.inputGrad(x);
    const a: layerNormOp.LayerNormArgs = {
      rows,
      cols,
      eps: numberParam(node, 'epsilon', 1e-5),
      x: x.ptr,
      gamma: gamma.ptr,
      beta: beta.ptr,
      y: y.ptr,
      saveMean: tape.scratch(rows, `${node.id} mean`),
      saveInvStd: tape.scratch(rows, `${node.id} inverse std`),
      dy: y.grad,
      dx: dx || (tape.training ? tape.scratch(x.size, `${node.id} unused input gradient`) : 0),
      // A frozen LayerNorm still passes gradients to its input; the kernel's γ/β gradients go to a sink.
      dgamma: gamma.grad || (tape.training ? tape.scratch(cols, `${node.id} unused gamma gradient`) : 0),
      dbeta: beta.grad || (tape.training ? tape.scratch(cols, `${node.id} unused beta gradient`) : 0),
    };
    tape.record('layerNorm', node.id, [y], () => layerNormOp.forward(k, a), () => layerNormOp.backward(k, a));
    return y;
  },
};
