/** Typed views over a WebAssembly.Memory, re-created whenever the memory has grown. */
export class MemoryViews {
  private f32View = new Float32Array(0);
  private i32View = new Int32Array(0);

  constructor(readonly memory: WebAssembly.Memory) {}

  /** A Float32Array over the whole current memory. */
  f32(): Float32Array {
    const buffer = this.memory.buffer;
    if (this.f32View.buffer !== buffer || this.f32View.byteLength !== buffer.byteLength) this.f32View = new Float32Array(buffer);
    return this.f32View;
  }

  /** An Int32Array over the whole current memory. */
  i32(): Int32Array {
    const buffer = this.memory.buffer;
    if (this.i32View.buffer !== buffer || this.i32View.byteLength !== buffer.byteLength) this.i32View = new Int32Array(buffer);
    return this.i32View;
  }
}

/** Index of a 4-byte element at byte offset `ptr`. */
export const at = (ptr: number): number => ptr >>> 2;
