/** Dense: y = act(x·W + b), W [in, out]. */
import type { InitializerName } from '../../model/layerTypes';
import { initializeKernel } from '../initializers';
import * as linearOp from '../ops/linear';
import type { LayerBuilder } from './context';
import { numberParam, stringParam } from './context';
import { recordActivation } from './activation';

export const denseLayer: LayerBuilder = {
  createParameters(node, store, rng) {
    const inFeatures = node.inputShapes[0][0];
    const units = numberParam(node, 'units', 1);
    const init = stringParam(node, 'kernelInitializer', 'glorotUniform') as InitializerName;
    const reg = { l1: numberParam(node, 'l1', 0), l2: numberParam(node, 'l2', 0) };
    store.create(node.id, 'kernel', [inFeatures, units], true, (w) => initializeKernel(init, w, inFeatures, units, rng), reg);
    if (node.params.useBias !== false) store.create(node.id, 'bias', [units], true, null);
  },

  record(ctx, node, [x], consumers) {
    const { kernels: k, tape, params } = ctx;
    const activation = stringParam(node, 'activation', 'none');
    const w = params.get(`${node.id}/kernel`);
    const b = params.has(`${node.id}/bias`) ? params.get(`${node.id}/bias`) : null;
    const [inFeatures, units] = w.shape;
    const z = tape.tensor([ctx.batch, units], node.id, activation === 'none' ? consumers : 1);
    const a: linearOp.LinearArgs = {
      rows: ctx.batch,
      inFeatures,
      outFeatures: units,
      x: x.ptr,
      w: w.ptr,
      b: b ? b.ptr : 0,
      y: z.ptr,
      dy: z.grad,
      dx: tape.inputGrad(x),
      dw: w.grad,
      db: b ? b.grad : 0,
    };
    tape.record('linear', node.id, [z], () => linearOp.forward(k, a), () => linearOp.backward(k, a));
    return recordActivation(ctx, node, activation, z, consumers);
  },
};
