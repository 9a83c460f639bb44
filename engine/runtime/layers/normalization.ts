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
    const training = tape.training;
    const dx = tape.inputGrad(x);
    const a: batchNormOp.BatchNormArgs = {
      rows: x.size / channels,
      channels,
      eps: numberParam(node, 'epsilon', 1e-5),
      momentum: numberParam(node, 'momentum', 0.1),
      training,
      x: x.ptr,
      gamma: gamma.ptr,
      beta: beta.ptr,
      runMean: params.get(`${node.id}/runningMean`).ptr,
      runVar: params.get(`${node.id}/runningVar`).ptr,
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
      dgamma: gamma.grad,
      dbeta: beta.grad,
    };
    tape.record('layerNorm', node.id, [y], () => layerNormOp.forward(k, a), () => layerNormOp.backward(k, a));
    return y;
  },
};
