/** MaxPool2D, AvgPool2D and GlobalAvgPool2D over NHWC input. */
import type { Pool2dGeometry } from '../../kernels/api';
import { windowAxes, windowPaddingOf } from '../../model/catalog/shapeMath';
import type { ProgramNode } from '../../model/program';
import * as avgPoolOp from '../ops/avgPool2d';
import * as maxPoolOp from '../ops/maxPool2d';
import type { LayerBuilder } from './context';
import { numberParam } from './context';

/** Window geometry of a pooling node; global pooling is one window over the whole image. */
export function pool2dGeometry(node: ProgramNode, batch: number, global: boolean): Pool2dGeometry {
  const [inH, inW, channels] = node.inputShapes[0];
  if (global) {
    return { batch, inH, inW, channels, kH: inH, kW: inW, strideH: 1, strideW: 1, padTop: 0, padLeft: 0, outH: 1, outW: 1 };
  }
  const size = numberParam(node, 'poolSize', 2);
  const s = numberParam(node, 'strides', size);
  const { h: gh, w: gw } = windowAxes(inH, inW, size, s, 1, windowPaddingOf(node.params));
  return { batch, inH, inW, channels, kH: size, kW: size, strideH: s, strideW: s, padTop: gh.padBefore, padLeft: gw.padBefore, outH: gh.out, outW: gw.out };
}

export const maxPool2dLayer: LayerBuilder = {
  record(ctx, node, [x], consumers) {
    const { kernels: k, tape } = ctx;
    const g = pool2dGeometry(node, ctx.batch, false);
    const y = tape.tensor([ctx.batch, g.outH, g.outW, g.channels], node.id, consumers);
    const argmax = tape.scratch(y.size, `${node.id} argmax`);
    const a: maxPoolOp.MaxPool2dArgs = { g, x: x.ptr, y: y.ptr, argmax, dy: y.grad, dx: tape.inputGrad(x) };
    tape.record('maxPool2d', node.id, [y], () => maxPoolOp.forward(k, a), () => maxPoolOp.backward(k, a));
    return y;
  },
};

function avgPoolBuilder(global: boolean): LayerBuilder {
  return {
    record(ctx, node, [x], consumers) {
      const { kernels: k, tape } = ctx;
      const g = pool2dGeometry(node, ctx.batch, global);
      const shape = global ? [ctx.batch, g.channels] : [ctx.batch, g.outH, g.outW, g.channels];
      const y = tape.tensor(shape, node.id, consumers);
      const a: avgPoolOp.AvgPool2dArgs = { g, x: x.ptr, y: y.ptr, dy: y.grad, dx: tape.inputGrad(x) };
      tape.record(global ? 'globalAvgPool2d' : 'avgPool2d', node.id, [y], () => avgPoolOp.forward(k, a), () => avgPoolOp.backward(k, a));
      return y;
    },
  };
}

export const avgPool2dLayer = avgPoolBuilder(false);
export const globalAvgPool2dLayer = avgPoolBuilder(true);
