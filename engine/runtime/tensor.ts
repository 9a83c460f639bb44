/** Tensors that live in kernel memory, and the arena that owns a plan's buffers. */
import type { Kernels, Ptr } from '../kernels/api';
import { withMemoryCheck } from './errors';

/**
 * A tensor in kernel memory. `shape` includes the batch dimension. `grad` is 0 when no gradient
 * flows to this tensor (program inputs, inference plans).
 */
export interface Tensor {
  ptr: Ptr;
  shape: number[];
  size: number;
  /** Node that produced it, for error messages. */
  nodeId: string;
  /** How many ops read it; fixes which consumer overwrites the gradient and which accumulate. */
  consumers: number;
  /** Consumers recorded so far (plan building only). */
  recordedConsumers: number;
  requiresGrad: boolean;
  grad: Ptr;
}

/** Number of elements of a shape. */
export function sizeOfShape(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Owns every buffer a plan needs. Buffers are allocated once, when the plan is built for a batch
 * size, and reused by every step; `dispose` returns them all to the kernels.
 */
export class Arena {
  private readonly ptrs: Ptr[] = [];
  private bytes = 0;

  constructor(private readonly kernels: Kernels) {}

  /** A zero-filled buffer of `count` 4-byte elements (f32 or i32). */
  alloc(count: number, what: string): Ptr {
    const bytes = Math.max(16, count * 4);
    const ptr = withMemoryCheck(`${what} (${bytes} bytes)`, () => this.kernels.alloc(bytes));
    this.ptrs.push(ptr);
    this.bytes += bytes;
    return ptr;
  }

  /** Bytes owned by this arena. */
  get allocatedBytes(): number {
    return this.bytes;
  }

  dispose(): void {
    for (const p of this.ptrs) this.kernels.free(p);
    this.ptrs.length = 0;
    this.bytes = 0;
  }
}
