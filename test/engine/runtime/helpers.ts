/** Shared helpers for the runtime tests: compile small graphs, make data, check gradients. */
import { compileGraph, createEmptyDocument, defaultParams, edgeIdFor } from '../../../engine/model';
import type { DocumentNode, LayerType, ParamValue, Program, TrainingConfig } from '../../../engine/model';
import type { Kernels } from '../../../engine/kernels/api';
import { createKernels } from '../../../engine/kernels';
import { createReferenceKernels } from '../../../engine/kernels/reference';
import type { Batch, Model } from '../../../engine/runtime';

export type LayerSpec = [id: string, type: LayerType, params?: Record<string, ParamValue>];
export type Link = [source: string, target: string, port?: number];

let referenceKernels: Kernels | null = null;

/** The plain-TS reference kernels, created once per test file. */
export function reference(): Kernels {
  referenceKernels ??= createReferenceKernels();
  return referenceKernels;
}

let wasmKernels: Promise<Kernels[]> | null = null;

/** The kernel implementations numerics are checked on: the reference, and the WebAssembly builds (1 and 2 threads). */
export function allKernels(): Promise<Kernels[]> {
  wasmKernels ??= Promise.all([createKernels({ threads: 1 }), createKernels({ threads: 2 })]);
  return wasmKernels.then((wasm) => [reference(), ...wasm]);
}

/** Compiles layers + links into a Program (throws with the issues when the graph is invalid). */
export function compile(layers: LayerSpec[], links: Link[], training: Partial<TrainingConfig> = {}): Program {
  const doc = createEmptyDocument('test');
  doc.nodes = layers.map(([id, type, params], i) => ({
    id,
    type,
    params: { ...defaultParams(type), ...(params ?? {}) } as DocumentNode['params'],
    position: { x: 0, y: i * 100 },
  }));
  doc.edges = links.map(([source, target, port = 0]) => ({ id: edgeIdFor(source, target, port), source, target, targetPort: port }));
  doc.training = { ...doc.training, ...training };
  const result = compileGraph(doc);
  if (!result.ok) throw new Error(`Graph does not compile: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.program;
}

/** A chain of layers, each feeding the next. */
export function chain(layers: LayerSpec[], training: Partial<TrainingConfig> = {}): Program {
  const links: Link[] = [];
  for (let i = 1; i < layers.length; i++) links.push([layers[i - 1][0], layers[i][0]]);
  return compile(layers, links, training);
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

/** Deterministic class ids in [0, classes). */
export function randomLabels(n: number, classes: number, seed: number): Int32Array {
  const r = randomArray(n, seed);
  return Int32Array.from(r, (v) => Math.min(classes - 1, Math.floor(((v + 1) / 2) * classes)));
}

/**
 * Compares every analytic gradient with a central finite difference of the training loss,
 * on up to `perWeight` entries of each weight. Returns the worst (|num − ana| − atol) / (rtol·|num|) ratio
 * (≤ 1 passes) and the entries that failed, for a readable assertion.
 */
export function gradientCheck(model: Model, batch: Batch, opts: { eps?: number; atol?: number; rtol?: number; perWeight?: number } = {}) {
  const eps = opts.eps ?? 1e-2;
  const atol = opts.atol ?? 2e-3;
  const rtol = opts.rtol ?? 3e-2;
  const perWeight = opts.perWeight ?? 6;
  const { gradients } = model.computeGradients(batch);
  const weights = model.getWeights();
  const failures: string[] = [];
  let checked = 0;
  for (const [name, grad] of Object.entries(gradients)) {
    const w = weights[name];
    const step = Math.max(1, Math.floor(w.length / perWeight));
    for (let i = 0; i < w.length; i += step) {
      const original = w[i];
      w[i] = original + eps;
      model.setWeights(weights);
      const plus = model.computeGradients(batch).loss;
      w[i] = original - eps;
      model.setWeights(weights);
      const minus = model.computeGradients(batch).loss;
      w[i] = original;
      model.setWeights(weights);
      const numeric = (plus - minus) / (2 * eps);
      checked++;
      if (Math.abs(numeric - grad[i]) > atol + rtol * Math.abs(numeric)) {
        failures.push(`${name}[${i}]: analytic ${grad[i].toExponential(4)} vs numeric ${numeric.toExponential(4)}`);
      }
    }
  }
  return { checked, failures };
}
