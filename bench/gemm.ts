/**
 * GEMM throughput of the WebAssembly kernels at 1 and 2 threads.
 * Run: npx tsx bench/gemm.ts
 * Prints, per shape and thread count, the median of 7 repeats of: GFLOP/s by wall clock, and
 * GFLOP per second of CPU time consumed by the process (all threads). On a machine shared with
 * other work the wall-clock figure drops while the CPU-time figure still shows kernel efficiency.
 */
import type { Kernels } from '../engine/kernels/api';
import { createKernels } from '../engine/kernels/index';

interface Shape {
  label: string;
  M: number;
  N: number;
  K: number;
  transA?: boolean;
  transB?: boolean;
}

const shapes: Shape[] = [
  { label: 'square 256', M: 256, N: 256, K: 256 },
  { label: 'square 512', M: 512, N: 512, K: 512 },
  { label: 'square 1024', M: 1024, N: 1024, K: 1024 },
  { label: 'MLP fwd 64x784 . 784x128', M: 64, N: 128, K: 784 },
  { label: 'MLP fwd 64x128 . 128x10', M: 64, N: 10, K: 128 },
  { label: 'MLP dW1 784x64 . 64x128 (transA)', M: 784, N: 128, K: 64, transA: true },
  { label: 'MLP dX2 64x10 . 10x128 (transB)', M: 64, N: 128, K: 10, transB: true },
  { label: 'conv 3x3 1->32 on 28x28, batch 64', M: 64 * 784, N: 32, K: 9 },
  { label: 'conv 3x3 32->64 on 28x28, batch 64', M: 64 * 784, N: 64, K: 288 },
];

const REPEATS = 7;
const MIN_MS = 150;

interface Rates {
  wall: number;
  cpu: number;
}

const median = (values: number[]): number => [...values].sort((x, y) => x - y)[values.length >> 1];

function measure(k: Kernels, s: Shape): Rates {
  const a = k.alloc(s.M * s.K * 4);
  const b = k.alloc(s.K * s.N * 4);
  const c = k.alloc(s.M * s.N * 4);
  const f = k.f32();
  for (let i = 0; i < s.M * s.K; i++) f[(a >> 2) + i] = Math.random() - 0.5;
  for (let i = 0; i < s.K * s.N; i++) f[(b >> 2) + i] = Math.random() - 0.5;
  const lda = s.transA ? s.M : s.K;
  const ldb = s.transB ? s.K : s.N;
  const run = () => k.gemm(!!s.transA, !!s.transB, s.M, s.N, s.K, 1, a, lda, b, ldb, 0, c, s.N);
  for (let i = 0; i < 3; i++) run(); // warm up (lets the engine tier up to optimised code)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    let calls = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let elapsed: number;
    do {
      run();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < MIN_MS);
    const used = process.cpuUsage(cpuStart);
    const flops = 2 * s.M * s.N * s.K * calls;
    wall.push(flops / (elapsed * 1e6));
    cpu.push(flops / ((used.user + used.system) * 1e3));
  }
  k.free(a);
  k.free(b);
  k.free(c);
  return { wall: median(wall), cpu: median(cpu) };
}

const kernels = [await createKernels({ threads: 1 }), await createKernels({ threads: 2 })];
const columns = kernels.map((k) => `${k.threads}T wall   ${k.threads}T cpu`.padStart(20)).join(' ');
console.log(`${'shape (GFLOP/s, median of 7)'.padEnd(38)} ${columns}`);
for (const s of shapes) {
  const cells = kernels.map((k) => {
    const { wall, cpu } = measure(k, s);
    return `${wall.toFixed(1).padStart(9)} ${cpu.toFixed(1).padStart(10)}`;
  });
  console.log(`${s.label.padEnd(38)} ${cells.join(' ')}`);
}
for (const k of kernels) k.dispose();
