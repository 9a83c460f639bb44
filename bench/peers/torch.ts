/**
 * PyTorch peer of the engine benchmark: runs bench/peers/torch_*.py under Debian's python3-torch
 * with OpenBLAS (pthread build) and parses the JSON they print. Missing torch or python means "n/a".
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchModelName, Measurement, SyntheticData, TimingOptions } from '../engineModels';
import { BATCH, DATA_SEED, describeError } from '../engineModels';

/** Debian's interpreter, which has python3-torch; a pyenv python3 earlier on PATH does not. */
const PYTHON = '/usr/bin/python3';
/** Debian's torch links the generic libblas.so.3; this directory makes it resolve to OpenBLAS. */
const OPENBLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
const PEERS_DIR = dirname(fileURLToPath(import.meta.url));

/** How torch was configured in a run, as the peer script reports it. */
export interface TorchEnvironment {
  torch: string;
  threads: number;
  openblasThreads: string | null;
  blas: { kind: string; libraries: string[] };
}

interface TorchReply extends Partial<TorchEnvironment> {
  available: boolean;
  reason?: string;
  samplesPerSecond?: number[];
  stepsPerRepeat?: number;
  parameters?: number[];
  shapes?: { m: number; n: number; k: number; transA: boolean; gflops: number[] }[];
}

/** Runs one peer script with `spec` as its argument; the result is the parsed reply or the reason there is none. */
async function runPeer(script: string, spec: object, openblasThreads: number): Promise<TorchReply> {
  const env = {
    ...process.env,
    LD_LIBRARY_PATH: [OPENBLAS_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    OPENBLAS_NUM_THREADS: String(openblasThreads),
    OMP_NUM_THREADS: String((spec as { threads: number }).threads),
    PYTHONDONTWRITEBYTECODE: '1', // no __pycache__ in the source tree
  };
  return new Promise((resolve) => {
    execFile(PYTHON, [join(PEERS_DIR, script), JSON.stringify(spec)], { env, timeout: 180_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const detail = stderr.trim().split('\n').pop() ?? '';
        resolve({ available: false, reason: `${script} failed: ${describeError(err)}${detail ? ` (${detail})` : ''}` });
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as TorchReply);
      } catch (parseErr) {
        resolve({ available: false, reason: `${script} printed no JSON: ${describeError(parseErr)}` });
      }
    });
  });
}

function environmentOf(reply: TorchReply): TorchEnvironment {
  return { torch: reply.torch ?? '?', threads: reply.threads ?? 0, openblasThreads: reply.openblasThreads ?? null, blas: reply.blas ?? { kind: '?', libraries: [] } };
}

/** Writes the benchmark data where the python side can read the same bytes; call the returned function to delete it. */
export function shareData(data: SyntheticData): { images: string; labels: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-bench-'));
  const images = join(dir, 'images.f32');
  const labels = join(dir, 'labels.i32');
  writeFileSync(images, new Uint8Array(data.images.buffer, data.images.byteOffset, data.images.byteLength));
  writeFileSync(labels, new Uint8Array(data.labels.buffer, data.labels.byteOffset, data.labels.byteLength));
  return { images, labels, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Training throughput of `model` with `threads` torch threads. OpenBLAS gets the same thread count for
 * the MLP (its time is all GEMM) but one thread for the CNN, so OpenBLAS's and torch's pools don't fight.
 */
export async function torchTrainThroughput(
  model: BenchModelName,
  threads: number,
  files: { images: string; labels: string },
  count: number,
  timing: TimingOptions,
): Promise<Measurement & { environment?: TorchEnvironment }> {
  const openblasThreads = model === 'mlp' ? threads : 1;
  const spec = { model, threads, ...files, count, batch: BATCH, seed: DATA_SEED, warmupSeconds: timing.warmupSeconds, repeatSeconds: timing.repeatSeconds, repeats: timing.repeats };
  const reply = await runPeer('torch_train.py', spec, openblasThreads);
  if (!reply.available || !reply.samplesPerSecond) return { ok: false, reason: reply.reason ?? 'torch not available' };
  const environment = environmentOf(reply);
  return {
    ok: true,
    repeats: reply.samplesPerSecond,
    note: `torch ${environment.torch}, ${environment.blas.kind}, ${threads} thread${threads > 1 ? 's' : ''}, OPENBLAS_NUM_THREADS=${openblasThreads}`,
    environment,
  };
}

export interface GemmShape {
  m: number;
  n: number;
  k: number;
  transA: boolean;
}

/** GFLOP/s per repeat of torch.matmul (OpenBLAS with `threads` threads) for each shape. */
export async function torchGemmGflops(shapes: GemmShape[], threads: number, timing: TimingOptions): Promise<{ results: Measurement[]; environment?: TorchEnvironment }> {
  const spec = { threads, shapes, warmupSeconds: timing.warmupSeconds, repeatSeconds: timing.repeatSeconds, repeats: timing.repeats };
  const reply = await runPeer('torch_gemm.py', spec, threads);
  if (!reply.available || !reply.shapes) {
    const reason = reply.reason ?? 'torch not available';
    return { results: shapes.map(() => ({ ok: false, reason })) };
  }
  const environment = environmentOf(reply);
  const note = `torch ${environment.torch}, ${environment.blas.kind}, ${threads} thread${threads > 1 ? 's' : ''}`;
  return { results: reply.shapes.map((s) => ({ ok: true, repeats: s.gflops, note })), environment };
}

/** Parameter count of each PyTorch layer that has parameters, in order; the reason when torch is unavailable. */
export async function torchLayerParameterCounts(model: BenchModelName): Promise<number[] | string> {
  const reply = await runPeer('torch_train.py', { model, threads: 1, parametersOnly: true }, 1);
  return reply.available && reply.parameters ? reply.parameters : (reply.reason ?? 'torch not available');
}
