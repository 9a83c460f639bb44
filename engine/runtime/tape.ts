/**
 * The tape: ops recorded once per (program, batch size, mode) with their buffers bound, then
 * replayed every step — forward in recording order, gradient rules in reverse.
 *
 * Gradient fan-out: a tensor read by several ops gets one gradient buffer. The consumer recorded
 * last runs its gradient rule first, so it overwrites that buffer; every earlier consumer writes
 * into a private buffer that is added in right after its rule runs. Gradient rules therefore
 * always overwrite the input-gradient pointers they are given.
 */
import type { Kernels, Ptr } from '../kernels/api';
import { EngineError } from './errors';
import type { Arena, Tensor } from './tensor';
import { sizeOfShape } from './tensor';

/** One recorded op: what it is, where it came from, and its bound forward / gradient rules. */
export interface TapeEntry {
  op: string;
  nodeId: string;
  outputs: Tensor[];
  forward: () => void;
  backward: (() => void) | null;
}

/** Records ops and allocates their tensors from a plan's arena. */
export class Tape {
  readonly entries: TapeEntry[] = [];
  private pendingAccumulations: { n: number; from: Ptr; into: Ptr }[] = [];
  private sharedScratch: { ptr: Ptr; bytes: number } | null = null;
  private readonly scratchUsers: ((ptr: Ptr) => void)[] = [];

  constructor(
    readonly kernels: Kernels,
    readonly arena: Arena,
    /** true: gradients, dropout and batch statistics; false: inference. */
    readonly training: boolean,
  ) {}

  /** A new tensor; its gradient buffer exists when training. */
  tensor(shape: number[], nodeId: string, consumers: number): Tensor {
    const size = sizeOfShape(shape);
    const ptr = this.arena.alloc(size, `${nodeId} output`);
    return this.wrap(ptr, shape, nodeId, consumers, this.training);
  }

  /** A tensor over existing memory (program inputs, reshaped views). */
  wrap(ptr: Ptr, shape: number[], nodeId: string, consumers: number, requiresGrad: boolean): Tensor {
    const size = sizeOfShape(shape);
    const grad = requiresGrad ? this.arena.alloc(size, `${nodeId} gradient`) : 0;
    return { ptr, shape, size, nodeId, consumers, recordedConsumers: 0, requiresGrad, grad };
  }

  /** A scratch buffer of `count` floats owned by this plan. */
  scratch(count: number, what: string): Ptr {
    return this.arena.alloc(count, what);
  }

  /**
   * Scratch shared by every op that asks for it (ops run one at a time). `use` receives the
   * pointer once the largest request is known, in `finish`.
   */
  sharedScratchBytes(bytes: number, use: (ptr: Ptr) => void): void {
    const current = this.sharedScratch?.bytes ?? 0;
    this.sharedScratch = { ptr: 0, bytes: Math.max(current, bytes) };
    this.scratchUsers.push(use);
  }

  /**
   * The gradient pointer an op's rule must overwrite for input `t` (0 when `t` needs none).
   * Call once per input, before `record`, which attaches any accumulation to that op.
   */
  inputGrad(t: Tensor): Ptr {
    t.recordedConsumers++;
    if (t.recordedConsumers > t.consumers) {
      throw new EngineError('unsupported', `Internal error: ${t.nodeId} has more readers than the program declares.`, { nodeId: t.nodeId });
    }
    if (!t.requiresGrad) return 0;
    if (t.recordedConsumers === t.consumers) return t.grad;
    const temp = this.arena.alloc(t.size, `${t.nodeId} gradient share`);
    this.pendingAccumulations.push({ n: t.size, from: temp, into: t.grad });
    return temp;
  }

  /** Appends an op; `backward` null means it has no gradient rule (or none is needed). */
  record(op: string, nodeId: string, outputs: Tensor[], forward: () => void, backward: (() => void) | null): void {
    const acc = this.pendingAccumulations;
    this.pendingAccumulations = [];
    let rule = this.training ? backward : null;
    if (this.training && acc.length > 0) {
      const k = this.kernels;
      const inner = rule;
      rule = () => {
        if (inner) inner();
        for (const a of acc) k.add(a.n, a.into, a.from, a.into);
      };
    }
    this.entries.push({ op, nodeId, outputs, forward, backward: rule });
  }

  /** Allocates the shared scratch and hands it to the ops that asked for it. */
  finish(): void {
    if (this.pendingAccumulations.length > 0) throw new Error('Internal error: inputGrad called without record.');
    if (this.sharedScratch) {
      const ptr = this.arena.alloc(Math.ceil(this.sharedScratch.bytes / 4), 'shared scratch');
      for (const use of this.scratchUsers) use(ptr);
    }
  }
}
