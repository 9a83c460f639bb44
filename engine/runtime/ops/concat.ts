/** Concatenation along the last axis. */
import type { Kernels, Ptr } from '../../kernels/api';

export interface ConcatArgs {
  /** Product of every dimension but the last (batch included). */
  rows: number;
  /** Last-axis width of each input. */
  widths: number[];
  total: number;
  xs: Ptr[];
  y: Ptr;
  dy: Ptr;
  /** One per input; 0 where that input needs no gradient. */
  dxs: Ptr[];
}

export function forward(k: Kernels, a: ConcatArgs): void {
  let offset = 0;
  for (let i = 0; i < a.xs.length; i++) {
    k.copy2d(a.rows, a.widths[i], a.xs[i], a.widths[i], a.y + offset * 4, a.total, false);
    offset += a.widths[i];
  }
}

/** Each input receives its slice of the output gradient. */
export function backward(k: Kernels, a: ConcatArgs): void {
  let offset = 0;
  for (let i = 0; i < a.xs.length; i++) {
    if (a.dxs[i]) k.copy2d(a.rows, a.widths[i], a.dy + offset * 4, a.total, a.dxs[i], a.widths[i], false);
    offset += a.widths[i];
  }
}
