/**
 * Generates `model.py`: a readable nn.Module mirroring the graph. It takes NHWC input like Netwright
 * and permutes to NCHW only around convolution-family layers (see ../layout.ts), so Flatten sees our
 * H, W, C order and the Dense weights map over unchanged (transposed to PyTorch's [out, in]).
 */
import { windowGeometry } from '../../model/catalog/shapeMath';
import type { ProgramNode } from '../../model/program';
import { activationConstants, predictionActivation } from '../graph';
import type { PreparedModel } from '../graph';
import { isImage, wantedImageLayout } from '../layout';
import { npzKey } from '../npy';
import type { Layout } from '../layout';
import { InteropError } from '../types';
import { extraPythonName, pyFloat, pyInt, pyLiteral, pyString, pythonNames } from './pythonNames';

interface PyValue {
  expr: string;
  rank: number;
  layout: Layout;
}

/** How each engine weight maps into the state dict: (netwright name, state key, conversion). */
export type WeightMapping = [name: string, key: string, conversion: 'copy' | 'dense' | 'conv'];

export interface GeneratedModule {
  source: string;
  weightMap: WeightMapping[];
  /** Python attribute names of the layers with L1 / L2 penalties on their kernel. */
  penalties: { key: string; l1: number; l2: number }[];
}

function activationExpr(act: string, node: ProgramNode, x: string, channelsFirst: boolean): string {
  const { negativeSlope, alpha } = activationConstants(node);
  switch (act) {
    case 'none':
      return x;
    case 'relu':
      return `F.relu(${x})`;
    case 'sigmoid':
      return `torch.sigmoid(${x})`;
    case 'tanh':
      return `torch.tanh(${x})`;
    case 'leakyRelu':
      return `F.leaky_relu(${x}, ${pyFloat(negativeSlope)})`;
    case 'elu':
      return `F.elu(${x}, ${pyFloat(alpha)})`;
    case 'softmax':
      return `torch.softmax(${x}, dim=${channelsFirst ? 1 : -1})`;
    case 'gelu':
      return `F.gelu(${x})`;
    case 'silu':
      return `F.silu(${x})`;
    default:
      throw new InteropError(`PyTorch export does not know the activation "${act}" on ${node.id}.`);
  }
}

/** The generated module source, and the weight mapping the loader in it uses. */
export function generateModelPy(m: PreparedModel, title: string): GeneratedModule {
  const names = pythonNames(m.program.nodes.map((n) => n.id));
  const extraNames = new Set<string>();
  const init: string[] = [];
  const body: string[] = [];
  const weightMap: WeightMapping[] = [];
  const penalties: GeneratedModule['penalties'] = [];
  const values = new Map<string, PyValue>();
  const converted = new Map<string, PyValue>();
  let needsAvgHelper = false;

  const as = (v: PyValue, want: Layout): PyValue => {
    if (v.rank !== 4 || v.layout === want) return v;
    const key = `${v.expr}:${want}`;
    const hit = converted.get(key);
    if (hit) return hit;
    const name = extraPythonName(`${v.expr}_${want}`, names, extraNames);
    body.push(`${name} = ${v.expr}.permute(${want === 'nchw' ? '0, 3, 1, 2' : '0, 2, 3, 1'})`);
    const out: PyValue = { expr: name, rank: 4, layout: want };
    converted.set(key, out);
    return out;
  };

  for (const node of m.program.nodes) {
    const n = names.get(node.id)!;
    const rank = node.outputShape.length + 1;
    const raw = node.inputs.map((id) => values.get(id)!);
    const want = wantedImageLayout(node);
    const xs = raw.map((v) => as(v, want === 'keep' ? raw[0].layout : want));
    const x = xs[0];
    const set = (expr: string, layout: Layout = x?.layout ?? 'nhwc'): void => {
      body.push(`${n} = ${expr}`);
      values.set(node.id, { expr: n, rank, layout });
    };
    const act = node.params.activation as string;
    const useBias = node.params.useBias !== false;
    switch (node.type) {
      case 'Input':
        values.set(node.id, { expr: n, rank, layout: 'nhwc' });
        break;
      case 'Dense': {
        init.push(`self.${n} = nn.Linear(${pyInt(node.inputShapes[0][0])}, ${pyInt(node.params.units)}, bias=${useBias ? 'True' : 'False'})`);
        weightMap.push([npzKey(`${node.id}/kernel`), `${n}.weight`, 'dense']);
        if (useBias) weightMap.push([npzKey(`${node.id}/bias`), `${n}.bias`, 'copy']);
        if ((node.params.l1 as number) > 0 || (node.params.l2 as number) > 0) penalties.push({ key: `${n}.weight`, l1: node.params.l1 as number, l2: node.params.l2 as number });
        set(activationExpr(act, node, `self.${n}(${x.expr})`, false), 'nhwc');
        break;
      }
      case 'Conv2D': {
        const [inH, inW, inC] = node.inputShapes[0];
        const k = node.params.kernelSize as number;
        const s = node.params.strides as number;
        const d = node.params.dilation as number;
        const gh = windowGeometry(inH, k, s, d, node.params.padding as string);
        const gw = windowGeometry(inW, k, s, d, node.params.padding as string);
        const symmetric = gh.padTotal % 2 === 0 && gw.padTotal % 2 === 0;
        const pad = symmetric ? `(${pyInt(gh.padBefore)}, ${pyInt(gw.padBefore)})` : '0';
        init.push(`self.${n} = nn.Conv2d(${pyInt(inC)}, ${pyInt(node.params.filters)}, ${pyInt(k)}, stride=${pyInt(s)}, padding=${pad}, dilation=${pyInt(d)}, bias=${useBias ? 'True' : 'False'})`);
        weightMap.push([npzKey(`${node.id}/kernel`), `${n}.weight`, 'conv']);
        if (useBias) weightMap.push([npzKey(`${node.id}/bias`), `${n}.bias`, 'copy']);
        if ((node.params.l1 as number) > 0 || (node.params.l2 as number) > 0) penalties.push({ key: `${n}.weight`, l1: node.params.l1 as number, l2: node.params.l2 as number });
        // TensorFlow-style 'same' puts the odd extra row/column after; F.pad does that explicitly.
        const input = symmetric ? x.expr : `F.pad(${x.expr}, (${[gw.padBefore, gw.padTotal - gw.padBefore, gh.padBefore, gh.padTotal - gh.padBefore].map(pyInt).join(', ')}))`;
        set(activationExpr(act, node, `self.${n}(${input})`, true), 'nchw');
        break;
      }
      case 'MaxPool2D':
      case 'AvgPool2D': {
        const [inH, inW] = node.inputShapes[0];
        const k = node.params.poolSize as number;
        const s = node.params.strides as number;
        const gh = windowGeometry(inH, k, s, 1, node.params.padding as string);
        const gw = windowGeometry(inW, k, s, 1, node.params.padding as string);
        const pads = `(${[gw.padBefore, gw.padTotal - gw.padBefore, gh.padBefore, gh.padTotal - gh.padBefore].map(pyInt).join(', ')})`;
        const padded = gh.padTotal > 0 || gw.padTotal > 0;
        if (node.type === 'MaxPool2D') {
          init.push(`self.${n} = nn.MaxPool2d(${pyInt(k)}, stride=${pyInt(s)})`);
          set(`self.${n}(${padded ? `F.pad(${x.expr}, ${pads}, value=float("-inf"))` : x.expr})`, 'nchw');
        } else if (padded) {
          needsAvgHelper = true;
          set(`avg_pool_excluding_padding(${x.expr}, ${pyInt(k)}, ${pyInt(s)}, ${pads})`, 'nchw');
        } else {
          init.push(`self.${n} = nn.AvgPool2d(${pyInt(k)}, stride=${pyInt(s)})`);
          set(`self.${n}(${x.expr})`, 'nchw');
        }
        break;
      }
      case 'GlobalAvgPool2D':
        set(`${x.expr}.mean(dim=(2, 3))`, 'nhwc');
        break;
      case 'Flatten':
        set(`torch.flatten(${x.expr}, 1)`, 'nhwc');
        break;
      case 'Reshape':
        set(`${x.expr}.reshape(${x.expr}.shape[0], ${node.outputShape.map(pyInt).join(', ')})`, 'nhwc');
        break;
      case 'Dropout':
        init.push(`self.${n} = nn.Dropout(${pyFloat(node.params.rate as number)})`);
        set(`self.${n}(${x.expr})`);
        break;
      case 'BatchNorm': {
        const shape = node.inputShapes[0];
        const c = shape[shape.length - 1];
        const dims = isImage(shape) ? 2 : Math.max(1, rank - 2);
        if (dims > 3) throw new InteropError(`PyTorch has no BatchNorm for ${rank}-D tensors (${node.id}).`);
        init.push(`self.${n} = nn.BatchNorm${dims}d(${pyInt(c)}, eps=${pyFloat(node.params.epsilon as number)}, momentum=${pyFloat(node.params.momentum as number)})`);
        for (const [ours, theirs] of [['gamma', 'weight'], ['beta', 'bias'], ['runningMean', 'running_mean'], ['runningVar', 'running_var']]) {
          weightMap.push([npzKey(`${node.id}/${ours}`), `${n}.${theirs}`, 'copy']);
        }
        if (rank === 2 || isImage(shape)) set(`self.${n}(${x.expr})`);
        else set(`self.${n}(${x.expr}.movedim(-1, 1)).movedim(1, -1)`, 'nhwc');
        break;
      }
      case 'LayerNorm': {
        const shape = node.inputShapes[0];
        init.push(`self.${n} = nn.LayerNorm(${pyInt(shape[shape.length - 1])}, eps=${pyFloat(node.params.epsilon as number)})`);
        weightMap.push([npzKey(`${node.id}/gamma`), `${n}.weight`, 'copy'], [npzKey(`${node.id}/beta`), `${n}.bias`, 'copy']);
        set(`self.${n}(${x.expr})`, 'nhwc');
        break;
      }
      case 'Activation':
        set(activationExpr(act, node, x.expr, x.rank === 4 && x.layout === 'nchw'));
        break;
      case 'Add':
        set(xs.map((v) => v.expr).join(' + '));
        break;
      case 'Concatenate':
        set(`torch.cat([${xs.map((v) => v.expr).join(', ')}], dim=${x.rank === 4 && x.layout === 'nchw' ? 1 : -1})`);
        break;
      case 'Output':
        values.set(node.id, x);
        break;
      case 'DepthwiseConv2D':
        throw new InteropError(`PyTorch export of DepthwiseConv2D lands with its exporter.`);
      default: {
        const unreachable: never = node.type;
        throw new InteropError(`PyTorch export does not know layer type ${String(unreachable)}.`);
      }
    }
  }

  const inputs = m.program.inputs.map((id) => names.get(id)!);
  const outputs = m.program.outputs.map((o) => values.get(o.nodeId)!.expr);
  const inputShapes = Object.fromEntries(m.program.inputs.map((id) => [names.get(id)!, m.byId.get(id)!.outputShape]));
  const outputs2 = m.program.outputs.map((o) => ({
    name: names.get(o.nodeId)!,
    loss: o.loss,
    huberDelta: m.byId.get(o.nodeId)!.params.huberDelta,
    prediction: predictionActivation(o.loss),
  }));
  const source = [
    '"""A Netwright model (its name is MODEL_NAME): generated by Netwright.',
    '',
    'NetwrightModel takes channels-last input, one tensor per input, shaped (batch, *INPUT_SHAPES[name]),',
    'already normalised (see normalise()). forward() returns raw outputs (logits for cross-entropy and KL),',
    'predict() returns what Netwright shows: softmax or sigmoid probabilities, or values.',
    '',
    'Run `python model.py weights.npz weights.pt` to turn the exported weights into a state dict.',
    '"""',
    'import sys',
    '',
    'import numpy as np',
    'import torch',
    'import torch.nn.functional as F',
    'from torch import nn',
    '',
    `MODEL_NAME = ${pyString(title)}`,
    `INPUT_SHAPES = ${pyLiteral(inputShapes)}`,
    `OUTPUTS = ${pyLiteral(outputs2)}`,
    '',
    ...(needsAvgHelper
      ? [
          '',
          'def avg_pool_excluding_padding(x, k, s, pads):',
          '    """Average over the in-bounds part of each window (TensorFlow-style "same" pooling)."""',
          '    ones = torch.ones_like(x[:, :1])',
          '    total = F.avg_pool2d(F.pad(x, pads), k, s)',
          '    count = F.avg_pool2d(F.pad(ones, pads), k, s)',
          '    return total / count',
          '',
        ]
      : []),
    '',
    'class NetwrightModel(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    ...(init.length ? init.map((l) => `        ${l}`) : ['        pass']),
    '',
    `    def forward(self, ${inputs.join(', ')}):`,
    ...body.map((l) => `        ${l}`),
    `        return ${outputs.length === 1 ? outputs[0] : `(${outputs.join(', ')})`}`,
    '',
    '    def predict(self, *inputs):',
    '        """Predictions as Netwright shows them (first output): probabilities or values."""',
    '        out = self(*inputs)',
    '        out = out[0] if isinstance(out, tuple) else out',
    '        kind = OUTPUTS[0]["prediction"]',
    '        if kind == "softmax":',
    '            return torch.softmax(out, dim=-1)',
    '        if kind == "sigmoid":',
    '            return torch.sigmoid(out)',
    '        return out',
    '',
    '',
    '# (Netwright weight, state-dict key, conversion): dense kernels are [in, out] -> transposed;',
    '# conv kernels are HWIO -> permuted to OIHW.',
    'WEIGHT_MAP = [',
    ...weightMap.map(([a, b, c]) => `    (${pyString(a)}, ${pyString(b)}, ${pyString(c)}),`),
    ']',
    '',
    '',
    'def load_netwright_weights(model, path="weights.npz"):',
    '    """Loads the exported weights.npz (Netwright names and layouts) into the model."""',
    '    arrays = np.load(path)',
    '    state = {}',
    '    for name, key, conversion in WEIGHT_MAP:',
    '        value = arrays[name]',
    '        if conversion == "dense":',
    '            value = value.T',
    '        elif conversion == "conv":',
    '            value = value.transpose(3, 2, 0, 1)',
    '        state[key] = torch.from_numpy(np.ascontiguousarray(value, dtype=np.float32))',
    '    result = model.load_state_dict(state, strict=False)',
    '    missing = [k for k in result.missing_keys if not k.endswith("num_batches_tracked")]',
    '    if missing or result.unexpected_keys:',
    '        raise ValueError(f"weights do not fit the model: missing {missing}, unexpected {result.unexpected_keys}")',
    '    return model',
    '',
    '',
    'if __name__ == "__main__":',
    '    source = sys.argv[1] if len(sys.argv) > 1 else "weights.npz"',
    '    target = sys.argv[2] if len(sys.argv) > 2 else "weights.pt"',
    '    torch.save(load_netwright_weights(NetwrightModel(), source).state_dict(), target)',
    '    print(f"Wrote {target}")',
    '',
  ].join('\n');
  return { source, weightMap, penalties };
}
