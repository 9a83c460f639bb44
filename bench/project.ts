/**
 * Opening a project with runs: five MNIST runs of the MLP template (784-128-10; three epochs of
 * 938 batches each, per-batch metric rows kept), written as the app writes them, then read back the
 * way File › Open does (archive checks, every part validated, runs shaped for the training store).
 * Goal: under a second. Weights are random with the real names and shapes: stored float32 does not
 * compress, so random values size the file as trained ones do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileGraph, parseProject } from '../engine/model';
import type { ModelDocument } from '../engine/model';
import { readProjectFile, writeProjectFile } from '../engine/project';
import type { ProjectRun } from '../engine/project';
import { BATCH_METRIC_STRIDE } from '../engine/training/protocol';
import { weightShapesOf } from '../engine/training/weightShapes';
import { trainingRunOf } from '../renderer/project/projectRuns';
import type { BenchResult, Suite } from './report';
import { median } from './report';

const RUNS = 5;
const EPOCHS = 3;
const BATCHES_PER_EPOCH = 938;

function mlpTemplate(): ModelDocument {
  const file = path.resolve(import.meta.dirname, '../templates/mlp-mnist.json');
  const parsed = parseProject(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.doc;
}

function random(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 0.2;
  }
  return out;
}

/** Five finished runs with the MLP's weights; `withLast` adds a last-epoch copy of every weight. */
export function fiveMnistRuns(doc: ModelDocument, withLast: boolean): { runs: ProjectRun[]; shapes: Record<string, number[]> } {
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error('the MLP template does not compile');
  const shapes = weightShapesOf(compiled.program);
  const weightsOf = (seed: number) => Object.fromEntries(Object.entries(shapes).map(([name, shape], i) => [name, random(shape.reduce((a, b) => a * b, 1), seed * 31 + i)]));
  const rows = EPOCHS * BATCHES_PER_EPOCH;
  const runs = Array.from({ length: RUNS }, (_, r): ProjectRun => {
    const batches = new Float32Array(rows * BATCH_METRIC_STRIDE);
    for (let i = 0; i < rows; i++) batches.set([i + 1, Math.floor(i / BATCHES_PER_EPOCH) + 1, 2 / (1 + i / 100), 0.9, 0.001, 9000], i * BATCH_METRIC_STRIDE);
    return {
      id: `run-bench-${r + 1}`,
      label: `Run ${r + 1}`,
      startedAt: Date.UTC(2026, 0, 1) + r * 60_000,
      document: doc,
      status: 'completed',
      error: null,
      totalEpochs: EPOCHS,
      batchesPerEpoch: BATCHES_PER_EPOCH,
      threads: 2,
      kernels: 'wasm-simd',
      epochs: Array.from({ length: EPOCHS }, (_, e) => ({ epoch: e + 1, trainLoss: 0.3 / (e + 1), trainAccuracy: 0.9 + e / 100, valLoss: 0.25 / (e + 1), valAccuracy: 0.92 + e / 100, learningRate: 0.001, seconds: 6.5 })),
      bestEpoch: EPOCHS,
      batches,
      live: { epoch: EPOCHS, progress: 1, elapsedSeconds: 19.5, samplesPerSecond: 9000 },
      weights: weightsOf(r + 1),
      ...(withLast ? { lastWeights: weightsOf(r + 101) } : {}),
      normalisation: { kind: 'standardise', offset: [0.1307], scale: [1 / 0.3081] },
      classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    };
  });
  return { runs, shapes };
}

function measure(name: string, bytes: Uint8Array): BenchResult {
  const open = () => {
    const read = readProjectFile(bytes, 'bench.netwright');
    if (!read.ok) throw new Error(read.message);
    return read.runs.map(trainingRunOf);
  };
  for (let i = 0; i < 3; i++) open(); // warm up the JIT
  const repeats: number[] = [];
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    open();
    repeats.push(performance.now() - t0);
  }
  return {
    suite: 'project',
    name,
    unit: 'ms',
    value: median(repeats),
    repeats,
    goal: '< 1000 ms',
    higherIsBetter: false,
    note: `file: ${(bytes.length / 1024 / 1024).toFixed(2)} MiB (${bytes.length.toLocaleString('en-US')} bytes)`,
  };
}

export const projectSuite: Suite = {
  description: 'opening a project file holding five MNIST MLP runs (archive read, validated, runs restored)',
  async run() {
    const doc = mlpTemplate();
    const results: BenchResult[] = [];
    for (const withLast of [false, true]) {
      const { runs } = fiveMnistRuns(doc, withLast);
      const t0 = performance.now();
      const bytes = writeProjectFile(doc, runs);
      const writeMs = performance.now() - t0;
      const result = measure(`open 5 MNIST MLP runs${withLast ? ' (best and last weights)' : ''}`, bytes);
      result.note = `${result.note}; written in ${writeMs.toFixed(0)} ms`;
      results.push(result);
    }
    return results;
  },
};
