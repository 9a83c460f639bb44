/** Dropout: inverted dropout while training, the identity at inference. */
import * as dropoutOp from '../ops/dropout';
import { deriveSeed } from '../rng';
import type { LayerBuilder } from './context';
import { numberParam } from './context';
import { reshapeLayer } from './reshape';

export const dropoutLayer: LayerBuilder = {
  record(ctx, node, inputs, consumers) {
    const rate = numberParam(node, 'rate', 0.5);
    // Inference (or rate 0) passes the input through as a view, like Reshape.
    if (!ctx.tape.training || rate === 0) return reshapeLayer.record(ctx, node, inputs, consumers);
    const { kernels: k, tape, steps } = ctx;
    const [x] = inputs;
    const y = tape.tensor(x.shape, node.id, consumers);
    const mask = tape.scratch(x.size, `${node.id} mask`);
    const a: dropoutOp.DropoutArgs = {
      n: x.size,
      rate,
      seed: deriveSeed(ctx.seed, node.id),
      step: 0,
      x: x.ptr,
      y: y.ptr,
      mask,
      dy: y.grad,
      dx: tape.inputGrad(x),
    };
    const forward = () => {
      a.step = steps.count;
      dropoutOp.forward(k, a);
    };
    tape.record('dropout', node.id, [y], forward, () => dropoutOp.backward(k, a));
    return y;
  },
};
