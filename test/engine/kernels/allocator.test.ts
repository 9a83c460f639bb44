import { describe, expect, it } from 'vitest';
import { HeapAllocator } from '../../../engine/kernels/allocator';
import { createKernels } from '../../../engine/kernels/index';
import { createReferenceKernels } from '../../../engine/kernels/reference';

const PAGE = 65536;

describe('HeapAllocator', () => {
  it('returns aligned, zero-filled, non-overlapping blocks and never 0', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 100 });
    const heap = new HeapAllocator(memory, 0, 100 * PAGE);
    new Uint8Array(memory.buffer).fill(0xff);
    const blocks = [1, 15, 16, 17, 100, 0].map((bytes) => ({ bytes, ptr: heap.alloc(bytes) }));
    for (const { ptr, bytes } of blocks) {
      expect(ptr).toBeGreaterThan(0);
      expect(ptr % 16).toBe(0);
      expect(Array.from(new Uint8Array(memory.buffer, ptr, bytes)).every((b) => b === 0)).toBe(true);
    }
    const sorted = [...blocks].sort((a, b) => a.ptr - b.ptr);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].ptr).toBeGreaterThanOrEqual(sorted[i - 1].ptr + sorted[i - 1].bytes);
  });

  it('grows the memory when needed and keeps existing data', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1000 });
    const heap = new HeapAllocator(memory, 1024, 1000 * PAGE);
    const first = heap.alloc(1000);
    new Float32Array(memory.buffer, first, 250).fill(7);
    const big = heap.alloc(10 * PAGE);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 10 * PAGE);
    expect(new Float32Array(memory.buffer, first, 250).every((v) => v === 7)).toBe(true);
  });

  it('reuses freed blocks, merges neighbours, and tracks allocated bytes', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 10 });
    const heap = new HeapAllocator(memory, 64, 10 * PAGE);
    const a = heap.alloc(64);
    const b = heap.alloc(64);
    const c = heap.alloc(64);
    const d = heap.alloc(64);
    expect(heap.allocatedBytes()).toBe(256);
    heap.free(b);
    heap.free(c);
    expect(heap.allocatedBytes()).toBe(128);
    // b and c merged: a 128-byte request fits exactly where they were
    expect(heap.alloc(128)).toBe(b);
    heap.free(d);
    expect(heap.alloc(64)).toBe(d); // freeing the top block lowers the top; the next allocation reuses it
    heap.free(a);
    const again = heap.alloc(48);
    expect(again).toBe(a);
    // a freed block is zero-filled again when reused
    new Uint8Array(memory.buffer, again, 48).fill(9);
    heap.free(again);
    expect(Array.from(new Uint8Array(memory.buffer, heap.alloc(48), 48)).every((v) => v === 0)).toBe(true);
  });

  it('rejects double frees and foreign pointers', () => {
    const heap = new HeapAllocator(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 16, 2 * PAGE);
    const p = heap.alloc(32);
    heap.free(p);
    expect(() => heap.free(p)).toThrow(/not a live allocation/);
    expect(() => heap.free(12345)).toThrow(/not a live allocation/);
  });

  it('throws a RangeError naming the size when memory is exhausted', () => {
    const heap = new HeapAllocator(new WebAssembly.Memory({ initial: 1, maximum: 4 }), 16, 4 * PAGE);
    heap.alloc(2 * PAGE);
    expect(() => heap.alloc(3 * PAGE)).toThrow(RangeError);
    expect(() => heap.alloc(3 * PAGE)).toThrow(/196608 bytes/);
    expect(() => heap.alloc(-1)).toThrow(RangeError);
    // the failed requests left the heap usable
    expect(heap.alloc(PAGE)).toBeGreaterThan(0);
  });
});

describe('Kernels memory', () => {
  it('wasm and reference kernels grow their memory and report allocations', async () => {
    for (const k of [await createKernels(), createReferenceKernels()]) {
      const before = k.allocatedBytes();
      const size = 64 * 1024 * 1024;
      const ptr = k.alloc(size);
      expect(k.memory.buffer.byteLength).toBeGreaterThanOrEqual(ptr + size);
      expect(k.f32().length * 4).toBe(k.memory.buffer.byteLength); // views follow growth
      expect(k.allocatedBytes() - before).toBe(size);
      k.free(ptr);
      expect(k.allocatedBytes()).toBe(before);
      expect(() => k.alloc(3 * 1024 * 1024 * 1024)).toThrow(/3221225472 bytes/);
      k.dispose();
    }
  });
});
