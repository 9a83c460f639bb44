/** Loading the kernels' .wasm bytes in Node (file: URLs via fs) and in browsers / Web Workers (fetch). */
import type * as NodeFs from 'node:fs/promises';

/** Where a kernels module comes from: its bytes, or a URL (e.g. a bundler's `?url` import). */
export type WasmSource = URL | string | ArrayBuffer | Uint8Array<ArrayBuffer>;

/** Resolves a source to bytes. file: URLs are read with node:fs; anything else is fetched. */
export async function loadWasmBytes(source: WasmSource): Promise<ArrayBuffer | Uint8Array<ArrayBuffer>> {
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) return source;
  const base = typeof location !== 'undefined' ? location.href : import.meta.url;
  const url = source instanceof URL ? source : new URL(source, base);
  if (url.protocol === 'file:') {
    const fsModule = 'node:fs/promises'; // a variable, so browser bundlers do not try to resolve it
    const fs = (await import(/* @vite-ignore */ fsModule)) as typeof NodeFs;
    return new Uint8Array(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load kernels from ${url.href}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Compiles a kernels module from its bytes or URL. */
export async function compileWasm(source: WasmSource): Promise<WebAssembly.Module> {
  return WebAssembly.compile(await loadWasmBytes(source));
}

/** (module (func (result v128) i32.const 0 i8x16.splat)): validates only where WebAssembly SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b,
]);

/** True when this runtime can run the SIMD128 kernels. */
export function wasmSimdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

/** True when a shared WebAssembly.Memory can be created (Node, or a cross-origin isolated page). */
export function sharedMemorySupported(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false;
}
