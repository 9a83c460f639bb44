/**
 * How much memory the kernels can address: the one definition behind the WebAssembly builds'
 * `--max-memory` (engine/kernels/build.sh, checked by a test), the reference kernels' memory and
 * the model validation that refuses models too large to train. Pure data, importable anywhere.
 */

/** Bytes in a WebAssembly page. */
export const WASM_PAGE_BYTES = 65536;

/** Pages of the kernels' memory at most: 2 GiB, which keeps every pointer below 2^31 so `ptr >> 2` indexing stays valid. */
export const KERNEL_MAX_PAGES = 32768;

/** The kernels' memory ceiling in bytes (2 GiB). */
export const KERNEL_MEMORY_BYTES = KERNEL_MAX_PAGES * WASM_PAGE_BYTES;
