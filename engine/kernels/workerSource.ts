/**
 * The code every pool worker runs, as plain JavaScript source so that it needs no bundler or
 * TypeScript loader (Node evaluates it with `eval: true`; browsers load it from a Blob URL).
 *
 * Protocol over one control slot per worker in the shared memory (Int32 indices):
 *   [0] seq: bumped by the caller to start a task   [1] done: set to seq when the task finished
 *   [2] cmd: index into the function names (-1 = exit)   [3] nargs   [4] status (0 ok, 1 trapped)
 * followed, at byte SLOT_ARGS_OFFSET, by up to SLOT_MAX_ARGS Float64 arguments.
 */
export const SLOT_BYTES = 256;
export const SLOT_ARGS_OFFSET = 32;
export const SLOT_MAX_ARGS = 16;
export const SLOT = { seq: 0, done: 1, cmd: 2, nargs: 3, status: 4 } as const;
export const CMD_EXIT = -1;

/** Defines `runWorker(init, post)`; init = { module, memory, stackTop, slot, names }. */
export const workerLoopSource = `
function runWorker(init, post) {
  const { module, memory, stackTop, slot, names } = init;
  let exports;
  try {
    exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
    exports.__stack_pointer.value = stackTop;
  } catch (error) {
    post({ error: String(error) });
    return;
  }
  const fns = names.map((name) => exports[name]);
  const ctl = new Int32Array(memory.buffer, slot, ${SLOT_ARGS_OFFSET / 4});
  const args = new Float64Array(memory.buffer, slot + ${SLOT_ARGS_OFFSET}, ${SLOT_MAX_ARGS});
  post({ ready: true });
  let seen = 0;
  for (;;) {
    Atomics.wait(ctl, ${SLOT.seq}, seen);
    const seq = Atomics.load(ctl, ${SLOT.seq});
    if (seq === seen) continue;
    seen = seq;
    const cmd = ctl[${SLOT.cmd}];
    if (cmd < 0) return;
    let status = 0;
    try {
      fns[cmd](...args.subarray(0, ctl[${SLOT.nargs}]));
    } catch {
      status = 1;
    }
    ctl[${SLOT.status}] = status;
    Atomics.store(ctl, ${SLOT.done}, seq);
    Atomics.notify(ctl, ${SLOT.done});
  }
}
`;

/** A started worker as the pool sees it, independent of the platform's Worker API. */
export interface PoolWorker {
  post(message: unknown): void;
  /** Resolves with the worker's first message (ready or error). */
  firstMessage(): Promise<unknown>;
  /** Lets the process exit while the worker idles (Node); no-op elsewhere. */
  release(): void;
  terminate(): void;
}

/** Starts one worker running `workerLoopSource`. */
export type SpawnPoolWorker = () => PoolWorker;
