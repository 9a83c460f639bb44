/**
 * A pool of workers that each run their own instance of the threaded kernels module over one
 * shared WebAssembly.Memory. `run` splits one kernel call into parts: part 0 runs on the calling
 * thread, part i on worker i−1; it returns when all parts are done.
 *
 * Every instance needs its own stack: the calling thread uses the linker's stack, each worker a
 * block from the heap (its top becomes that instance's __stack_pointer).
 */
import type { HeapAllocator } from './allocator';
import { CMD_EXIT, SLOT, SLOT_ARGS_OFFSET, SLOT_BYTES, SLOT_MAX_ARGS, type SpawnPoolWorker, type PoolWorker } from './workerSource';

const WORKER_STACK_BYTES = 1 << 20; // GEMM keeps ~640 KiB of pack buffers on the stack

type WasmFunction = (...args: number[]) => unknown;

interface WorkerSlot {
  worker: PoolWorker;
  ctl: Int32Array;
  args: Float64Array;
}

/** Blocks until ctl[index] === value; spins where Atomics.wait is not allowed (a browser main thread). */
function waitUntil(ctl: Int32Array, index: number, value: number): void {
  for (;;) {
    const current = Atomics.load(ctl, index);
    if (current === value) return;
    try {
      Atomics.wait(ctl, index, current, 1000);
    } catch {
      // Atomics.wait throws on threads that may not block; keep polling.
    }
  }
}

/** Worker threads sharing the kernels' memory. */
export class ThreadPool {
  private seq = 0;
  private disposed = false;

  private constructor(
    private readonly slots: WorkerSlot[],
    private readonly names: readonly string[],
    private readonly mainFunctions: WasmFunction[],
  ) {}

  /** Starts `workerCount` workers; resolves once every worker has instantiated the module. */
  static async start(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    heap: HeapAllocator,
    mainExports: WebAssembly.Exports,
    names: readonly string[],
    workerCount: number,
    spawn: SpawnPoolWorker,
  ): Promise<ThreadPool> {
    const slots: WorkerSlot[] = [];
    try {
      for (let i = 0; i < workerCount; i++) {
        const slot = heap.alloc(SLOT_BYTES);
        const stack = heap.alloc(WORKER_STACK_BYTES);
        const worker = spawn();
        slots.push({
          worker,
          ctl: new Int32Array(memory.buffer, slot, SLOT_ARGS_OFFSET / 4),
          args: new Float64Array(memory.buffer, slot + SLOT_ARGS_OFFSET, SLOT_MAX_ARGS),
        });
        const first = worker.firstMessage();
        worker.post({ module, memory, stackTop: stack + WORKER_STACK_BYTES, slot, names });
        const reply = (await first) as { ready?: boolean; error?: string };
        if (!reply.ready) throw new Error(`kernel worker failed to start: ${reply.error ?? 'no reply'}`);
        worker.release();
      }
    } catch (error) {
      for (const s of slots) s.worker.terminate();
      throw error;
    }
    const mainFunctions = names.map((name) => mainExports[name] as WasmFunction);
    return new ThreadPool(slots, names, mainFunctions);
  }

  /** Threads available to `run`, counting the calling thread. */
  get size(): number {
    return this.slots.length + 1;
  }

  /** Runs function `name` once per argument list, in parallel; parts.length must not exceed `size`. */
  run(name: string, parts: number[][]): void {
    if (this.disposed) throw new Error('ThreadPool.run: the kernels have been disposed');
    if (parts.length > this.size) throw new Error(`ThreadPool.run: ${parts.length} parts for ${this.size} threads`);
    const cmd = this.names.indexOf(name);
    if (cmd < 0) throw new Error(`ThreadPool.run: ${name} is not a parallel kernel`);
    const seqs: number[] = [];
    for (let p = 1; p < parts.length; p++) {
      const { ctl, args } = this.slots[p - 1];
      const list = parts[p];
      if (list.length > SLOT_MAX_ARGS) throw new Error(`ThreadPool.run: too many arguments for ${name}`);
      args.set(list);
      ctl[SLOT.cmd] = cmd;
      ctl[SLOT.nargs] = list.length;
      const seq = (this.seq = (this.seq + 1) | 0 || 1);
      seqs.push(seq);
      Atomics.store(ctl, SLOT.seq, seq); // publishes cmd and args before the worker reads them
      Atomics.notify(ctl, SLOT.seq);
    }
    let mainError: unknown = null;
    try {
      if (parts.length > 0) this.mainFunctions[cmd](...parts[0]);
    } catch (error) {
      mainError = error;
    }
    let workerFailed = false;
    for (let p = 1; p < parts.length; p++) {
      const { ctl } = this.slots[p - 1];
      waitUntil(ctl, SLOT.done, seqs[p - 1]);
      if (ctl[SLOT.status] !== 0) workerFailed = true;
    }
    if (mainError) throw mainError;
    if (workerFailed) throw new Error(`kernel ${name} trapped on a worker thread (out-of-bounds pointer or size?)`);
  }

  /** Asks every worker to exit and terminates it. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const { worker, ctl } of this.slots) {
      ctl[SLOT.cmd] = CMD_EXIT;
      Atomics.store(ctl, SLOT.seq, (Atomics.load(ctl, SLOT.seq) + 1) | 0 || 1);
      Atomics.notify(ctl, SLOT.seq);
      worker.terminate();
    }
  }
}
