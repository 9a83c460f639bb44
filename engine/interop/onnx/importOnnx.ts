/**
 * ONNX import for graphs made of the ops we export (and the same ops from other exporters, e.g.
 * PyTorch's NCHW graphs): Gemm / MatMul+Add, Conv, MaxPool, AveragePool, GlobalAveragePool,
 * BatchNormalization, LayerNormalization, the activations (GELU and SiLU as we decompose them), Add,
 * Sum, Concat, Flatten, Reshape, Transpose, Dropout and Identity. A channels-first value is tracked as
 * "channels moved to axis 1" over our channels-last tensor, so transposes cost nothing.
 */
import { windowGeometry } from '../../model/catalog/shapeMath';
import type { ParamValue } from '../../model/program';
import { bytesToFloat32 } from '../bytes';
import { hwioToOihw, transpose2d } from '../graph';
import { ImportBuilder } from '../importBuilder';
import type { ExportableModel } from '../types';
import { InteropError } from '../types';
import type { ImportLimits } from '../limits';
import { ByteBudget, checkDims, describeValue as shown, formatBytes, maxWeightBytes, ModelFileError, tensorBytes } from '../limits';
import type { OnnxTypes } from './onnxProto';
import { DataType, onnx } from './onnxProto';

interface Val {
  node: string;
  /** Rank including the batch. */
  rank: number;
  /** ONNX sees the channels at axis 1 (NCHW) while our tensor is channels-last. */
  channelsFirst: boolean;
  /** A [N, C, 1, 1] GlobalAveragePool result: flattening it is free. */
  pooled?: boolean;
}

type Attrs = Record<string, number | number[] | string>;

function attrsOf(n: OnnxTypes.INodeProto): Attrs {
  const out: Attrs = {};
  for (const a of n.attribute ?? []) {
    if (!a.name) continue;
    if (a.ints && a.ints.length) out[a.name] = a.ints.map(Number);
    else if (a.s && a.s.length) out[a.name] = new TextDecoder().decode(a.s);
    else if (a.type === onnx.AttributeProto.AttributeType.FLOAT) out[a.name] = a.f ?? 0;
    else out[a.name] = Number(a.i ?? 0);
  }
  return out;
}

interface Constant {
  values: number[] | Float32Array;
  dims: number[];
}

/** An initializer's values, after checking its dims, data type and byte count against each other and the budget. */
function tensorValues(t: OnnxTypes.ITensorProto, where: string, budget: ByteBudget): Constant {
  const at = `${where} ${shown(t.name ?? '')}`;
  const dims = checkDims((t.dims ?? []).map(Number), at);
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    throw new ModelFileError(`${at} keeps its data in an external file; save the model with its weights inside the .onnx file.`);
  }
  const width = t.dataType === DataType.FLOAT ? 4 : t.dataType === DataType.INT64 ? 8 : 0;
  if (width === 0) throw new InteropError(`${at} has data type ${shown(t.dataType)}; only float32 and int64 are read.`);
  const count = tensorBytes(dims, width, budget.limit, at) / width;
  budget.take(count * width, at);
  const raw = t.rawData && t.rawData.length ? t.rawData : null;
  if (raw && raw.length % width !== 0) {
    throw new ModelFileError(`${at} has ${raw.length} bytes of raw_data, not a whole number of ${width}-byte values; the file is damaged.`);
  }
  const found = raw ? raw.length / width : width === 4 ? (t.floatData ?? []).length : (t.int64Data ?? []).length;
  if (found !== count) throw new ModelFileError(`${at} holds ${found} values but its dims ${dims.join('×') || '(scalar)'} need ${count}; the file is damaged.`);
  if (width === 4) return { dims, values: raw ? bytesToFloat32(raw) : Float32Array.from(t.floatData ?? []) };
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return { dims, values: Array.from({ length: count }, (_, i) => Number(view.getBigInt64(i * 8, true))) };
  }
  return { dims, values: (t.int64Data ?? []).map(Number) };
}

/** Options of importOnnx. */
export type OnnxImportOptions = ImportLimits;

/**
 * Reads an ONNX model (the bytes of a .onnx file) into a Netwright model. Throws an InteropError
 * (a ModelFileError when the file itself is wrong) with a message; initializer sizes are checked
 * against `options.maxWeightBytes`.
 */
export function importOnnx(bytes: Uint8Array, name = 'Imported model', options: OnnxImportOptions = {}): ExportableModel {
  const limit = maxWeightBytes(options);
  // Weights dominate a model file: one much larger than the limit is refused before it is decoded.
  if (bytes.length > limit + 64 * 1024 * 1024) {
    throw new ModelFileError(`The ONNX file is ${formatBytes(bytes.length)}, more than the import limit of ${formatBytes(limit)}. If it is genuine, raise the limit (maxWeightBytes).`);
  }
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    // protobufjs decodes nested messages recursively: a file nested thousands deep exhausts the stack.
    const detail = err instanceof RangeError && /call stack/i.test(err.message) ? 'its messages are nested far deeper than any model' : (err as Error).message;
    throw new ModelFileError(`This is not an ONNX model, or the file is cut short: ${detail}.`);
  }
  const graph = model.graph;
  if (!graph) throw new ModelFileError('The ONNX model has no graph.');
  const budget = new ByteBudget(limit);
  const init = new Map<string, Constant>();
  for (const t of graph.initializer ?? []) init.set(t.name ?? '', tensorValues(t, 'Initializer', budget));
  for (const n of graph.node ?? []) {
    if (n.opType === 'Constant') {
      const t = n.attribute?.find((a) => a.name === 'value')?.t;
      const out = n.output?.[0];
      if (t && out) init.set(out, tensorValues(t, 'Constant', budget));
    }
  }
  const b = new ImportBuilder(graph.name || name);
  const vals = new Map<string, Val>();
  const consumers = new Map<string, OnnxTypes.INodeProto[]>();
  for (const n of graph.node ?? []) {
    for (const i of n.input ?? []) {
      const list = consumers.get(i);
      if (list) list.push(n);
      else consumers.set(i, [n]);
    }
  }
  /** A constant input of a node, refused with a message when it is not one. */
  const constant = (n: OnnxTypes.INodeProto, index: number, size?: number): Constant => {
    const nm = n.input?.[index];
    const c = nm ? init.get(nm) : undefined;
    if (!c) throw new ModelFileError(`Node ${shown(n.name || n.output?.[0] || n.opType || '')} (${shown(n.opType ?? '')}): input ${index + 1} must be a constant (an initializer); the model is not one Netwright can read.`);
    if (size !== undefined && c.values.length !== size) {
      throw new ModelFileError(`Node ${shown(n.name || n.output?.[0] || '')} (${shown(n.opType ?? '')}): input ${index + 1} has ${c.values.length} values where ${size} are needed; the file is damaged.`);
    }
    return c;
  };
  const floats = (n: OnnxTypes.INodeProto, index: number, size?: number): Float32Array => Float32Array.from(constant(n, index, size).values as ArrayLike<number>);
  const scalarOf = (nm: string): number | null => (init.has(nm) && init.get(nm)!.values.length === 1 ? Number(init.get(nm)!.values[0]) : null);

  for (const input of graph.input ?? []) {
    if (init.has(input.name!)) continue;
    const dims = (input.type?.tensorType?.shape?.dim ?? []).slice(1).map((d) => Number(d.dimValue ?? 0));
    if (dims.some((d) => d < 1)) { b.reject(input.name!, 'input', 'inputs need fixed sizes apart from the batch'); continue; }
    const first = consumers.get(input.name!)?.[0];
    const nhwcFeed = first?.opType === 'Transpose' && String(attrsOf(first).perm) === '0,3,1,2';
    // A rank-4 input that goes straight into convolutions is NCHW: we take it channels-last instead.
    const channelsFirst = dims.length === 3 && !nhwcFeed;
    const shape = channelsFirst ? [dims[1], dims[2], dims[0]] : dims;
    vals.set(input.name!, { node: b.add(input.name!, 'Input', { shape }, []), rank: dims.length + 1, channelsFirst });
  }

  const skip = new Set<OnnxTypes.INodeProto>();
  const onlyConsumer = (value: string, op: string): OnnxTypes.INodeProto | null => {
    const c = consumers.get(value) ?? [];
    return c.length === 1 && c[0].opType === op ? c[0] : null;
  };

  for (const n of graph.node ?? []) {
    if (skip.has(n) || n.opType === 'Constant') continue;
    const op = n.opType ?? '';
    const out = n.output?.[0];
    const label = n.name || out || op || 'node';
    if (!out) { b.reject(label, op, 'the node has no output'); continue; }
    const a = attrsOf(n);
    const data = (n.input ?? []).filter((i) => i && !init.has(i)).map((i) => vals.get(i));
    if (data.some((v) => v === undefined)) continue; // fed by something not read: already reported
    if (data.length === 0) { b.reject(label, op, 'the node takes no input from the graph'); continue; }
    const x = data[0] as Val;
    const reject = (reason: string): void => {
      b.reject(label, op, reason);
      // Keep going past it, so that one error names every operator that cannot be read.
      for (const o of n.output ?? []) vals.set(o, { node: x?.node ?? '', rank: x?.rank ?? 2, channelsFirst: x?.channelsFirst ?? false });
    };
    const emit = (type: Parameters<ImportBuilder['add']>[1], params: Record<string, ParamValue>, v: Partial<Val> = {}, outName = out): string => {
      const id = b.add(label, type, params, (data as Val[]).map((d) => d.node));
      vals.set(outName, { node: id, rank: x.rank, channelsFirst: x.channelsFirst, ...v });
      return id;
    };
    const alias = (v: Partial<Val> = {}): void => void vals.set(out, { ...x, ...v });
    switch (op) {
      case 'Identity':
      case 'Dropout':
        alias();
        break;
      case 'Transpose': {
        if (!Array.isArray(a.perm)) { reject('a Transpose without "perm" (which reverses every axis) is not supported'); break; }
        const perm = a.perm.join(',');
        const r = x.rank;
        const toFront = [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)].join(',');
        const toBack = [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1].join(',');
        if (perm === toFront && !x.channelsFirst) alias({ channelsFirst: true });
        else if (perm === toBack && x.channelsFirst) alias({ channelsFirst: false });
        else reject(`general transposes (perm ${perm}) are not supported`);
        break;
      }
      case 'Gemm':
      case 'MatMul': {
        const w = n.input?.[1];
        if (!w || !init.has(w) || x.rank !== 2) { reject('needs a rank-2 input and constant weights'); break; }
        if ((a.alpha ?? 1) !== 1 || (a.beta ?? 1) !== 1 || a.transA) { reject('alpha, beta and transA must be defaults'); break; }
        const wDims = init.get(w)!.dims;
        if (wDims.length !== 2) { reject(`the weights have ${wDims.length} dimensions; a dense layer's have 2`); break; }
        const [r0, r1] = wDims;
        const kernel = a.transB ? transpose2d(floats(n, 1), r0, r1) : floats(n, 1);
        const units = a.transB ? r0 : r1;
        const bias = op === 'Gemm' ? n.input?.[2] : undefined;
        const id = emit('Dense', { units, activation: 'none', useBias: bias !== undefined && bias !== '' });
        b.setWeight(id, 'kernel', kernel);
        if (bias) b.setWeight(id, 'bias', floats(n, 2, units));
        if (op === 'MatMul') {
          // MatMul followed by Add(constant) is a Dense with bias.
          const add = onlyConsumer(out, 'Add');
          const other = add?.input?.find((i) => i !== out);
          if (add && other && init.has(other) && init.get(other)!.values.length === units) {
            b.setParam(id, 'useBias', true);
            b.setWeight(id, 'bias', Float32Array.from(init.get(other)!.values as ArrayLike<number>));
            skip.add(add);
            if (add.output?.[0]) vals.set(add.output[0], vals.get(out)!);
          }
        }
        break;
      }
      case 'Conv': {
        const wDims = constant(n, 1).dims;
        if (wDims.length !== 4) { reject(`the weights have ${wDims.length} dimensions; a 2-D convolution's have 4`); break; }
        const [f, inC, kH, kW] = wDims;
        const s = (a.strides as number[]) ?? [1, 1];
        const d = (a.dilations as number[]) ?? [1, 1];
        if (!Array.isArray(s) || !Array.isArray(d) || s.length !== 2 || d.length !== 2) { reject('strides and dilations must have two entries'); break; }
        if (!x.channelsFirst || x.rank !== 4 || kH !== kW || s[0] !== s[1] || d[0] !== d[1] || (a.group ?? 1) !== 1) {
          reject('only square, ungrouped 2-D convolutions are supported');
          break;
        }
        const padding = paddingOf(a, b.shapeOf(x.node), kH, s[0], d[0], op, reject);
        if (!padding) break;
        const bias = n.input?.[2];
        const id = emit('Conv2D', { filters: f, kernelSize: kH, strides: s[0], dilation: d[0], padding, activation: 'none', useBias: Boolean(bias) });
        b.setWeight(id, 'kernel', hwioToOihw(floats(n, 1), kH, kW, inC, f, true));
        if (bias) b.setWeight(id, 'bias', floats(n, 2, f));
        break;
      }
      case 'MaxPool':
      case 'AveragePool': {
        const k = a.kernel_shape as number[];
        const s = (a.strides as number[]) ?? [1, 1];
        if (!Array.isArray(k) || !Array.isArray(s) || k.length !== 2 || s.length !== 2) { reject('only 2-D pooling with a kernel_shape is supported'); break; }
        if (!x.channelsFirst || k[0] !== k[1] || s[0] !== s[1] || a.ceil_mode) { reject('only square pooling without ceil_mode is supported'); break; }
        const padded = Array.isArray(a.pads) && a.pads.some((p) => p > 0);
        if (op === 'AveragePool' && padded && a.count_include_pad) { reject('average pooling that counts the padding is not supported'); break; }
        const padding = paddingOf(a, b.shapeOf(x.node), k[0], s[0], 1, op, reject);
        if (!padding) break;
        emit(op === 'MaxPool' ? 'MaxPool2D' : 'AvgPool2D', { poolSize: k[0], strides: s[0], padding });
        break;
      }
      case 'GlobalAveragePool':
        if (!x.channelsFirst) reject('needs a channels-first image');
        else emit('GlobalAvgPool2D', {}, { rank: 4, pooled: true });
        break;
      case 'Flatten':
      case 'Reshape': {
        if (x.pooled) { vals.set(out, { node: x.node, rank: 2, channelsFirst: false }); break; }
        if (x.channelsFirst) { reject('flattening a channels-first tensor changes the feature order; Netwright flattens channels-last'); break; }
        if (op === 'Flatten') {
          if ((a.axis ?? 1) !== 1) reject('only Flatten with axis 1 is supported');
          else emit('Flatten', {}, { rank: 2 });
          break;
        }
        const shapeName = n.input?.[1];
        const shape = shapeName ? (init.get(shapeName)?.values as number[] | undefined) : undefined;
        if (!shape || (shape[0] !== -1 && shape[0] !== 0)) { reject('the new shape must be constant and keep the batch first'); break; }
        emit('Reshape', { targetShape: shape.slice(1).map(Number) }, { rank: shape.length });
        break;
      }
      case 'BatchNormalization': {
        if (x.rank > 2 && !x.channelsFirst) { reject('BatchNormalization over a channels-last tensor is not supported'); break; }
        const id = emit('BatchNorm', { momentum: 1 - Number(a.momentum ?? 0.9), epsilon: Number(a.epsilon ?? 1e-5) });
        ['gamma', 'beta', 'runningMean', 'runningVar'].forEach((key, i) => b.setWeight(id, key, floats(n, i + 1)));
        break;
      }
      case 'LayerNormalization': {
        if (x.channelsFirst || ((a.axis ?? -1) !== -1 && a.axis !== x.rank - 1)) { reject('only LayerNormalization over the last axis is supported'); break; }
        const id = emit('LayerNorm', { epsilon: Number(a.epsilon ?? 1e-5) });
        const gamma = floats(n, 1);
        b.setWeight(id, 'gamma', gamma);
        b.setWeight(id, 'beta', n.input?.[2] ? floats(n, 2, gamma.length) : new Float32Array(gamma.length));
        break;
      }
      case 'Relu':
      case 'Tanh':
        emit('Activation', { activation: op.toLowerCase() });
        break;
      case 'Sigmoid': {
        // x · sigmoid(x) is SiLU.
        const mul = onlyConsumer(out, 'Mul');
        if (mul && mul.output?.[0] && (mul.input ?? []).includes(n.input?.[0] ?? '') && (mul.input ?? []).includes(out)) {
          skip.add(mul);
          emit('Activation', { activation: 'silu' }, {}, mul.output[0]);
        } else emit('Activation', { activation: 'sigmoid' });
        break;
      }
      case 'LeakyRelu':
        emit('Activation', { activation: 'leakyRelu', negativeSlope: Number(a.alpha ?? 0.01) });
        break;
      case 'Elu':
        emit('Activation', { activation: 'elu', alpha: Number(a.alpha ?? 1) });
        break;
      case 'Gelu':
        emit('Activation', { activation: 'gelu' });
        break;
      case 'Softmax': {
        const axis = Number(a.axis ?? -1);
        const last = axis === -1 || axis === x.rank - 1;
        if (x.channelsFirst ? axis !== 1 : !last) reject('softmax must run over the features / channels');
        else emit('Activation', { activation: 'softmax' });
        break;
      }
      case 'Div':
      case 'Mul': {
        const end = matchGelu(n, x, scalarOf, onlyConsumer, skip);
        if (end) emit('Activation', { activation: 'gelu' }, {}, end);
        else reject('element-wise arithmetic is only read as part of GELU or SiLU');
        break;
      }
      case 'Add':
      case 'Sum':
        if (data.length !== (n.input ?? []).length || data.length < 2) reject('adding constants is not supported');
        else if (data.some((v) => v!.channelsFirst !== x.channelsFirst)) reject('inputs in different layouts');
        else emit('Add', {});
        break;
      case 'Concat': {
        const axis = Number(a.axis);
        const ok = x.channelsFirst ? axis === 1 : axis === -1 || axis === x.rank - 1;
        if (!ok || data.length !== (n.input ?? []).length) reject('only concatenation along the features / channels is supported');
        else emit('Concatenate', {});
        break;
      }
      default:
        reject('this operator has no Netwright counterpart');
    }
  }

  for (const output of graph.output ?? []) {
    const v = vals.get(output.name!);
    if (!v) continue;
    if (v.channelsFirst && v.rank === 4) { b.reject(output.name!, 'output', 'channels-first image outputs are not supported'); continue; }
    const node = b.doc.nodes.find((nd) => nd.id === v.node);
    if (!node) continue; // fed by an operator already named as unsupported
    const act = node.type === 'Activation' ? node.params.activation : null;
    if (act === 'softmax' || act === 'sigmoid') {
      // The prediction activation our export appends becomes the Output's loss again.
      node.type = 'Output';
      node.params = { loss: act === 'softmax' ? 'sparseCategoricalCrossentropy' : 'binaryCrossentropy', huberDelta: 1 };
    } else {
      b.add(output.name!, 'Output', { loss: 'meanSquaredError' }, [v.node]);
    }
  }
  b.orderInputs((graph.input ?? []).map((i) => vals.get(i.name!)?.node).filter((id): id is string => id !== undefined && b.doc.nodes.some((nd) => nd.id === id && nd.type === 'Input')));
  return b.finish('ONNX');
}

/** 'valid' or 'same' (TensorFlow convention) from explicit pads; null (and a rejection) for any other padding. */
function paddingOf(a: Attrs, shape: readonly number[] | null, k: number, s: number, d: number, op: string, reject: (reason: string) => void): 'valid' | 'same' | null {
  const pads = a.pads ?? [0, 0, 0, 0];
  if (!Array.isArray(pads)) {
    reject(`${op} pads ${shown(pads)} are not a list`);
    return null;
  }
  if (a.auto_pad && a.auto_pad !== 'NOTSET') {
    if (a.auto_pad === 'VALID') return 'valid';
    if (a.auto_pad === 'SAME_UPPER') return 'same';
    reject(`auto_pad ${a.auto_pad} is not supported`);
    return null;
  }
  if (pads.every((p) => p === 0)) return 'valid';
  if (shape && shape.length === 3) {
    const gh = windowGeometry(shape[0], k, s, d, 'same');
    const gw = windowGeometry(shape[1], k, s, d, 'same');
    const same = [gh.padBefore, gw.padBefore, gh.padTotal - gh.padBefore, gw.padTotal - gw.padBefore];
    if (same.every((p, i) => p === pads[i])) return 'same';
  }
  reject(`${op} padding ${pads.join(',')} is neither "valid" nor TensorFlow-style "same"`);
  return null;
}

/** Matches x/√2 → Erf → +1 → ·x → ·½ (any order of the last two); returns the GELU's output name. */
function matchGelu(
  start: OnnxTypes.INodeProto,
  _x: Val,
  scalarOf: (n: string) => number | null,
  onlyConsumer: (value: string, op: string) => OnnxTypes.INodeProto | null,
  skip: Set<OnnxTypes.INodeProto>,
): string | null {
  if (!start.input?.[1] || !start.input[0] || !start.output?.[0]) return null;
  const c = scalarOf(start.input[1]);
  const scaleOk = c !== null && (start.opType === 'Div' ? Math.abs(c - Math.SQRT2) < 1e-4 : Math.abs(c - Math.SQRT1_2) < 1e-4);
  if (!scaleOk) return null;
  const xName = start.input[0];
  const first = (node: OnnxTypes.INodeProto | null): string => node?.output?.[0] ?? '';
  const other = (node: OnnxTypes.INodeProto, not: string): string => (node.input ?? []).find((i) => i !== not) ?? '';
  const erf = onlyConsumer(start.output[0], 'Erf');
  const plus = erf && first(erf) ? onlyConsumer(first(erf), 'Add') : null;
  if (!erf || !plus || !first(plus) || scalarOf(other(plus, first(erf))) !== 1) return null;
  const m1 = onlyConsumer(first(plus), 'Mul');
  if (!m1 || !first(m1)) return null;
  const m1Other = other(m1, first(plus));
  const m2 = onlyConsumer(first(m1), 'Mul');
  if (!m2 || !first(m2)) return null;
  const m2Other = other(m2, first(m1));
  const ok = (m1Other === xName && scalarOf(m2Other) === 0.5) || (scalarOf(m1Other) === 0.5 && m2Other === xName);
  if (!ok) return null;
  for (const n of [erf, plus, m1, m2]) skip.add(n);
  return first(m2);
}
