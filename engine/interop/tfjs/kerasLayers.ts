/**
 * Our graph as Keras layers: the plan both the TensorFlow.js model.json and the generated tf.keras
 * code are written from. Keras is channels-last like us, so kernels keep their layout (Dense [in, out],
 * Conv2D HWIO) and only BatchNorm's momentum flips (Keras weighs the old statistics: 1 − ours).
 */
import { activationConstants, predictionActivation, prepareModel, safeName, uniqueSafeNames } from '../graph';
import type { ProgramNode } from '../../model/program';
import type { ExportableModel } from '../types';
import { InteropError } from '../types';

/** One weight in Keras' order for its layer, named `${layer}/${kerasName}`. */
export interface KerasWeight {
  name: string;
  /** The Netwright weight name it comes from. */
  source: string;
  shape: number[];
  values: Float32Array;
}

export interface KerasLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
  /** Names of the layers feeding this one, in port order. */
  inbound: string[];
  weights: KerasWeight[];
}

export interface KerasModelPlan {
  name: string;
  layers: KerasLayer[];
  inputs: string[];
  outputs: string[];
}

/** A Keras activation identifier for our element-wise activation names (leakyRelu needs its own layer). */
function kerasActivation(name: string): string | null {
  switch (name) {
    case 'none':
      return 'linear';
    case 'relu':
    case 'sigmoid':
    case 'tanh':
    case 'elu':
    case 'softmax':
    case 'gelu':
      return name;
    case 'silu':
      return 'swish';
    case 'leakyRelu':
      return null;
    default:
      throw new InteropError(`Unknown activation "${name}".`);
  }
}

function activationLayer(name: string, act: string, node: ProgramNode, inbound: string): KerasLayer {
  const { negativeSlope, alpha } = activationConstants(node);
  if (act === 'leakyRelu') return { className: 'LeakyReLU', name, config: { name, alpha: negativeSlope }, inbound: [inbound], weights: [] };
  if (act === 'elu' && alpha !== 1) return { className: 'ELU', name, config: { name, alpha }, inbound: [inbound], weights: [] };
  return { className: 'Activation', name, config: { name, activation: kerasActivation(act) }, inbound: [inbound], weights: [] };
}

/** Plans the Keras layers of a model (after checking its weights). */
export function planKerasModel(model: ExportableModel): KerasModelPlan {
  const { program, weights } = prepareModel(model);
  const names = uniqueSafeNames(program.nodes.map((n) => n.id));
  const layers: KerasLayer[] = [];
  /** The Keras layer whose output stands for each of our nodes. */
  const outputOf = new Map<string, string>();
  const taken = new Set(names.values());
  const extraName = (base: string): string => {
    let n = base;
    for (let i = 2; taken.has(n); i++) n = `${base}_${i}`;
    taken.add(n);
    return n;
  };
  const w = (node: ProgramNode, ours: string, layer: string, theirs: string, shape: number[]): KerasWeight => ({
    name: `${layer}/${theirs}`,
    source: `${node.id}/${ours}`,
    shape,
    values: weights[`${node.id}/${ours}`],
  });

  for (const node of program.nodes) {
    const name = names.get(node.id)!;
    const inbound = node.inputs.map((id) => outputOf.get(id)!);
    const add = (layer: KerasLayer): void => {
      layers.push(layer);
      outputOf.set(node.id, layer.name);
    };
    /** Dense / Conv2D: the activation goes inline unless Keras needs a separate layer for it. */
    const withActivation = (className: string, config: Record<string, unknown>, layerWeights: KerasWeight[]): void => {
      const act = node.params.activation as string;
      const inline = kerasActivation(act);
      layers.push({ className, name, config: { name, ...config, activation: inline ?? 'linear' }, inbound, weights: layerWeights });
      outputOf.set(node.id, name);
      if (inline === null) add(activationLayer(extraName(`${name}_activation`), act, node, name));
    };
    const useBias = node.params.useBias !== false;
    switch (node.type) {
      case 'Input':
        add({
          className: 'InputLayer',
          name,
          config: { name, batch_input_shape: [null, ...node.outputShape], dtype: 'float32', sparse: false },
          inbound: [],
          weights: [],
        });
        break;
      case 'Dense': {
        const units = node.params.units as number;
        const ws = [w(node, 'kernel', name, 'kernel', [node.inputShapes[0][0], units])];
        if (useBias) ws.push(w(node, 'bias', name, 'bias', [units]));
        withActivation('Dense', { units, use_bias: useBias }, ws);
        break;
      }
      case 'Conv2D': {
        const k = node.params.kernelSize as number;
        const s = node.params.strides as number;
        const d = node.params.dilation as number;
        const f = node.params.filters as number;
        const ws = [w(node, 'kernel', name, 'kernel', [k, k, node.inputShapes[0][2], f])];
        if (useBias) ws.push(w(node, 'bias', name, 'bias', [f]));
        withActivation(
          'Conv2D',
          { filters: f, kernel_size: [k, k], strides: [s, s], padding: node.params.padding, data_format: 'channels_last', dilation_rate: [d, d], use_bias: useBias },
          ws,
        );
        break;
      }
      case 'MaxPool2D':
      case 'AvgPool2D': {
        const k = node.params.poolSize as number;
        const s = node.params.strides as number;
        const className = node.type === 'MaxPool2D' ? 'MaxPooling2D' : 'AveragePooling2D';
        add({ className, name, config: { name, pool_size: [k, k], strides: [s, s], padding: node.params.padding, data_format: 'channels_last' }, inbound, weights: [] });
        break;
      }
      case 'GlobalAvgPool2D':
        add({ className: 'GlobalAveragePooling2D', name, config: { name, data_format: 'channels_last' }, inbound, weights: [] });
        break;
      case 'Flatten':
        add({ className: 'Flatten', name, config: { name }, inbound, weights: [] });
        break;
      case 'Reshape':
        add({ className: 'Reshape', name, config: { name, target_shape: [...node.outputShape] }, inbound, weights: [] });
        break;
      case 'Dropout':
        add({ className: 'Dropout', name, config: { name, rate: node.params.rate }, inbound, weights: [] });
        break;
      case 'BatchNorm': {
        const c = node.inputShapes[0][node.inputShapes[0].length - 1];
        const ws = [
          w(node, 'gamma', name, 'gamma', [c]),
          w(node, 'beta', name, 'beta', [c]),
          w(node, 'runningMean', name, 'moving_mean', [c]),
          w(node, 'runningVar', name, 'moving_variance', [c]),
        ];
        const config = { name, axis: -1, momentum: 1 - (node.params.momentum as number), epsilon: node.params.epsilon, center: true, scale: true };
        add({ className: 'BatchNormalization', name, config, inbound, weights: ws });
        break;
      }
      case 'LayerNorm': {
        const c = node.inputShapes[0][node.inputShapes[0].length - 1];
        const ws = [w(node, 'gamma', name, 'gamma', [c]), w(node, 'beta', name, 'beta', [c])];
        add({ className: 'LayerNormalization', name, config: { name, axis: -1, epsilon: node.params.epsilon, center: true, scale: true }, inbound, weights: ws });
        break;
      }
      case 'Activation':
        add(activationLayer(name, node.params.activation as string, node, inbound[0]));
        break;
      case 'Add':
        add({ className: 'Add', name, config: { name }, inbound, weights: [] });
        break;
      case 'Concatenate':
        add({ className: 'Concatenate', name, config: { name, axis: -1 }, inbound, weights: [] });
        break;
      case 'Output': {
        // The Output becomes the layer that turns raw outputs into predictions, named after it.
        const post = predictionActivation(node.params.loss as never);
        add({ className: 'Activation', name, config: { name, activation: post ?? 'linear' }, inbound, weights: [] });
        break;
      }
      case 'DepthwiseConv2D':
        throw new InteropError(`Keras export of DepthwiseConv2D lands with its exporter.`);
      default: {
        const unreachable: never = node.type;
        throw new InteropError(`Keras export does not know layer type ${String(unreachable)}.`);
      }
    }
  }
  return {
    name: safeName(model.document.name || 'model'),
    layers,
    inputs: program.inputs.map((id) => outputOf.get(id)!),
    outputs: program.outputs.map((o) => outputOf.get(o.nodeId)!),
  };
}
