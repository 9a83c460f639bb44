/**
 * A first-fit free-list allocator over one WebAssembly.Memory.
 *
 * Invariants: blocks are 16-byte aligned with sizes rounded up to 16; `freeBlocks` is sorted by
 * address, never contains two adjacent blocks (they are merged) and never touches `top` (a block
 * freed at the top lowers `top` instead). Memory only grows; it is never shrunk.
 */
import type { Ptr } from './api';

const PAGE_BYTES = 65536;
const ALIGN = 16;

interface FreeBlock {
  ptr: number;
  size: number;
}

const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/** Heap for kernel tensors: alloc/free with growth of the underlying memory. */
export class HeapAllocator {
  private readonly freeBlocks: FreeBlock[] = [];
  private readonly sizes = new Map<number, number>();
  private top: number;
  private allocated = 0;

  /** base: first usable byte (e.g. the module's __heap_base); maxBytes: the memory's maximum size. */
  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
    private readonly maxBytes: number,
  ) {
    this.top = roundUp(Math.max(base, ALIGN), ALIGN);
  }

  /** Returns a zero-filled, 16-byte aligned block of at least `bytes` bytes (never 0). */
  alloc(bytes: number): Ptr {
    if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`alloc: invalid size ${bytes} bytes`);
    const size = Math.max(ALIGN, roundUp(bytes, ALIGN));
    let ptr = this.takeFreeBlock(size);
    if (ptr < 0) {
      ptr = this.top;
      this.ensureCapacity(ptr + size, bytes);
      this.top = ptr + size;
    }
    this.sizes.set(ptr, size);
    this.allocated += size;
    new Uint8Array(this.memory.buffer, ptr, size).fill(0);
    return ptr;
  }

  /** Returns a block to the heap; throws on a pointer that is not a live allocation. */
  free(ptr: Ptr): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) throw new Error(`free: ${ptr} is not a live allocation (double free or foreign pointer)`);
    this.sizes.delete(ptr);
    this.allocated -= size;
    if (ptr + size === this.top) {
      this.top = ptr;
      const last = this.freeBlocks[this.freeBlocks.length - 1];
      if (last && last.ptr + last.size === this.top) {
        this.freeBlocks.pop();
        this.top = last.ptr;
      }
      return;
    }
    this.insertFreeBlock({ ptr, size });
  }

  /** Bytes held by live allocations (sizes rounded up to 16). */
  allocatedBytes(): number {
    return this.allocated;
  }

  /** Size of a live allocation, or undefined. */
  sizeOf(ptr: Ptr): number | undefined {
    return this.sizes.get(ptr);
  }

  private takeFreeBlock(size: number): number {
    for (let i = 0; i < this.freeBlocks.length; i++) {
      const block = this.freeBlocks[i];
      if (block.size < size) continue;
      const ptr = block.ptr;
      if (block.size === size) this.freeBlocks.splice(i, 1);
      else {
        block.ptr += size;
        block.size -= size;
      }
      return ptr;
    }
    return -1;
  }

  private insertFreeBlock(block: FreeBlock): void {
    const list = this.freeBlocks;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].ptr < block.ptr) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, block);
    const next = list[lo + 1];
    if (next && block.ptr + block.size === next.ptr) {
      block.size += next.size;
      list.splice(lo + 1, 1);
    }
    const prev = list[lo - 1];
    if (prev && prev.ptr + prev.size === block.ptr) {
      prev.size += block.size;
      list.splice(lo, 1);
    }
  }

  private ensureCapacity(end: number, requested: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const fail = (): never => {
      throw new RangeError(
        `alloc: cannot allocate ${requested} bytes: WebAssembly memory is exhausted ` +
          `(${this.allocated} bytes in use, limit ${this.maxBytes} bytes)`,
      );
    };
    if (end > this.maxBytes) fail();
    const needed = Math.ceil((end - have) / PAGE_BYTES);
    // Grow by at least a quarter of the current size so repeated small allocations do not grow page by page.
    const generous = Math.min(Math.max(needed, Math.ceil(have / PAGE_BYTES / 4)), (this.maxBytes - have) / PAGE_BYTES);
    try {
      this.memory.grow(generous);
    } catch {
      try {
        this.memory.grow(needed);
      } catch {
        fail();
      }
    }
  }
}
