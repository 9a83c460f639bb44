/**
 * Per-kernel time of one training step of the reference CNN (or MLP), batch 64, Adam.
 * Not a unit test: `npx tsx test/engine/kernels/profileKernels.ts [threads] [cnn|mlp]`.
 * Each kernel call is timed on the calling thread (wall) and in process CPU time; every figure
 * is the best over the steps (the step least disturbed by other work on a shared machine).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createKernels } from '../../../engine/kernels';
import type { Kernels } from '../../../engine/kernels/api';
import type { Program } from '../../../engine/model';
import { buildModel } from '../../../engine/runtime';
import { chain, randomArray, randomLabels } from '../runtime/helpers';

const BATCH = 64;
const STEPS = 30;

const programs: Record<string, () => Program> = {
  cnn: () =>
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
    ),
  mlp: () =>
    chain(
      [
        ['in', 'Input', { shape: [784] }],
        ['hidden', 'Dense', { units: 128, activation: 'relu' }],
        ['logits', 'Dense', { units: 10 }],
        ['out', 'Output'],
      ],
      { batchSize: BATCH },
    ),
};

interface Tally {
  calls: number;
  wall: number;
  cpu: number;
}

/** Wraps every kernel method so its calls are counted and timed into `tallies`. */
function timed(k: Kernels, tallies: Map<string, Tally>): Kernels {
  const wrapped: Record<string, unknown> = {};
  for (const key of Object.keys(k) as (keyof Kernels)[]) {
    const value = k[key];
    if (typeof value !== 'function' || key === 'f32' || key === 'i32' || key === 'alloc' || key === 'free') {
      wrapped[key] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    wrapped[key] = (...args: unknown[]) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const result = fn(...args);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const g = args[0] as { inC?: number; channels?: number } | undefined;
      const label = typeof g === 'object' && g !== null ? `${key} (C=${g.inC ?? g.channels})` : key;
      const t = tallies.get(label) ?? { calls: 0, wall: 0, cpu: 0 };
      t.calls++;
      t.wall += wall;
      t.cpu += (cpu.user + cpu.system) / 1000;
      tallies.set(label, t);
      return result;
    };
  }
  return wrapped as unknown as Kernels;
}

/** CPU nanoseconds each thread of this process has run (Linux /proc; empty elsewhere). */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync('/proc/self/task')) return out;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      out.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // the thread exited meanwhile
    }
  }
  return out;
}

async function main(): Promise<void> {
  const threads = Number(process.argv[2] ?? 1);
  const which = process.argv[3] ?? 'cnn';
  const program = programs[which]();
  const base = await createKernels({ threads });
  const tallies = new Map<string, Tally>();
  const model = buildModel(program, timed(base, tallies), { seed: 1 });
  const inputSize = program.nodes[0].outputShape.reduce((a, b) => a * b, 1);
  const batch = { inputs: [randomArray(BATCH * inputSize, 11)], targets: randomLabels(BATCH, 10, 100), size: BATCH };
  for (let i = 0; i < 5; i++) model.trainStep(batch);
  // Busy time of each thread over some untimed steps: with the work split evenly, the busiest
  // thread's time per step is what a step would take on an otherwise idle machine.
  const before = threadCpu();
  for (let i = 0; i < STEPS; i++) model.trainStep(batch);
  const busy = [...threadCpu()].map(([tid, ns]) => (ns - (before.get(tid) ?? 0)) / 1e6 / STEPS).filter((ms) => ms > 0.05).sort((a, b) => b - a);
  const best = new Map<string, Tally>();
  let bestWall = Infinity;
  let bestCpu = Infinity;
  for (let i = 0; i < STEPS; i++) {
    tallies.clear();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    model.trainStep(batch);
    bestWall = Math.min(bestWall, performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    for (const [name, t] of tallies) {
      const b = best.get(name);
      best.set(name, b ? { calls: t.calls, wall: Math.min(b.wall, t.wall), cpu: Math.min(b.cpu, t.cpu) } : { ...t });
    }
  }
  const rows = [...best.entries()].sort((a, b) => b[1].cpu - a[1].cpu);
  const kernelCpu = rows.reduce((sum, [, t]) => sum + t.cpu, 0);
  console.log(`${which} ${base.name} threads ${base.threads}: step ${bestWall.toFixed(2)} ms wall, ${bestCpu.toFixed(2)} ms CPU (kernels ${kernelCpu.toFixed(2)} ms CPU)`);
  if (busy.length) console.log(`  busy per thread and step (mean): ${busy.map((ms) => ms.toFixed(2)).join(', ')} ms`);
  for (const [name, t] of rows) {
    console.log(`  ${name.padEnd(34)} ${String(t.calls).padStart(3)} calls  ${t.wall.toFixed(3).padStart(8)} ms wall  ${t.cpu.toFixed(3).padStart(8)} ms CPU`);
  }
  model.dispose();
  base.dispose();
  process.exit(0);
}

void main();
