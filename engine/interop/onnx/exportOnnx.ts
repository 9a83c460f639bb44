/**
 * ONNX export (opset 17). Inputs and outputs are NHWC like ours; convolution-family ops run NCHW
 * with a Transpose only where the layout changes (see ../layout.ts). Dropout is the identity at
 * inference and is left out. GELU is written as x·½·(1 + erf(x/√2)), SiLU as x·sigmoid(x).
 * Each Output is followed by the softmax / sigmoid our predict applies, so the graph outputs predictions.
 */
import { windowGeometry } from '../../model/catalog/shapeMath';
import type { ProgramNode } from '../../model/program';
import { activationConstants, hwioToOihw, predictionActivation, prepareModel, uniqueSafeNames } from '../graph';
import type { PreparedModel } from '../graph';
import { isImage, wantedImageLayout } from '../layout';
import type { Layout } from '../layout';
import type { ExportableModel } from '../types';
import { InteropError } from '../types';
import { OnnxGraphBuilder } from './builder';

interface Value {
  name: string;
  /** Rank including the batch dimension. */
  rank: number;
  layout: Layout;
}

const NHWC_TO_NCHW = [0, 3, 1, 2];
const NCHW_TO_NHWC = [0, 2, 3, 1];

class OnnxExporter {
  private readonly g = new OnnxGraphBuilder();
  private readonly values = new Map<string, Value>();
  private readonly names: Map<string, string>;
  /** Cached layout conversions, so two consumers of one NCHW value share one Transpose. */
  private readonly converted = new Map<string, Value>();

  constructor(private readonly m: PreparedModel) {
    this.names = uniqueSafeNames(m.program.nodes.map((n) => n.id));
  }

  run(): OnnxGraphBuilder {
    // Graph inputs in program order (document order of the Input nodes), as predict takes them.
    for (const id of this.m.program.inputs) {
      const node = this.m.byId.get(id)!;
      this.g.inputs.push(this.g.valueInfo(this.names.get(id)!, node.outputShape));
    }
    for (const node of this.m.program.nodes) this.values.set(node.id, this.emit(node));
    return this.g;
  }

  private as(value: Value, want: Layout): Value {
    if (value.rank !== 4 || value.layout === want) return value;
    const key = `${value.name}->${want}`;
    const cached = this.converted.get(key);
    if (cached) return cached;
    const perm = want === 'nchw' ? NHWC_TO_NCHW : NCHW_TO_NHWC;
    const out: Value = { name: this.g.op('Transpose', [value.name], `${value.name}_${want}`, { perm }), rank: 4, layout: want };
    this.converted.set(key, out);
    return out;
  }

  private inputsOf(node: ProgramNode): Value[] {
    const raw = node.inputs.map((id) => this.values.get(id)!);
    const want = wantedImageLayout(node);
    if (want !== 'keep') return raw.map((v) => this.as(v, want));
    // Merges and element-wise layers: every input in the first one's layout.
    return raw.map((v) => this.as(v, raw[0].layout));
  }

  private weight(node: ProgramNode, key: string): Float32Array {
    return this.m.weights[`${node.id}/${key}`];
  }

  private emit(node: ProgramNode): Value {
    const name = this.names.get(node.id)!;
    const rank = node.outputShape.length + 1;
    if (node.type === 'Input') {
      return { name, rank, layout: 'nhwc' };
    }
    const xs = this.inputsOf(node);
    const x = xs[0];
    const same = (out: string, layout: Layout = x.layout): Value => ({ name: out, rank, layout });
    switch (node.type) {
      case 'Dense': {
        const [inF, units] = [node.inputShapes[0][0], node.params.units as number];
        const w = this.g.floats(`${name}_kernel`, this.weight(node, 'kernel'), [inF, units]);
        const ins = [x.name, w];
        if (node.params.useBias !== false) ins.push(this.g.floats(`${name}_bias`, this.weight(node, 'bias'), [units]));
        const act = node.params.activation as string;
        const z = this.g.op('Gemm', ins, act === 'none' ? name : `${name}_linear`);
        return this.activation(same(z, 'nhwc'), act, node, name);
      }
      case 'Conv2D': {
        const [inH, inW, inC] = node.inputShapes[0];
        const k = node.params.kernelSize as number;
        const s = node.params.strides as number;
        const d = node.params.dilation as number;
        const f = node.params.filters as number;
        const gh = windowGeometry(inH, k, s, d, node.params.padding as string);
        const gw = windowGeometry(inW, k, s, d, node.params.padding as string);
        const w = this.g.floats(`${name}_kernel`, hwioToOihw(this.weight(node, 'kernel'), k, k, inC, f), [f, inC, k, k]);
        const ins = [x.name, w];
        if (node.params.useBias !== false) ins.push(this.g.floats(`${name}_bias`, this.weight(node, 'bias'), [f]));
        const act = node.params.activation as string;
        const pads = [gh.padBefore, gw.padBefore, gh.padTotal - gh.padBefore, gw.padTotal - gw.padBefore];
        const z = this.g.op('Conv', ins, act === 'none' ? name : `${name}_linear`, {
          kernel_shape: [k, k],
          strides: [s, s],
          dilations: [d, d],
          pads,
          group: 1,
        });
        return this.activation(same(z, 'nchw'), act, node, name);
      }
      case 'MaxPool2D':
      case 'AvgPool2D': {
        const [inH, inW] = node.inputShapes[0];
        const k = node.params.poolSize as number;
        const s = node.params.strides as number;
        const gh = windowGeometry(inH, k, s, 1, node.params.padding as string);
        const gw = windowGeometry(inW, k, s, 1, node.params.padding as string);
        const attrs: Record<string, number | number[]> = {
          kernel_shape: [k, k],
          strides: [s, s],
          pads: [gh.padBefore, gw.padBefore, gh.padTotal - gh.padBefore, gw.padTotal - gw.padBefore],
        };
        if (node.type === 'AvgPool2D') attrs.count_include_pad = 0;
        return same(this.g.op(node.type === 'MaxPool2D' ? 'MaxPool' : 'AveragePool', [x.name], name, attrs), 'nchw');
      }
      case 'GlobalAvgPool2D': {
        const pooled = this.g.op('GlobalAveragePool', [x.name], `${name}_pooled`);
        return same(this.g.op('Flatten', [pooled], name, { axis: 1 }), 'nhwc');
      }
      case 'Flatten':
        return same(this.g.op('Flatten', [x.name], name, { axis: 1 }), 'nhwc');
      case 'Reshape': {
        const shape = this.g.int64s(`${name}_shape`, [-1, ...node.outputShape]);
        return same(this.g.op('Reshape', [x.name, shape], name), 'nhwc');
      }
      case 'Dropout':
        return x;
      case 'BatchNorm':
        return this.batchNorm(node, name, x);
      case 'LayerNorm': {
        const c = node.inputShapes[0][node.inputShapes[0].length - 1];
        const gamma = this.g.floats(`${name}_gamma`, this.weight(node, 'gamma'), [c]);
        const beta = this.g.floats(`${name}_beta`, this.weight(node, 'beta'), [c]);
        return same(this.g.op('LayerNormalization', [x.name, gamma, beta], name, { axis: -1, epsilon: { float: node.params.epsilon as number } }));
      }
      case 'Activation':
        return this.activation(x, node.params.activation as string, node, name);
      case 'Add':
        return same(this.g.op(xs.length === 2 ? 'Add' : 'Sum', xs.map((v) => v.name), name));
      case 'Concatenate':
        return same(this.g.op('Concat', xs.map((v) => v.name), name, { axis: x.rank === 4 && x.layout === 'nchw' ? 1 : -1 }));
      case 'Output': {
        const post = predictionActivation(node.params.loss as never);
        const out =
          post === 'softmax'
            ? this.g.op('Softmax', [x.name], name, { axis: -1 })
            : post === 'sigmoid'
              ? this.g.op('Sigmoid', [x.name], name)
              : this.g.op('Identity', [x.name], name);
        this.g.outputs.push(this.g.valueInfo(out, node.outputShape));
        return same(out, 'nhwc');
      }
      case 'DepthwiseConv2D':
        throw new InteropError(`ONNX export of DepthwiseConv2D lands with its exporter.`);
      default: {
        const unreachable: never = node.type;
        throw new InteropError(`ONNX export does not know layer type ${String(unreachable)}.`);
      }
    }
  }

  /** BatchNormalization normalises axis 1: images go NCHW, other ranks move their last axis to 1 and back. */
  private batchNorm(node: ProgramNode, name: string, x: Value): Value {
    const c = node.inputShapes[0][node.inputShapes[0].length - 1];
    const params = ['gamma', 'beta', 'runningMean', 'runningVar'].map((k) => this.g.floats(`${name}_${k}`, this.weight(node, k), [c]));
    const attrs = { epsilon: { float: node.params.epsilon as number }, momentum: { float: 1 - (node.params.momentum as number) } };
    if (x.rank === 2 || isImage(node.inputShapes[0])) {
      return { ...x, name: this.g.op('BatchNormalization', [x.name, ...params], name, attrs) };
    }
    const r = x.rank;
    const toFront = [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)];
    const toBack = [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1];
    const moved = this.g.op('Transpose', [x.name], `${name}_channels_first`, { perm: toFront });
    const normed = this.g.op('BatchNormalization', [moved, ...params], `${name}_normalised`, attrs);
    return { ...x, name: this.g.op('Transpose', [normed], name, { perm: toBack }) };
  }

  private activation(z: Value, act: string, node: ProgramNode, name: string): Value {
    const g = this.g;
    const out = (n: string): Value => ({ ...z, name: n });
    switch (act) {
      case 'none':
        return z;
      case 'relu':
        return out(g.op('Relu', [z.name], name));
      case 'sigmoid':
        return out(g.op('Sigmoid', [z.name], name));
      case 'tanh':
        return out(g.op('Tanh', [z.name], name));
      case 'leakyRelu':
        return out(g.op('LeakyRelu', [z.name], name, { alpha: { float: activationConstants(node).negativeSlope } }));
      case 'elu':
        return out(g.op('Elu', [z.name], name, { alpha: { float: activationConstants(node).alpha } }));
      case 'softmax':
        return out(g.op('Softmax', [z.name], name, { axis: z.rank === 4 && z.layout === 'nchw' ? 1 : -1 }));
      case 'gelu': {
        const scaled = g.op('Div', [z.name, g.scalar(`${name}_sqrt2`, Math.SQRT2)], `${name}_scaled`);
        const erf = g.op('Erf', [scaled], `${name}_erf`);
        const onePlus = g.op('Add', [erf, g.scalar(`${name}_one`, 1)], `${name}_one_plus`);
        const times = g.op('Mul', [z.name, onePlus], `${name}_times_x`);
        return out(g.op('Mul', [times, g.scalar(`${name}_half`, 0.5)], name));
      }
      case 'silu': {
        const sig = g.op('Sigmoid', [z.name], `${name}_sigmoid`);
        return out(g.op('Mul', [z.name, sig], name));
      }
      default:
        throw new InteropError(`ONNX export does not know the activation "${act}" on ${node.id}.`);
    }
  }
}

/** The model as `model.onnx` bytes; inputs are named after the Input nodes, outputs after the Output nodes. */
export function exportOnnx(model: ExportableModel): Uint8Array {
  const prepared = prepareModel(model);
  const graph = new OnnxExporter(prepared).run();
  return graph.encode(model.document.name || 'netwright', 'Exported by Netwright. Inputs are NHWC; outputs are predictions.');
}
