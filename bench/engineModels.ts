/**
 * What every framework in the engine benchmark trains: the two benchmark models as model documents,
 * the seeded synthetic MNIST-shaped data they all read, and the one timing procedure they all use.
 */
import { compileGraph, createEmptyDocument, defaultParams } from '../engine/model';
import type { DocumentNode, LayerType, ModelDocument, Program } from '../engine/model';

export type BenchModelName = 'mlp' | 'cnn';

export const BATCH = 64;
export const CLASSES = 10;
export const IMAGE_SIZE = 28 * 28;
/** Samples in the synthetic pool; steps cycle through its batches. */
export const POOL_SAMPLES = 1024;
export const DATA_SEED = 42;

/** The benchmark's training settings for a model document: Adam 1e-3, batch 64, fixed seed. */
function benchDocument(name: string): ModelDocument {
  const doc = createEmptyDocument(name);
  doc.training.optimizer = { type: 'adam', learningRate: 1e-3 };
  doc.training.batchSize = BATCH;
  doc.training.seed = DATA_SEED;
  return doc;
}

/** Appends layers in a chain, each fed by the previous one. */
function chain(doc: ModelDocument, layers: [id: string, type: LayerType, params: DocumentNode['params']][]): void {
  let previous: string | null = null;
  for (const [id, type, params] of layers) {
    doc.nodes.push({ id, type, params: { ...(defaultParams(type) as DocumentNode['params']), ...params }, position: { x: 0, y: doc.nodes.length * 110 } });
    if (previous !== null) doc.edges.push({ id: `e_${previous}_${id}`, source: previous, target: id, targetPort: 0 });
    previous = id;
  }
}

/** 784-128-10 MLP, ReLU, sparse cross-entropy from logits. */
export function mlpDocument(): ModelDocument {
  const doc = benchDocument('bench MLP');
  chain(doc, [
    ['input', 'Input', { shape: [IMAGE_SIZE] }],
    ['hidden', 'Dense', { units: 128, activation: 'relu' }],
    ['logits', 'Dense', { units: CLASSES, activation: 'none' }],
    ['output', 'Output', { loss: 'sparseCategoricalCrossentropy' }],
  ]);
  return doc;
}

/** Conv 32 3×3 ReLU valid, MaxPool 2, Conv 64 3×3 ReLU valid, MaxPool 2, Flatten, Dense 128 ReLU, Dense 10. */
export function cnnDocument(): ModelDocument {
  const doc = benchDocument('bench CNN');
  chain(doc, [
    ['input', 'Input', { shape: [28, 28, 1] }],
    ['conv1', 'Conv2D', { filters: 32, kernelSize: 3, padding: 'valid', activation: 'relu' }],
    ['pool1', 'MaxPool2D', { poolSize: 2, strides: 2, padding: 'valid' }],
    ['conv2', 'Conv2D', { filters: 64, kernelSize: 3, padding: 'valid', activation: 'relu' }],
    ['pool2', 'MaxPool2D', { poolSize: 2, strides: 2, padding: 'valid' }],
    ['flatten', 'Flatten', {}],
    ['dense', 'Dense', { units: 128, activation: 'relu' }],
    ['logits', 'Dense', { units: CLASSES, activation: 'none' }],
    ['output', 'Output', { loss: 'sparseCategoricalCrossentropy' }],
  ]);
  return doc;
}

/** The compiled Program of a benchmark model; throws with the first issue if the document is invalid. */
export function benchProgram(model: BenchModelName): Program {
  const result = compileGraph(model === 'mlp' ? mlpDocument() : cnnDocument());
  if (!result.ok) throw new Error(`benchmark ${model} does not compile: ${result.issues[0].message}`);
  return result.program;
}

/** POOL_SAMPLES images (28×28×1 channels-last = 784 floats each, uniform in [0, 1)) and labels in [0, 10). */
export interface SyntheticData {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/** mulberry32: small, fast and the same sequence everywhere for a seed. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The benchmark data, identical for every framework and every run. */
export function syntheticData(count = POOL_SAMPLES, seed = DATA_SEED): SyntheticData {
  const uniform = seededUniform(seed);
  const images = new Float32Array(count * IMAGE_SIZE);
  for (let i = 0; i < images.length; i++) images[i] = uniform();
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[i] = Math.floor(uniform() * CLASSES);
  return { images, labels, count };
}

/** Start offsets (in samples) of the whole batches of the pool. */
export function batchStarts(data: SyntheticData, batch = BATCH): number[] {
  const starts: number[] = [];
  for (let s = 0; s + batch <= data.count; s += batch) starts.push(s);
  return starts;
}

export interface TimingOptions {
  warmupSeconds: number;
  /** Each timed repeat runs enough steps to last about this long. */
  repeatSeconds: number;
  repeats: number;
  minSteps: number;
}

export const DEFAULT_TIMING: TimingOptions = { warmupSeconds: 0.5, repeatSeconds: 0.6, repeats: 5, minSteps: 3 };

export interface Timed {
  stepsPerRepeat: number;
  /** Wall-clock seconds of each repeat. */
  seconds: number[];
}

/**
 * Warms up (doubling the step count until `warmupSeconds` have passed), sizes a repeat from the last
 * warm-up batch, then times the repeats. bench/peers/torch_common.py follows the same procedure.
 */
export async function timeRepeats(runSteps: (steps: number) => void | Promise<void>, options: TimingOptions = DEFAULT_TIMING): Promise<Timed> {
  let steps = 1;
  let spent = 0;
  const started = performance.now();
  while ((performance.now() - started) / 1000 < options.warmupSeconds || steps < 2) {
    const t0 = performance.now();
    await runSteps(steps);
    spent = (performance.now() - t0) / 1000;
    steps *= 2;
  }
  const perStep = spent / (steps / 2);
  const stepsPerRepeat = Math.max(options.minSteps, Math.round(options.repeatSeconds / perStep));
  const seconds: number[] = [];
  for (let r = 0; r < options.repeats; r++) {
    const t0 = performance.now();
    await runSteps(stepsPerRepeat);
    seconds.push((performance.now() - t0) / 1000);
  }
  return { stepsPerRepeat, seconds };
}

/** Samples per second of each repeat. */
export function samplesPerSecond(timed: Timed, batch = BATCH): number[] {
  return timed.seconds.map((s) => (timed.stepsPerRepeat * batch) / s);
}

/** A peer's or our measurement: per-repeat figures, or the reason there are none. */
export type Measurement = { ok: true; repeats: number[]; note?: string } | { ok: false; reason: string };

/** The message of anything thrown, on one line. */
export function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 200);
}
