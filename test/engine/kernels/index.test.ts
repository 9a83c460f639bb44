import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createKernels } from '../../../engine/kernels/index';

describe('createKernels', () => {
  it('defaults to the single-threaded WebAssembly kernels', async () => {
    const k = await createKernels();
    expect(k.name).toBe('wasm-simd');
    expect(k.threads).toBe(1);
    expect(k.allocatedBytes()).toBe(0);
    k.dispose();
  });

  it("returns the TypeScript reference for wasm: 'reference', whatever the thread count", async () => {
    const k = await createKernels({ wasm: 'reference', threads: 4 });
    expect(k.name).toBe('reference');
    expect(k.threads).toBe(1);
  });

  it('accepts the module as bytes (as a bundler or a fetch would supply it)', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../engine/kernels/netwright-kernels.wasm', import.meta.url)));
    const k = await createKernels({ wasmSource: bytes });
    const p = k.alloc(16);
    k.fill(4, 2.5, p);
    expect(k.sum(4, p)).toBe(10);
  });

  it('fails loudly when the module cannot be found', async () => {
    await expect(createKernels({ wasmSource: new URL('file:///nonexistent/netwright-kernels.wasm') })).rejects.toThrow(/ENOENT/);
  });
});
