/**
 * Our side of the engine benchmark: training throughput, GEMM GFLOP/s and memory over a long run,
 * measured on the WebAssembly kernels and the engine runtime.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Kernels } from '../engine/kernels/api';
import type * as KernelsModule from '../engine/kernels/index';
import type * as RuntimeModule from '../engine/runtime/index';
import type { BenchModelName, Measurement, SyntheticData, TimingOptions } from './engineModels';
import { BATCH, IMAGE_SIZE, batchStarts, benchProgram, describeError, samplesPerSecond, timeRepeats } from './engineModels';
import type { GemmShape } from './peers/torch';

/** The two entry points the benchmark needs from the engine (typed from the modules, loaded lazily). */
interface Engine {
  createKernels: typeof KernelsModule.createKernels;
  buildModel: typeof RuntimeModule.buildModel;
}

/** Loads the engine, or says why it cannot be loaded (the suite then reports our figures as n/a). */
export async function loadEngine(): Promise<Engine | string> {
  // Loaded at run time so that a missing or broken engine becomes "n/a" in the report, not a crash of every suite.
  try {
    const kernels = (await import('../engine/kernels/index')) as Partial<typeof KernelsModule>;
    const runtime = (await import('../engine/runtime/index')) as Partial<typeof RuntimeModule>;
    if (typeof kernels.createKernels !== 'function') return 'engine not built: engine/kernels/index has no createKernels';
    if (typeof runtime.buildModel !== 'function') return 'engine not built: engine/runtime/index has no buildModel';
    return { createKernels: kernels.createKernels, buildModel: runtime.buildModel };
  } catch (err) {
    return `engine not built: ${describeError(err)}`;
  }
}

/** Kernels with `threads` threads, disposed (workers ended) after `use` finishes. */
async function withKernels<T>(engine: Engine, threads: number, use: (kernels: Kernels) => Promise<T>): Promise<T> {
  const kernels = await engine.createKernels({ threads });
  try {
    return await use(kernels);
  } finally {
    kernels.dispose(); // ends the worker threads, which would otherwise keep the process alive
  }
}

/** A model of `model` on `kernels` and a function running `steps` training steps over the pool's batches. */
function trainer(engine: Engine, kernels: Kernels, model: BenchModelName, data: SyntheticData) {
  const net = engine.buildModel(benchProgram(model), kernels, { seed: 42 });
  const batches = batchStarts(data).map((start) => ({
    inputs: [data.images.subarray(start * IMAGE_SIZE, (start + BATCH) * IMAGE_SIZE)],
    targets: data.labels.subarray(start, start + BATCH),
    size: BATCH,
  }));
  let next = 0;
  let loss = NaN;
  const runSteps = (steps: number): void => {
    for (let i = 0; i < steps; i++) loss = net.trainStep(batches[next++ % batches.length]);
  };
  return { net, runSteps, lastLoss: () => loss };
}

/** Our training throughput (samples/s per repeat) for `model` with `threads` kernel threads. */
export async function oursTrainThroughput(engine: Engine, model: BenchModelName, threads: number, data: SyntheticData, timing: TimingOptions): Promise<Measurement> {
  try {
    return await withKernels(engine, threads, async (kernels) => {
      const { net, runSteps, lastLoss } = trainer(engine, kernels, model, data);
      try {
        const timed = await timeRepeats(runSteps, timing);
        if (!Number.isFinite(lastLoss())) return { ok: false, reason: `training diverged (loss ${lastLoss()})` };
        return { ok: true, repeats: samplesPerSecond(timed), note: `${kernels.name}, ${kernels.threads} thread(s), ${timed.stepsPerRepeat} steps/repeat` };
      } finally {
        net.dispose();
      }
    });
  } catch (err) {
    return { ok: false, reason: describeError(err) };
  }
}

/** Our GEMM GFLOP/s per repeat for each shape, with `threads` kernel threads. */
export async function oursGemmGflops(engine: Engine, shapes: GemmShape[], threads: number, timing: TimingOptions): Promise<Measurement[]> {
  try {
    return await withKernels(engine, threads, async (kernels) => {
      const results: Measurement[] = [];
      for (const { m, n, k, transA } of shapes) {
        const a = kernels.alloc(m * k * 4);
        const b = kernels.alloc(k * n * 4);
        const c = kernels.alloc(m * n * 4);
        const heap = kernels.f32(); // taken after the allocations, which may grow memory
        for (const [ptr, len] of [[a, m * k], [b, k * n]] as const) {
          for (let i = 0; i < len; i++) heap[ptr / 4 + i] = Math.random() - 0.5;
        }
        // Stored as the runtime stores it: op(A) = Aᵀ reads a K×M row-major matrix (lda = M).
        const lda = transA ? m : k;
        const timed = await timeRepeats((steps) => {
          for (let i = 0; i < steps; i++) kernels.gemm(transA, false, m, n, k, 1, a, lda, b, n, 0, c, n);
        }, timing);
        results.push({ ok: true, repeats: timed.seconds.map((s) => (2 * m * n * k * timed.stepsPerRepeat) / s / 1e9), note: `${kernels.name}, ${kernels.threads} thread(s)` });
        kernels.free(c);
        kernels.free(b);
        kernels.free(a);
      }
      return results;
    });
  } catch (err) {
    const reason = describeError(err);
    return shapes.map(() => ({ ok: false, reason }));
  }
}

/** Memory figures at one point of a training run. */
export interface MemorySnapshot {
  steps: number;
  /** Bytes our kernels' allocator has handed out. */
  allocatedBytes: number;
  /** Size of the WebAssembly memory (it only ever grows). */
  wasmMemoryBytes: number;
  /** V8 heap in use after a full garbage collection. */
  heapUsedBytes: number;
}

/** A full garbage collection, so heapUsed measures what is live rather than what is not yet collected. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** Trains the MLP for `lateSteps` steps, recording memory after `earlySteps` and at the end. */
export async function oursMemoryOverRun(engine: Engine, threads: number, data: SyntheticData, earlySteps: number, lateSteps: number): Promise<{ early: MemorySnapshot; late: MemorySnapshot; seconds: number } | string> {
  try {
    return await withKernels(engine, threads, async (kernels) => {
      const { net, runSteps } = trainer(engine, kernels, 'mlp', data);
      const snapshot = (steps: number): MemorySnapshot => {
        collectGarbage();
        return { steps, allocatedBytes: kernels.allocatedBytes(), wasmMemoryBytes: kernels.memory.buffer.byteLength, heapUsedBytes: process.memoryUsage().heapUsed };
      };
      try {
        const t0 = performance.now();
        runSteps(earlySteps);
        const early = snapshot(earlySteps);
        runSteps(lateSteps - earlySteps);
        const late = snapshot(lateSteps);
        return { early, late, seconds: (performance.now() - t0) / 1000 };
      } finally {
        net.dispose();
      }
    });
  } catch (err) {
    return `engine failed: ${describeError(err)}`;
  }
}
