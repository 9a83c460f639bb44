/**
 * Training throughput of the reference MLP and CNN (batch 64, Adam) on the WebAssembly kernels.
 * Not a unit test: run with `npx tsx test/engine/runtime/measureThroughput.ts [threads...]`.
 */
import { createKernels } from '../../../engine/kernels';
import type { Program } from '../../../engine/model';
import { buildModel } from '../../../engine/runtime';
import { chain, randomArray, randomLabels } from './helpers';

const BATCH = 64;

const mlp = (): Program =>
  chain(
    [
      ['in', 'Input', { shape: [784] }],
      ['hidden', 'Dense', { units: 128, activation: 'relu' }],
      ['logits', 'Dense', { units: 10 }],
      ['out', 'Output'],
    ],
    { batchSize: BATCH },
  );

const cnn = (): Program =>
  chain(
    [
      ['in', 'Input', { shape: [28, 28, 1] }],
      ['conv1', 'Conv2D', { filters: 32, kernelSize: 3, activation: 'relu' }],
      ['pool1', 'MaxPool2D', { poolSize: 2, strides: 2 }],
      ['conv2', 'Conv2D', { filters: 64, kernelSize: 3, activation: 'relu' }],
      ['pool2', 'MaxPool2D', { poolSize: 2, strides: 2 }],
      ['flat', 'Flatten'],
      ['hidden', 'Dense', { units: 128, activation: 'relu' }],
      ['logits', 'Dense', { units: 10 }],
      ['out', 'Output'],
    ],
    { batchSize: BATCH },
  );

async function measure(name: string, program: Program, threads: number, stepsPerRound: number, rounds: number): Promise<void> {
  const kernels = await createKernels({ threads });
  const model = buildModel(program, kernels, { seed: 1 });
  const inputSize = program.nodes[0].outputShape.reduce((a, b) => a * b, 1);
  const batches = Array.from({ length: 8 }, (_, i) => ({
    inputs: [randomArray(BATCH * inputSize, 11 + i)],
    targets: randomLabels(BATCH, 10, 100 + i),
    size: BATCH,
  }));
  for (let i = 0; i < stepsPerRound; i++) model.trainStep(batches[i % batches.length]);
  const rates: number[] = [];
  // Per CPU-second of this process (all its threads): on a shared, busy machine this shows what
  // the wall clock would on an idle one, for one thread.
  const cpuRates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < stepsPerRound; i++) model.trainStep(batches[i % batches.length]);
    const cpu = process.cpuUsage(c0);
    rates.push((stepsPerRound * BATCH) / ((performance.now() - t0) / 1000));
    cpuRates.push((stepsPerRound * BATCH) / ((cpu.user + cpu.system) / 1e6));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (v: number) => Math.round(v).toLocaleString('en');
  console.log(
    `${name.padEnd(4)} ${kernels.name.padEnd(18)} threads ${kernels.threads}: ${fmt(median(rates))} samples/s wall ` +
      `(median of ${rounds} x ${stepsPerRound} steps; best ${fmt(Math.max(...rates))}); ${fmt(median(cpuRates))} samples per CPU-second`,
  );
  model.dispose();
  (kernels as { dispose?: () => void }).dispose?.();
}

async function main(): Promise<void> {
  const threadCounts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const threads of threadCounts.length ? threadCounts : [1, 2]) {
    await measure('MLP', mlp(), threads, 200, 11);
    await measure('CNN', cnn(), threads, 10, 7);
  }
  process.exit(0);
}

void main();
