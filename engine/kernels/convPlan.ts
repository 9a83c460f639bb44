/**
 * How the WebAssembly conv kernels are split into chunks and across threads. The scratch layout
 * (per thread: an im2col chunk, then with several threads a partial filter gradient) is decided
 * here and passed to C, so `conv2dScratchBytes` and the kernels always agree.
 */
import type { Conv2dGeometry, Pool2dGeometry } from './api';

/** Floats of one im2col chunk: large enough for an efficient GEMM, small enough to stay cache-friendly. */
const CHUNK_FLOATS = 1 << 18;

/** Layout of the scratch buffer for one geometry and thread count. */
export interface ConvPlan {
  rows: number;
  kkc: number;
  chunkRows: number;
  /** Bytes of scratch each thread owns, starting at scratch + t·perThreadBytes. */
  perThreadBytes: number;
  /** Byte offset, inside a thread's scratch, of its partial filter gradient. */
  partialOffset: number;
}

function checkPositive(what: string, fields: Record<string, number>, minimum: number): void {
  for (const [name, value] of Object.entries(fields)) {
    if (!Number.isInteger(value) || value < minimum) throw new RangeError(`${what}: ${name} must be an integer >= ${minimum}, got ${value}`);
  }
}

/** Validates a conv geometry (every field an integer; sizes positive). */
export function checkConvGeometry(g: Conv2dGeometry): void {
  const { padTop, padLeft, ...sizes } = g;
  checkPositive('Conv2dGeometry', sizes, 1);
  checkPositive('Conv2dGeometry', { padTop, padLeft }, 0);
}

/** Validates a pooling geometry. */
export function checkPoolGeometry(g: Pool2dGeometry): void {
  const { padTop, padLeft, ...sizes } = g;
  checkPositive('Pool2dGeometry', sizes, 1);
  checkPositive('Pool2dGeometry', { padTop, padLeft }, 0);
}

/** Chunking and scratch layout of a convolution run over `threads` threads. */
export function planConv(g: Conv2dGeometry, threads: number): ConvPlan {
  const rows = g.batch * g.outH * g.outW;
  const kkc = g.kH * g.kW * g.inC;
  const chunkRows = Math.max(1, Math.min(rows, Math.floor(CHUNK_FLOATS / kkc)));
  const colsBytes = Math.ceil((chunkRows * kkc * 4) / 16) * 16;
  const partialBytes = threads > 1 ? Math.ceil((kkc * g.outC * 4) / 16) * 16 : 0;
  return { rows, kkc, chunkRows, perThreadBytes: colsBytes + partialBytes, partialOffset: colsBytes };
}

/** The geometry as the Int32 block the C kernels read (order fixed by src/common.h). */
export function convGeometryFields(g: Conv2dGeometry, chunkRows: number): number[] {
  return [g.batch, g.inH, g.inW, g.inC, g.outC, g.kH, g.kW, g.strideH, g.strideW, g.padTop, g.padLeft, g.dilationH, g.dilationW, g.outH, g.outW, chunkRows];
}

/** The pooling geometry as the Int32 block the C kernels read (order fixed by src/pool.c). */
export function poolGeometryFields(g: Pool2dGeometry): number[] {
  return [g.batch, g.inH, g.inW, g.channels, g.kH, g.kW, g.strideH, g.strideW, g.padTop, g.padLeft, g.outH, g.outW];
}

/** Splits [0, total) into at most `parts` contiguous ranges whose inner bounds are multiples of `align`. */
export function splitRange(total: number, parts: number, align: number): Array<[number, number]> {
  const per = Math.ceil(total / parts / align) * align;
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < total; start += per) ranges.push([start, Math.min(total, start + per)]);
  return ranges;
}
