/**
 * TensorFlow.js peer of the engine benchmark: training throughput of the benchmark models on the
 * wasm backend (XNNPACK; single-threaded in Node) and the pure-JS cpu backend, and matMul GFLOP/s.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';
import type { BenchModelName, Measurement, SyntheticData, TimingOptions } from '../engineModels';
import { BATCH, CLASSES, IMAGE_SIZE, batchStarts, describeError, samplesPerSecond, timeRepeats } from '../engineModels';

export type TfjsBackend = 'wasm' | 'cpu';

/** The benchmark models, layer for layer as bench/engineModels.ts builds them. */
function buildModel(model: BenchModelName): tf.Sequential {
  const net = tf.sequential();
  switch (model) {
    case 'mlp':
      net.add(tf.layers.dense({ inputShape: [IMAGE_SIZE], units: 128, activation: 'relu' }));
      net.add(tf.layers.dense({ units: CLASSES }));
      return net;
    case 'cnn':
      net.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
      net.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      net.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
      net.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      net.add(tf.layers.flatten());
      net.add(tf.layers.dense({ units: 128, activation: 'relu' }));
      net.add(tf.layers.dense({ units: CLASSES }));
      return net;
    default: {
      const unknown: never = model;
      throw new Error(`unknown benchmark model ${String(unknown)}`);
    }
  }
}

/** Switches TF.js to `backend`; resolves false (with the reason) when it cannot initialise. */
async function useBackend(backend: TfjsBackend): Promise<string | null> {
  try {
    const ok = await tf.setBackend(backend);
    await tf.ready();
    return ok && tf.getBackend() === backend ? null : `backend ${backend} did not initialise`;
  } catch (err) {
    return `backend ${backend} failed: ${describeError(err)}`;
  }
}

/**
 * Training throughput (samples/s per repeat) of `model` on `backend`. Each step is Adam on
 * softmax cross-entropy from logits against one-hot labels (the same loss as sparse CE), and reads
 * the loss back, as a training loop that reports it does. A missing kernel becomes "n/a".
 */
export async function tfjsTrainThroughput(model: BenchModelName, backend: TfjsBackend, data: SyntheticData, timing: TimingOptions): Promise<Measurement> {
  const failure = await useBackend(backend);
  if (failure) return { ok: false, reason: failure };
  const shape = model === 'mlp' ? [BATCH, IMAGE_SIZE] : [BATCH, 28, 28, 1];
  const batches = batchStarts(data).map((start) => ({
    x: tf.tensor(data.images.subarray(start * IMAGE_SIZE, (start + BATCH) * IMAGE_SIZE), shape),
    y: tf.oneHot(tf.tensor1d(data.labels.subarray(start, start + BATCH), 'int32'), CLASSES),
  }));
  const net = buildModel(model);
  const optimizer = tf.train.adam(1e-3);
  let next = 0;
  const runSteps = (steps: number): void => {
    for (let i = 0; i < steps; i++) {
      const { x, y } = batches[next++ % batches.length];
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, net.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true);
      loss?.dataSync();
      loss?.dispose();
    }
  };
  try {
    runSteps(1); // fails here when the backend lacks a kernel the model needs
    const timed = await timeRepeats(runSteps, timing);
    return { ok: true, repeats: samplesPerSecond(timed), note: `${backend} backend, ${timed.stepsPerRepeat} steps/repeat` };
  } catch (err) {
    return { ok: false, reason: `${backend} backend cannot train it: ${describeError(err)}` };
  } finally {
    optimizer.dispose();
    net.dispose();
    for (const b of batches) tf.dispose([b.x, b.y]);
  }
}

/** GFLOP/s per repeat of tf.matMul on `backend` for op(A)·B with op(A) M×K (transposed storage when transA). */
export async function tfjsGemmGflops(backend: TfjsBackend, m: number, n: number, k: number, transA: boolean, timing: TimingOptions): Promise<Measurement> {
  const failure = await useBackend(backend);
  if (failure) return { ok: false, reason: failure };
  const a = tf.randomUniform(transA ? [k, m] : [m, k]);
  const b = tf.randomUniform([k, n]);
  try {
    const timed = await timeRepeats((steps) => {
      for (let i = 0; i < steps; i++) {
        const c = tf.matMul(a, b, transA, false);
        c.dataSync();
        c.dispose();
      }
    }, timing);
    return { ok: true, repeats: timed.seconds.map((s) => (2 * m * n * k * timed.stepsPerRepeat) / s / 1e9), note: `${backend} backend` };
  } catch (err) {
    return { ok: false, reason: describeError(err) };
  } finally {
    tf.dispose([a, b]);
  }
}

/** Parameter count of each TF.js layer that has parameters, in order (built on the cpu backend). */
export async function tfjsLayerParameterCounts(model: BenchModelName): Promise<number[]> {
  await useBackend('cpu');
  const net = buildModel(model);
  try {
    return net.layers.map((layer) => layer.countParams()).filter((count) => count > 0);
  } finally {
    net.dispose();
  }
}

/** The TF.js version, for the report. */
export const tfjsVersion: string = tf.version.tfjs;
