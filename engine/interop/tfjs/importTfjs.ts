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
import type { ImportLimits } from '../limits';
import { describeValue, ModelFileError } from '../limits';
import { readTfjsManifest } from './manifest';

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

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A layer's printable name for messages. */
const shown = (v: unknown): string => describeValue(v);

function layersOf(topology: Json): { layers: KLayer[]; inputs: string[]; outputs: string[] } {
  const root = isRecord(topology.model_config) ? topology.model_config : topology;
  const cls = root.class_name;
  const config = root.config;
  const raw: unknown = Array.isArray(config) ? config : isRecord(config) ? (config.layers ?? []) : undefined;
  if (!Array.isArray(raw)) throw new ModelFileError('The model.json\'s "modelTopology" has no list of layers (config.layers); the file is damaged.');
  raw.forEach((l: unknown, i) => {
    if (!isRecord(l) || typeof l.class_name !== 'string') throw new ModelFileError(`Layer ${i} of the model.json has no "class_name"; the file is damaged.`);
    if (l.config !== undefined && !isRecord(l.config)) throw new ModelFileError(`Layer ${i} (${shown(l.class_name)}) has a "config" that is not an object; the file is damaged.`);
  });
  const entries = raw as Json[];
  const configOf = (l: Json): Json => (l.config as Json | undefined) ?? {};
  const nameOf = (l: Json, i: number): string => {
    const name = configOf(l).name ?? l.name;
    if (typeof name !== 'string' || name === '') throw new ModelFileError(`Layer ${i} (${shown(l.class_name)}) has no name; the model.json is damaged.`);
    return name;
  };
  if (cls === 'Sequential') {
    const layers: KLayer[] = [];
    let previous: string | null = null;
    entries.forEach((l, i) => {
      const c = configOf(l);
      const name = nameOf(l, i);
      const shape = c.batch_input_shape ?? c.batch_shape;
      if (previous === null && l.class_name !== 'InputLayer' && shape) {
        layers.push({ className: 'InputLayer', name: `${name}_input`, config: { batch_input_shape: shape }, inbound: [] });
        previous = `${name}_input`;
      }
      layers.push({ className: l.class_name as string, name, config: c, inbound: previous ? [previous] : [] });
      previous = name;
    });
    return { layers, inputs: layers.length ? [layers[0].name] : [], outputs: previous ? [previous] : [] };
  }
  if (cls !== 'Model' && cls !== 'Functional') throw new InteropError(`Unknown TensorFlow.js model class ${shown(cls)}; expected Sequential or a functional Model.`);
  const layers = entries.map((l, i) => {
    const name = typeof l.name === 'string' && l.name !== '' ? l.name : nameOf(l, i);
    const nodes = l.inbound_nodes ?? [];
    if (!Array.isArray(nodes)) throw new ModelFileError(`Layer ${shown(name)} has "inbound_nodes" that are not a list; the model.json is damaged.`);
    if (nodes.length > 1) throw new InteropError(`Layer ${shown(name)} is shared (called ${nodes.length} times); Netwright layers are used once.`);
    const first: unknown = nodes[0] ?? [];
    if (!Array.isArray(first) || !first.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string')) {
      throw new ModelFileError(`Layer ${shown(name)}'s inbound nodes are not in the Keras 2 form [[name, 0, 0, {}], ...]; save the model with TensorFlow.js or Keras 2.`);
    }
    return { className: l.class_name as string, name, config: configOf(l), inbound: (first as unknown[][]).map((entry) => entry[0] as string) };
  });
  const ends = (key: 'input_layers' | 'output_layers'): string[] => {
    const list = isRecord(config) ? (config[key] ?? []) : [];
    if (!Array.isArray(list) || !list.every((o) => Array.isArray(o) && typeof o[0] === 'string')) {
      throw new ModelFileError(`The model.json's "${key}" is not a list of [layer name, 0, 0]; the file is damaged.`);
    }
    return (list as unknown[][]).map((o) => o[0] as string);
  };
  return { layers, inputs: ends('input_layers'), outputs: ends('output_layers') };
}

function square(value: unknown, what: string): number | string {
  const v: unknown[] = Array.isArray(value) ? value : [value, value];
  if (v.length !== 2 || !v.every((d) => typeof d === 'number')) return `${what} ${shown(value)} is not a size`;
  return v[0] === v[1] ? (v[0] as number) : `${what} must be square (got ${v.join('×')})`;
}

/** Options of importTfjs. */
export type TfjsImportOptions = ImportLimits;

/**
 * Reads a TF.js Layers model: the parsed model.json and the weight shards' bytes, concatenated in
 * manifest order. Throws an InteropError (a ModelFileError when the file itself is wrong) with a
 * message; the manifest's sizes are checked (against `options.maxWeightBytes` too) before any weight
 * is decoded.
 */
export function importTfjs(modelJson: unknown, weightData: Uint8Array, options: TfjsImportOptions = {}): ExportableModel {
  if (!isRecord(modelJson)) throw new ModelFileError('The model.json is not a JSON object; it is not a TensorFlow.js model.');
  const topology = modelJson.modelTopology;
  if (topology === undefined || topology === null) {
    throw new InteropError('This model.json has no "modelTopology": it is not a TensorFlow.js Layers model (graph models cannot be imported).');
  }
  if (!isRecord(topology)) throw new ModelFileError('The model.json\'s "modelTopology" is not an object; the file is damaged.');
  const manifest = readTfjsManifest(modelJson, options);
  if (weightData.length !== manifest.totalBytes) {
    throw new ModelFileError(
      weightData.length < manifest.totalBytes
        ? `The weight files hold ${weightData.length} bytes but the weights manifest needs ${manifest.totalBytes}; are all shards present and complete?`
        : `The weight files hold ${weightData.length} bytes but the weights manifest declares only ${manifest.totalBytes}; the shards do not belong to this model.json.`,
    );
  }
  const { layers, inputs, outputs } = layersOf(topology);
  const weights = new Map<string, Float32Array>();
  for (const spec of manifest.weights) weights.set(spec.name, bytesToFloat32(weightData, spec.offset, spec.bytes / 4));
  const weightOf = (layer: string, short: string): Float32Array | undefined =>
    weights.get(`${layer}/${short}`) ?? [...weights.entries()].find(([n]) => n.startsWith(`${layer}/`) && n.endsWith(`/${short}`))?.[1];

  const metadata = isRecord(modelJson.userDefinedMetadata) ? modelJson.userDefinedMetadata : {};
  const topologyName = isRecord(topology.config) ? topology.config.name : undefined;
  const modelName = typeof metadata.netwrightName === 'string' ? metadata.netwrightName : typeof topologyName === 'string' ? topologyName : 'Imported model';
  const b = new ImportBuilder(modelName);
  const nodeOf = new Map<string, string>();
  const consumers = new Map<string, number>();
  for (const l of layers) for (const src of l.inbound) consumers.set(src, (consumers.get(src) ?? 0) + 1);

  for (const l of layers) {
    const c = l.config;
    const reject = (reason: string): void => b.reject(l.name, l.className, reason);
    const missing = l.inbound.filter((n) => !nodeOf.has(n));
    const unknown = missing.filter((n) => !layers.some((other) => other.name === n));
    if (unknown.length > 0) { reject(`it is fed by ${unknown.map(shown).join(', ')}, which the model does not define`); continue; }
    // Fed by a layer already refused: this one is still checked, so that one error names every layer
    // (the import fails anyway, so its missing input does not matter).
    if (missing.length > 0 && b.unsupported.length === 0) { reject(`it is fed by ${missing.map(shown).join(', ')}, which comes after it in the file`); continue; }
    const ins = l.inbound.map((n) => nodeOf.get(n) ?? '');
    const act = (name: unknown): string | null => {
      const key = name ?? 'linear';
      return typeof key === 'string' && Object.hasOwn(ACTIVATIONS, key) ? ACTIVATIONS[key] : null;
    };
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
        const declared = c.batch_input_shape ?? c.batch_shape;
        if (!Array.isArray(declared) || declared.length < 2) { reject(`its input shape ${shown(declared)} is not a batch shape such as [null, 28, 28, 1]`); break; }
        const shape = declared.slice(1);
        if (shape.some((d) => d === null)) reject('inputs with unknown dimensions (other than the batch) are not supported');
        else if (!shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 1)) reject(`its input shape ${shown(declared)} has a dimension that is not a whole number of at least 1`);
        else put('Input', { shape: shape as number[] });
        break;
      }
      case 'Dense': {
        const a = act(c.activation);
        if (a === null) { reject(`activation ${shown(c.activation)} is not supported`); break; }
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
        if (a === null) { reject(`activation ${shown(c.activation)} is not supported`); break; }
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
          if (a === 'none' && ins.length === 1) { nodeOf.set(l.name, ins[0]); break; }
          if (a === 'none') { reject('a linear Activation needs exactly one input'); break; }
          reject(`activation ${shown(c.activation)} is not supported`);
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
