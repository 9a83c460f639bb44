/** The Activation layer, and the activation fused into Dense / Conv2D. */
import type { ActivationKindId } from '../../kernels/api';
import { ActivationKind } from '../../kernels/api';
import type { ProgramNode } from '../../model/program';
import { EngineError } from '../errors';
import * as activationOp from '../ops/activation';
import * as softmaxOp from '../ops/softmax';
import type { Tensor } from '../tensor';
import type { LayerBuilder, RecordContext } from './context';
import { numberParam, stringParam } from './context';

/** The kernel kind for an element-wise activation name; null for softmax (row-wise) and none. */
export function activationKind(name: string, nodeId: string): ActivationKindId | null {
  switch (name) {
    case 'none':
    case 'softmax':
      return null;
    case 'relu':
      return ActivationKind.relu;
    case 'sigmoid':
      return ActivationKind.sigmoid;
    case 'tanh':
      return ActivationKind.tanh;
    case 'leakyRelu':
      return ActivationKind.leakyRelu;
    case 'elu':
      return ActivationKind.elu;
    case 'gelu':
      return ActivationKind.gelu;
    case 'silu':
      return ActivationKind.silu;
    default:
      throw new EngineError('unsupported', `Unknown activation "${name}" on ${nodeId}.`, { nodeId, op: name });
  }
}

/** Records `name` applied to `x` ("none" returns `x` itself); softmax works over the last axis. */
export function recordActivation(ctx: RecordContext, node: ProgramNode, name: string, x: Tensor, consumers: number): Tensor {
  if (name === 'none') return x;
  const k = ctx.kernels;
  const tape = ctx.tape;
  const y = tape.tensor(x.shape, node.id, consumers);
  if (name === 'softmax') {
    const cols = x.shape[x.shape.length - 1];
    const a: softmaxOp.SoftmaxArgs = { rows: x.size / cols, cols, x: x.ptr, y: y.ptr, dy: y.grad, dx: tape.inputGrad(x) };
    tape.record('softmax', node.id, [y], () => softmaxOp.forward(k, a), () => softmaxOp.backward(k, a));
    return y;
  }
  const kind = activationKind(name, node.id) as ActivationKindId;
  const alpha = name === 'leakyRelu' ? numberParam(node, 'negativeSlope', 0.01) : name === 'elu' ? numberParam(node, 'alpha', 1) : 0;
  const a: activationOp.ActivationArgs = { kind, n: x.size, alpha, x: x.ptr, y: y.ptr, dy: y.grad, dx: tape.inputGrad(x) };
  tape.record(name, node.id, [y], () => activationOp.forward(k, a), () => activationOp.backward(k, a));
  return y;
}

export const activationLayer: LayerBuilder = {
  record: (ctx, node, [x], consumers) => recordActivation(ctx, node, stringParam(node, 'activation', 'relu'), x, consumers),
};
