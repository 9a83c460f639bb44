/**
 * How the WebAssembly conv kernels are split into chunks and across threads. The scratch layout
 * (per thread: packed weights, offset tables, padded image copies, a padded-stride dy copy when
 * outC is not a multiple of 8, an im2col-sized chunk for strided input gradients, and with several
 * threads a partial filter gradient) is decided here and passed to C in the geometry block, so
 * `conv2dScratchBytes` and the kernels always agree.
 */
import type { Conv2dGeometry, Pool2dGeometry } from './api';

/** Floats of one im2col chunk (strided input gradient): large enough for an efficient GEMM, small enough to stay cache-friendly. */
const CHUNK_FLOATS = 1 << 18;
/** Floats of padded images copied per chunk: they stay in L2 while the implicit GEMM reads them. */
const PAD_CHUNK_FLOATS = 1 << 16;

/** Layout of the scratch buffer for one geometry and thread count (byte offsets inside one thread's scratch). */
export interface ConvPlan {
  rows: number;
  kkc: number;
  /** Rows of dy·Wᵀ per chunk (input gradient with stride > 1). */
  chunkRows: number;
  /** Images whose padded copies are made at once. */
  chunkImages: number;
  /** Entries of the per-pixel tables (tap masks, pixel offsets, visiting order). */
  tablePixels: number;
  /** Entries of the per-row-and-column tables (an image's height plus its width). */
  tableEdges: number;
  wpackOffset: number;
  tablesOffset: number;
  padOffset: number;
  dypackOffset: number;
  colsOffset: number;
  /** Byte offset, inside a thread's scratch, of its partial filter gradient (kkc·outC floats, then outC of bias gradient). */
  partialOffset: number;
  /** Bytes of scratch each thread owns, starting at scratch + t·perThreadBytes. */
  perThreadBytes: number;
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

const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/** Chunking and scratch layout of a convolution run over `threads` threads (mirrors the regions src/conv.c reads). */
export function planConv(g: Conv2dGeometry, threads: number): ConvPlan {
  const rows = g.batch * g.outH * g.outW;
  const taps = g.kH * g.kW;
  const kkc = taps * g.inC;
  const stride1 = g.strideH === 1 && g.strideW === 1;
  // Forward / filter gradient read x, or copies with the padding when the geometry has any.
  const srcH = (g.outH - 1) * g.strideH + (g.kH - 1) * g.dilationH + 1;
  const srcW = (g.outW - 1) * g.strideW + (g.kW - 1) * g.dilationW + 1;
  const copyX = g.padTop > 0 || g.padLeft > 0 || srcH > g.inH || srcW > g.inW;
  const paddedX = copyX ? srcH * srcW * g.inC : 0;
  // Stride-1 input gradient: dy padded by the kernel's reach.
  const paddedDy = stride1 ? (g.inH + g.dilationH * (g.kH - 1)) * (g.inW + g.dilationW * (g.kW - 1)) * g.outC : 0;
  const chunkImages = Math.max(1, Math.min(g.batch, Math.floor(PAD_CHUNK_FLOATS / Math.max(1, paddedX, paddedDy))));
  const chunkRows = Math.max(1, Math.min(rows, Math.floor(CHUNK_FLOATS / kkc)));
  const tablePixels = Math.max(g.outH * g.outW, g.inH * g.inW);
  const tableEdges = Math.max(g.outH, g.inH) + Math.max(g.outW, g.inW);
  // Packed weights: forward (kkc × outC), stride-1 input gradient (taps·outC × inC), or Wᵀ (outC × kkc), in panels of 8 columns.
  const wpackFloats = Math.max(roundUp(g.outC, 8) * kkc, roundUp(g.inC, 8) * taps * g.outC, roundUp(kkc, 8) * g.outC);
  const dypackFloats = g.outC % 8 === 0 ? 0 : chunkImages * g.outH * g.outW * roundUp(g.outC, 8);
  const regions = [
    wpackFloats * 4,
    (tablePixels + tableEdges) * 8 + (2 * tablePixels + tableEdges + taps + kkc) * 4, // see scratch_of in src/conv.c
    chunkImages * Math.max(paddedX, paddedDy) * 4,
    dypackFloats * 4,
    stride1 ? 0 : chunkRows * kkc * 4,
    threads > 1 ? (kkc * g.outC + g.outC) * 4 : 0, // partial dw, then partial dbias
  ];
  const offsets: number[] = [];
  let bytes = 0;
  for (const size of regions) {
    offsets.push(bytes);
    bytes += roundUp(size, 16);
  }
  const [wpackOffset, tablesOffset, padOffset, dypackOffset, colsOffset, partialOffset] = offsets;
  return { rows, kkc, chunkRows, chunkImages, tablePixels, tableEdges, wpackOffset, tablesOffset, padOffset, dypackOffset, colsOffset, partialOffset, perThreadBytes: bytes };
}

/** The geometry and its plan as the Int32 block the C kernels read (order fixed by src/common.h). */
export function convGeometryFields(g: Conv2dGeometry, p: ConvPlan): number[] {
  return [
    g.batch, g.inH, g.inW, g.inC, g.outC, g.kH, g.kW, g.strideH, g.strideW, g.padTop, g.padLeft, g.dilationH, g.dilationW, g.outH, g.outW,
    p.chunkRows, p.chunkImages, p.tablePixels, p.tableEdges, p.wpackOffset, p.tablesOffset, p.padOffset, p.dypackOffset, p.colsOffset,
  ];
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
