/**
 * Flatten and Reshape. NHWC data is already laid out in flatten order, so the output is a view
 * of the input's memory, and its gradient is a view of the input's gradient: no copies at all.
 */
import type { LayerBuilder } from './context';

export const reshapeLayer: LayerBuilder = {
  record(ctx, node, [x], consumers) {
    const tape = ctx.tape;
    const shape = [ctx.batch, ...node.outputShape];
    const grad = tape.inputGrad(x);
    const y = tape.wrap(x.ptr, shape, node.id, consumers, false);
    y.requiresGrad = grad !== 0;
    y.grad = grad;
    tape.record('reshape', node.id, [y], () => {}, null);
    return y;
  },
};
