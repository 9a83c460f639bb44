/** Add and Concatenate (last axis). */
import { EngineError } from '../errors';
import * as addOp from '../ops/add';
import * as concatOp from '../ops/concat';
import type { LayerBuilder } from './context';

export const addLayer: LayerBuilder = {
  record(ctx, node, inputs, consumers) {
    const { kernels: k, tape } = ctx;
    const first = inputs[0];
    for (const t of inputs) {
      if (t.size !== first.size) {
        throw new EngineError('shapeMismatch', `Add on ${node.id} needs inputs of one shape; got ${first.shape.join('×')} and ${t.shape.join('×')}.`, {
          nodeId: node.id,
          op: 'add',
          expectedShape: first.shape,
          actualShape: t.shape,
        });
      }
    }
    const y = tape.tensor(first.shape, node.id, consumers);
    const a: addOp.AddArgs = { n: first.size, xs: inputs.map((t) => t.ptr), y: y.ptr, dy: y.grad, dxs: inputs.map((t) => tape.inputGrad(t)) };
    tape.record('add', node.id, [y], () => addOp.forward(k, a), () => addOp.backward(k, a));
    return y;
  },
};

export const concatenateLayer: LayerBuilder = {
  record(ctx, node, inputs, consumers) {
    const { kernels: k, tape } = ctx;
    const widths = inputs.map((t) => t.shape[t.shape.length - 1]);
    const total = widths.reduce((s, w) => s + w, 0);
    const rows = inputs[0].size / widths[0];
    const shape = [...inputs[0].shape.slice(0, -1), total];
    const y = tape.tensor(shape, node.id, consumers);
    const a: concatOp.ConcatArgs = { rows, widths, total, xs: inputs.map((t) => t.ptr), y: y.ptr, dy: y.grad, dxs: inputs.map((t) => tape.inputGrad(t)) };
    tape.record('concatenate', node.id, [y], () => concatOp.forward(k, a), () => concatOp.backward(k, a));
    return y;
  },
};
