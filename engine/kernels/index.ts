/**
 * Entry point of the compute kernels: `createKernels` loads the WebAssembly build that fits the
 * environment (threaded over a shared memory when asked and possible, else single-threaded, else
 * the TypeScript reference) and returns it behind the `Kernels` interface.
 */
import type { Kernels } from './api';
import { HeapAllocator } from './allocator';
import { KERNEL_MAX_PAGES as MAX_PAGES, KERNEL_MEMORY_BYTES } from './memoryLimit';
import { compileWasm, sharedMemorySupported, wasmSimdSupported, type WasmSource } from './loadWasm';
import { createReferenceKernels } from './reference';
import { ThreadPool } from './threadPool';
import { PARALLEL_KERNELS, createWasmKernels } from './wasmKernels';
import { spawnBrowserWorker } from './workerBrowser';
import type { SpawnPoolWorker } from './workerSource';

export type { Kernels } from './api';
export type { WasmSource } from './loadWasm';
export { createReferenceKernels } from './reference';

const INITIAL_SHARED_PAGES = 64; // covers the 1 MiB main stack and static data

/** Options for createKernels. */
export interface CreateKernelsOptions {
  /** Threads for GEMM and convolutions, counting the caller (default 1). Falls back to 1 without shared memory. */
  threads?: number;
  /** 'auto' (default): WebAssembly, or the reference where WebAssembly SIMD is missing; 'reference': always the reference. */
  wasm?: 'auto' | 'reference';
  /** Where to load the single-threaded module from (default: next to this file). */
  wasmSource?: WasmSource;
  /** Where to load the threaded module from (default: next to this file). */
  threadsWasmSource?: WasmSource;
}

// Literal URLs, so that bundlers (Vite) see exactly these two assets rather than every file in this folder.
const singleThreadedWasm = (): URL => new URL('./netwright-kernels.wasm', import.meta.url);
const threadedWasm = (): URL => new URL('./netwright-kernels-threads.wasm', import.meta.url);

function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

async function workerSpawner(): Promise<SpawnPoolWorker> {
  if (isNode()) return (await import('./workerNode')).nodeWorkerSpawner();
  return spawnBrowserWorker;
}

async function createSingleThreaded(source: WasmSource): Promise<Kernels> {
  const module = await compileWasm(source);
  const instance = await WebAssembly.instantiate(module, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const heapBase = (instance.exports.__heap_base as WebAssembly.Global).value as number;
  const heap = new HeapAllocator(memory, heapBase, KERNEL_MEMORY_BYTES);
  return createWasmKernels({ exports: instance.exports, memory, heap, pool: null, name: 'wasm-simd' });
}

async function createThreaded(source: WasmSource, threads: number): Promise<Kernels> {
  const module = await compileWasm(source);
  const memory = new WebAssembly.Memory({ initial: INITIAL_SHARED_PAGES, maximum: MAX_PAGES, shared: true });
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const heapBase = (instance.exports.__heap_base as WebAssembly.Global).value as number;
  const heap = new HeapAllocator(memory, heapBase, KERNEL_MEMORY_BYTES);
  const pool = await ThreadPool.start(module, memory, heap, instance.exports, PARALLEL_KERNELS, threads - 1, await workerSpawner());
  return createWasmKernels({ exports: instance.exports, memory, heap, pool, name: 'wasm-simd-threads' });
}

/** Creates the kernels; call `dispose()` when done so worker threads stop. */
export async function createKernels(opts: CreateKernelsOptions = {}): Promise<Kernels> {
  if (opts.wasm === 'reference' || !wasmSimdSupported()) return createReferenceKernels();
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  if (threads > 1 && sharedMemorySupported()) {
    try {
      return await createThreaded(opts.threadsWasmSource ?? threadedWasm(), threads);
    } catch {
      // Workers unavailable (e.g. a restrictive Content-Security-Policy): run single-threaded; `threads` reports 1.
    }
  }
  return createSingleThreaded(opts.wasmSource ?? singleThreadedWasm());
}
