/** Conv2D: y = act(conv(x, W) + b) over NHWC input, W in HWIO layout. */
import type { Conv2dGeometry } from '../../kernels/api';
import { windowAxes, windowPaddingOf } from '../../model/catalog/shapeMath';
import type { InitializerName } from '../../model/layerTypes';
import type { ProgramNode } from '../../model/program';
import { initializeKernel } from '../initializers';
import * as conv2dOp from '../ops/conv2d';
import type { LayerBuilder } from './context';
import { numberParam, stringParam } from './context';
import { recordActivation } from './activation';

/** Kernel geometry of a Conv2D node for a batch size (any padding mode: valid, TF-style same, explicit). */
export function conv2dGeometry(node: ProgramNode, batch: number): Conv2dGeometry {
  const [inH, inW, inC] = node.inputShapes[0];
  const k = numberParam(node, 'kernelSize', 3);
  const s = numberParam(node, 'strides', 1);
  const d = numberParam(node, 'dilation', 1);
  const { h: gh, w: gw } = windowAxes(inH, inW, k, s, d, windowPaddingOf(node.params));
  return {
    batch,
    inH,
    inW,
    inC,
    outC: numberParam(node, 'filters', 1),
    kH: k,
    kW: k,
    strideH: s,
    strideW: s,
    padTop: gh.padBefore,
    padLeft: gw.padBefore,
    dilationH: d,
    dilationW: d,
    outH: gh.out,
    outW: gw.out,
  };
}

export const conv2dLayer: LayerBuilder = {
  createParameters(node, store, rng) {
    const inC = node.inputShapes[0][2];
    const k = numberParam(node, 'kernelSize', 3);
    const filters = numberParam(node, 'filters', 1);
    const init = stringParam(node, 'kernelInitializer', 'heUniform') as InitializerName;
    const reg = { l1: numberParam(node, 'l1', 0), l2: numberParam(node, 'l2', 0) };
    store.create(node.id, 'kernel', [k, k, inC, filters], true, (w) => initializeKernel(init, w, k * k * inC, k * k * filters, rng), reg);
    if (node.params.useBias !== false) store.create(node.id, 'bias', [filters], true, null);
  },

  record(ctx, node, [x], consumers) {
    const { kernels: k, tape, params } = ctx;
    const g = conv2dGeometry(node, ctx.batch);
    const activation = stringParam(node, 'activation', 'none');
    const w = params.get(`${node.id}/kernel`);
    const b = params.has(`${node.id}/bias`) ? params.get(`${node.id}/bias`) : null;
    const z = tape.tensor([ctx.batch, g.outH, g.outW, g.outC], node.id, activation === 'none' ? consumers : 1);
    const a: conv2dOp.Conv2dArgs = {
      g,
      x: x.ptr,
      w: w.ptr,
      b: b ? b.ptr : 0,
      y: z.ptr,
      dy: z.grad,
      dx: tape.inputGrad(x),
      dw: w.grad,
      db: b ? b.grad : 0,
      scratch: 0,
    };
    tape.sharedScratchBytes(k.conv2dScratchBytes(g), (ptr) => (a.scratch = ptr));
    tape.record('conv2d', node.id, [z], () => conv2dOp.forward(k, a), () => conv2dOp.backward(k, a));
    return recordActivation(ctx, node, activation, z, consumers);
  },
};
