/**
 * Small models covering every exportable layer kind, activation and merge, with trained-looking
 * weights (random, BatchNorm statistics included), and our engine's predictions to compare against.
 */
import { compileGraph, createEmptyDocument, defaultParams, edgeIdFor } from '../../../engine/model';
import type { LayerType, ModelDocument, Program } from '../../../engine/model';
import { createReferenceKernels } from '../../../engine/kernels/reference';
import type { Kernels } from '../../../engine/kernels/api';
import { buildModel } from '../../../engine/runtime';
import type { ExportableModel } from '../../../engine/interop';

type Spec = [id: string, type: LayerType, params?: Record<string, unknown>];
type Link = [string, string, number?];

/** Builds a document from layer specs and [source, target, port?] connections. */
export function buildDoc(name: string, layers: Spec[], links: Link[]): ModelDocument {
  const doc = createEmptyDocument(name);
  doc.nodes = layers.map(([id, type, params], i) => ({
    id,
    type,
    params: { ...defaultParams(type), ...((params ?? {}) as object) },
    position: { x: 0, y: i * 100 },
  }));
  doc.edges = links.map(([source, target, port = 0]) => ({ id: edgeIdFor(source, target, port), source, target, targetPort: port }));
  return doc;
}

function chainLinks(ids: string[]): Link[] {
  return ids.slice(1).map((id, i) => [ids[i], id]);
}

function chain(name: string, layers: Spec[]): ModelDocument {
  return buildDoc(name, layers, chainLinks(layers.map((l) => l[0])));
}

/** The models every format is checked on; between them every layer kind and activation appears. */
export function fixtureDocuments(): ModelDocument[] {
  return [
    chain('mlp', [
      ['in', 'Input', { shape: [6] }],
      ['d1', 'Dense', { units: 16, activation: 'relu' }],
      ['drop', 'Dropout', { rate: 0.3 }],
      ['d2', 'Dense', { units: 8, activation: 'gelu' }],
      ['bn', 'BatchNorm', { momentum: 0.2, epsilon: 1e-3 }],
      ['d3', 'Dense', { units: 8, activation: 'silu' }],
      ['ln', 'LayerNorm', { epsilon: 1e-4 }],
      ['leaky', 'Activation', { activation: 'leakyRelu', negativeSlope: 0.2 }],
      ['d4', 'Dense', { units: 7, activation: 'elu' }],
      ['elu', 'Activation', { activation: 'elu', alpha: 0.7 }],
      ['d5', 'Dense', { units: 6, activation: 'tanh', useBias: false }],
      ['d6', 'Dense', { units: 5, activation: 'sigmoid' }],
      ['d7', 'Dense', { units: 4 }],
      ['out', 'Output', { loss: 'sparseCategoricalCrossentropy' }],
    ]),
    chain('cnn', [
      ['img', 'Input', { shape: [9, 9, 2] }],
      ['c1', 'Conv2D', { filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }],
      ['p1', 'MaxPool2D', { poolSize: 2, strides: 2, padding: 'same' }],
      ['c2', 'Conv2D', { filters: 3, kernelSize: 2, padding: 'same', dilation: 2, activation: 'tanh' }],
      ['bn', 'BatchNorm', {}],
      ['p2', 'AvgPool2D', { poolSize: 2, strides: 1, padding: 'same' }],
      ['c3', 'Conv2D', { filters: 5, kernelSize: 2, strides: 2, padding: 'valid', activation: 'gelu' }],
      ['act', 'Activation', { activation: 'silu' }],
      ['flat', 'Flatten'],
      ['d', 'Dense', { units: 3 }],
      ['out', 'Output', { loss: 'categoricalCrossentropy' }],
    ]),
    buildDoc(
      'residual',
      [
        ['x', 'Input', { shape: [8, 8, 1] }],
        ['stem', 'Conv2D', { filters: 4, kernelSize: 3, padding: 'same', activation: 'elu' }],
        ['branch', 'Conv2D', { filters: 4, kernelSize: 3, padding: 'same', activation: 'sigmoid' }],
        ['sum', 'Add'],
        ['act', 'Activation', { activation: 'leakyRelu', negativeSlope: 0.1 }],
        ['cat', 'Concatenate'],
        ['pool', 'AvgPool2D', { poolSize: 3, strides: 2, padding: 'valid' }],
        ['gap', 'GlobalAvgPool2D'],
        ['head', 'Dense', { units: 1 }],
        ['out', 'Output', { loss: 'binaryCrossentropy' }],
      ],
      [
        ['x', 'stem'],
        ['stem', 'branch'],
        ['stem', 'sum', 0],
        ['branch', 'sum', 1],
        ['sum', 'act'],
        ['act', 'cat', 0],
        ['stem', 'cat', 1],
        ['cat', 'pool'],
        ['pool', 'gap'],
        ['gap', 'head'],
        ['head', 'out'],
      ],
    ),
    chain('reshaped', [
      ['v', 'Input', { shape: [16] }],
      ['r', 'Reshape', { targetShape: [4, -1, 1] }],
      ['c', 'Conv2D', { filters: 2, kernelSize: 2, strides: 2, activation: 'softmax' }],
      ['ln', 'LayerNorm', {}],
      ['m', 'MaxPool2D', { poolSize: 2, strides: 1, padding: 'valid' }],
      ['f', 'Flatten'],
      ['d', 'Dense', { units: 3 }],
      ['sm', 'Activation', { activation: 'softmax' }],
      ['out', 'Output', { loss: 'meanSquaredError' }],
    ]),
    chain('sequence', [
      ['s', 'Input', { shape: [5, 3] }],
      ['bn', 'BatchNorm', {}],
      ['act', 'Activation', { activation: 'gelu' }],
      ['f', 'Flatten'],
      ['d', 'Dense', { units: 2 }],
      ['out', 'Output', { loss: 'huber' }],
    ]),
    buildDoc(
      'two-inputs',
      [
        ['a', 'Input', { shape: [4] }],
        ['b', 'Input', { shape: [3] }],
        ['da', 'Dense', { units: 5, activation: 'relu' }],
        ['cat', 'Concatenate'],
        ['sum', 'Dense', { units: 3 }],
        ['out', 'Output', { loss: 'klDivergence' }],
      ],
      [
        ['a', 'da'],
        ['da', 'cat', 0],
        ['b', 'cat', 1],
        ['cat', 'sum'],
        ['sum', 'out'],
      ],
    ),
  ];
}

let kernels: Kernels | null = null;

/** The plain-TS reference kernels, created once. */
export function testKernels(): Kernels {
  kernels ??= createReferenceKernels();
  return kernels;
}

/** Deterministic pseudo-random floats in [-scale, scale). */
export function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = ((s / 4294967296) * 2 - 1) * scale;
  }
  return out;
}

export function compile(doc: ModelDocument): Program {
  const result = compileGraph(doc);
  if (!result.ok) throw new Error(`${doc.name} does not compile: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.program;
}

/** Weights as after training: every value random (running variances positive), so no export can pass by luck. */
export function trainedWeights(doc: ModelDocument, seed = 7): Record<string, Float32Array> {
  const model = buildModel(compile(doc), testKernels(), { seed });
  try {
    const weights = model.getWeights();
    let i = 0;
    for (const name of Object.keys(weights).sort()) {
      const r = randomArray(weights[name].length, seed * 1000 + ++i, 0.6);
      weights[name] = name.endsWith('/runningVar') ? r.map((v) => 0.5 + Math.abs(v)) : name.endsWith('/gamma') ? r.map((v) => 1 + v) : r;
    }
    return weights;
  } finally {
    model.dispose();
  }
}

/** A fixture as an exportable (trained) model. */
export function exportable(doc: ModelDocument, seed = 7): ExportableModel {
  return { document: doc, weights: trainedWeights(doc, seed) };
}

/** One input array per program input, `n` samples each. */
export function sampleInputs(program: Program, n: number, seed = 99): Float32Array[] {
  return program.inputs.map((id, i) => {
    const node = program.nodes.find((p) => p.id === id)!;
    return randomArray(n * node.outputShape.reduce((a, b) => a * b, 1), seed + i, 1.5);
  });
}

/** Our engine's predictions for the model's first output. */
export function enginePredictions(model: ExportableModel, inputs: Float32Array[], n: number): Float32Array {
  const built = buildModel(compile(model.document), testKernels(), { seed: 1 });
  try {
    built.setWeights(model.weights);
    return built.predict(inputs, n);
  } finally {
    built.dispose();
  }
}

/** Largest absolute difference between two arrays of one length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
