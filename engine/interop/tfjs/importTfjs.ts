/**
 * TensorFlow.js Layers import: a model.json (Sequential or functional) plus its weight bytes becomes
 * a Netwright model. A final softmax / sigmoid becomes the Output's loss (sparse cross-entropy /
 * binary cross-entropy), anything else a mean-squared-error Output. Every layer Netwright cannot
 * represent is named in one error.
 */
import type { ParamValue } from '../../model/program';
import { bytesToFloat32 } from '../bytes';
import { ImportBuilder } from '../importBuilder';
import type { ExportableModel } from '../types';
import { InteropError } from '../types';

type Json = Record<string, unknown>;

interface KLayer {
  className: string;
  name: string;
  config: Json;
  inbound: string[];
}

const ACTIVATIONS: Record<string, string> = {
  linear: 'none',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  elu: 'elu',
  softmax: 'softmax',
  gelu: 'gelu',
  swish: 'silu',
  silu: 'silu',
};

function layersOf(topology: Json): { layers: KLayer[]; inputs: string[]; outputs: string[] } {
  const root = ((topology.model_config as Json | undefined) ?? topology) as Json;
  const cls = root.class_name as string;
  const config = root.config as Json | Json[];
  const raw = (Array.isArray(config) ? config : (config.layers as Json[])) ?? [];
  if (cls === 'Sequential') {
    const layers: KLayer[] = [];
    let previous: string | null = null;
    for (const l of raw) {
      const c = l.config as Json;
      const name = (c.name as string) ?? (l.name as string);
      const shape = (c.batch_input_shape ?? c.batch_shape) as (number | null)[] | undefined;
      if (previous === null && l.class_name !== 'InputLayer' && shape) {
        layers.push({ className: 'InputLayer', name: `${name}_input`, config: { batch_input_shape: shape }, inbound: [] });
        previous = `${name}_input`;
      }
      layers.push({ className: l.class_name as string, name, config: c, inbound: previous ? [previous] : [] });
      previous = name;
    }
    return { layers, inputs: layers.length ? [layers[0].name] : [], outputs: previous ? [previous] : [] };
  }
  if (cls !== 'Model' && cls !== 'Functional') throw new InteropError(`Unknown TensorFlow.js model class "${cls}"; expected Sequential or a functional Model.`);
  const layers = raw.map((l) => {
    const nodes = (l.inbound_nodes as unknown[][][] | undefined) ?? [];
    if (nodes.length > 1) throw new InteropError(`Layer ${String(l.name)} is shared (called ${nodes.length} times); Netwright layers are used once.`);
    return {
      className: l.class_name as string,
      name: l.name as string,
      config: l.config as Json,
      inbound: (nodes[0] ?? []).map((entry) => entry[0] as string),
    };
  });
  const outputs = ((config as Json).output_layers as unknown[][]).map((o) => o[0] as string);
  const inputs = (((config as Json).input_layers as unknown[][]) ?? []).map((o) => o[0] as string);
  return { layers, inputs, outputs };
}

function square(value: unknown, what: string): number | string {
  const v = Array.isArray(value) ? value : [value, value];
  return v[0] === v[1] ? (v[0] as number) : `${what} must be square (got ${v.join('×')})`;
}

/** Reads a TF.js Layers model: the parsed model.json and the weight shards' bytes in manifest order. */
export function importTfjs(modelJson: Json, weightData: Uint8Array): ExportableModel {
  const topology = modelJson.modelTopology as Json | undefined;
  if (!topology) throw new InteropError('This model.json has no "modelTopology": it is not a TensorFlow.js Layers model (graph models cannot be imported).');
  const { layers, inputs, outputs } = layersOf(topology);
  const manifest = (modelJson.weightsManifest as { weights: { name: string; shape: number[]; dtype?: string; quantization?: unknown }[] }[]) ?? [];
  const weights = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of manifest.flatMap((g) => g.weights)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if ((spec.dtype ?? 'float32') !== 'float32' || spec.quantization) throw new InteropError(`Weight ${spec.name} is ${spec.quantization ? 'quantised' : spec.dtype}; only float32 weights can be imported.`);
    if (offset + size * 4 > weightData.length) throw new InteropError(`The weight files end before weight ${spec.name}; are all shards present?`);
    weights.set(spec.name, bytesToFloat32(weightData, offset, size));
    offset += size * 4;
  }
  const weightOf = (layer: string, short: string): Float32Array | undefined =>
    weights.get(`${layer}/${short}`) ?? [...weights.entries()].find(([n]) => n.startsWith(`${layer}/`) && n.endsWith(`/${short}`))?.[1];

  const b = new ImportBuilder(((topology.config as Json | undefined)?.name as string) ?? 'Imported model');
  const nodeOf = new Map<string, string>();
  const consumers = new Map<string, number>();
  for (const l of layers) for (const src of l.inbound) consumers.set(src, (consumers.get(src) ?? 0) + 1);

  for (const l of layers) {
    const c = l.config;
    const ins = l.inbound.map((n) => nodeOf.get(n)!);
    const reject = (reason: string): void => b.reject(l.name, l.className, reason);
    const act = (name: unknown): string | null => ACTIVATIONS[(name as string) ?? 'linear'] ?? null;
    const put = (type: Parameters<ImportBuilder['add']>[1], params: Record<string, ParamValue>): string => {
      const id = b.add(l.name, type, params, ins);
      nodeOf.set(l.name, id);
      return id;
    };
    const copy = (id: string, ours: string, theirs: string): void => {
      const w = weightOf(l.name, theirs);
      if (w) b.setWeight(id, ours, w);
      else reject(`its weight "${theirs}" is missing from the weights manifest`);
    };
    switch (l.className) {
      case 'InputLayer': {
        const shape = ((c.batch_input_shape ?? c.batch_shape) as (number | null)[]).slice(1);
        if (shape.some((d) => d === null)) reject('inputs with unknown dimensions (other than the batch) are not supported');
        else put('Input', { shape: shape as number[] });
        break;
      }
      case 'Dense': {
        const a = act(c.activation);
        if (a === null) { reject(`activation "${String(c.activation)}" is not supported`); break; }
        const id = put('Dense', { units: c.units as number, activation: a, useBias: c.use_bias !== false });
        copy(id, 'kernel', 'kernel');
        if (c.use_bias !== false) copy(id, 'bias', 'bias');
        break;
      }
      case 'Conv2D': {
        const k = square(c.kernel_size, 'kernel_size');
        const s = square(c.strides ?? 1, 'strides');
        const d = square(c.dilation_rate ?? 1, 'dilation_rate');
        const a = act(c.activation);
        const problem = [k, s, d].find((v) => typeof v === 'string') as string | undefined;
        if (problem) { reject(problem); break; }
        if (c.data_format === 'channels_first') { reject('channels_first convolutions are not supported (Netwright is channels-last)'); break; }
        if ((c.groups as number | undefined) !== undefined && c.groups !== 1) { reject('grouped convolutions are not supported'); break; }
        if (a === null) { reject(`activation "${String(c.activation)}" is not supported`); break; }
        const id = put('Conv2D', { filters: c.filters as number, kernelSize: k as number, strides: s as number, dilation: d as number, padding: c.padding as string, activation: a, useBias: c.use_bias !== false });
        copy(id, 'kernel', 'kernel');
        if (c.use_bias !== false) copy(id, 'bias', 'bias');
        break;
      }
      case 'MaxPooling2D':
      case 'MaxPool2D':
      case 'AveragePooling2D':
      case 'AvgPool2D': {
        const k = square(c.pool_size ?? 2, 'pool_size');
        const s = square(c.strides ?? c.pool_size ?? 2, 'strides');
        if (typeof k === 'string' || typeof s === 'string') { reject(typeof k === 'string' ? k : (s as string)); break; }
        put(l.className.startsWith('Max') ? 'MaxPool2D' : 'AvgPool2D', { poolSize: k, strides: s, padding: (c.padding as string) ?? 'valid' });
        break;
      }
      case 'GlobalAveragePooling2D':
        if (c.keepdims) reject('keepdims is not supported');
        else put('GlobalAvgPool2D', {});
        break;
      case 'Flatten':
        put('Flatten', {});
        break;
      case 'Reshape':
        put('Reshape', { targetShape: c.target_shape as number[] });
        break;
      case 'Dropout':
        put('Dropout', { rate: c.rate as number });
        break;
      case 'BatchNormalization': {
        if (c.center === false || c.scale === false) { reject('BatchNormalization without center or scale is not supported'); break; }
        const id = put('BatchNorm', { momentum: 1 - ((c.momentum as number) ?? 0.99), epsilon: (c.epsilon as number) ?? 1e-3 });
        copy(id, 'gamma', 'gamma');
        copy(id, 'beta', 'beta');
        copy(id, 'runningMean', 'moving_mean');
        copy(id, 'runningVar', 'moving_variance');
        break;
      }
      case 'LayerNormalization': {
        const axis = Array.isArray(c.axis) ? c.axis : [c.axis ?? -1];
        if (axis.length !== 1 || (axis[0] !== -1 && axis[0] !== undefined && axis[0] !== null && axis[0] <= 0)) { reject('LayerNormalization over several axes is not supported'); break; }
        const id = put('LayerNorm', { epsilon: (c.epsilon as number) ?? 1e-3 });
        copy(id, 'gamma', 'gamma');
        copy(id, 'beta', 'beta');
        break;
      }
      case 'Activation': {
        const a = act(c.activation);
        if (a === null || a === 'none') {
          if (a === 'none') { nodeOf.set(l.name, ins[0]); break; }
          reject(`activation "${String(c.activation)}" is not supported`);
          break;
        }
        put('Activation', { activation: a });
        break;
      }
      case 'ReLU':
        if (c.max_value != null || (c.negative_slope as number) > 0 || (c.threshold as number) > 0) reject('ReLU with max_value, negative_slope or threshold is not supported');
        else put('Activation', { activation: 'relu' });
        break;
      case 'LeakyReLU':
        put('Activation', { activation: 'leakyRelu', negativeSlope: (c.alpha as number) ?? (c.negative_slope as number) ?? 0.3 });
        break;
      case 'ELU':
        put('Activation', { activation: 'elu', alpha: (c.alpha as number) ?? 1 });
        break;
      case 'Softmax':
        put('Activation', { activation: 'softmax' });
        break;
      case 'Add':
        put('Add', {});
        break;
      case 'Concatenate':
        put('Concatenate', {});
        break;
      default:
        reject('this layer kind has no Netwright counterpart');
    }
  }
  for (const out of outputs) addOutput(b, layers.find((l) => l.name === out), nodeOf);
  b.orderInputs(inputs.map((n) => nodeOf.get(n)!).filter(Boolean));
  return b.finish('TensorFlow.js');
}

/** Ends a branch with an Output: a trailing softmax / sigmoid is folded into the loss. */
function addOutput(b: ImportBuilder, layer: KLayer | undefined, nodeOf: Map<string, string>): void {
  if (!layer) return;
  const id = nodeOf.get(layer.name);
  if (!id) return;
  const node = b.doc.nodes.find((n) => n.id === id)!;
  // A linear Activation that ends the model (our regression exports) was skipped: the Output takes its name.
  const linearEnd = layer.className === 'Activation' && (layer.config.activation ?? 'linear') === 'linear';
  if (linearEnd) {
    b.add(layer.name, 'Output', { loss: 'meanSquaredError' }, [id]);
    return;
  }
  const act = node.params.activation;
  const loss = act === 'softmax' ? 'sparseCategoricalCrossentropy' : act === 'sigmoid' ? 'binaryCrossentropy' : 'meanSquaredError';
  if (act === 'softmax' || act === 'sigmoid') {
    if (node.type === 'Activation') {
      // The activation itself becomes the Output (our export names the Output layer like this).
      node.type = 'Output';
      node.params = { loss, huberDelta: 1 };
      return;
    }
    b.setParam(id, 'activation', 'none');
  }
  b.add(`${layer.name}_output`, 'Output', { loss }, [id]);
}
