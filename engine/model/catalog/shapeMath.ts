import type { Shape } from '../program';
import { ShapeError } from './types';

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Renders a shape the way the canvas shows it: 28×28×1. */
export function formatShape(shape: Shape | null | undefined): string {
  if (!shape) return '?';
  if (shape.length === 0) return 'scalar';
  return shape.join('×');
}

/** Requires an image tensor [H, W, C]; `what` names the layer for the message. */
export function requireImage(shape: Shape, what: string): [number, number, number] {
  if (shape.length !== 3) {
    throw new ShapeError(
      `${what} needs a 3-D input (height×width×channels) but got ${formatShape(shape)}. ` +
        (shape.length === 1 ? 'Add a Reshape before it to turn the vector into an image.' : 'Reshape the input to height×width×channels.'),
      [0],
    );
  }
  return [shape[0], shape[1], shape[2]];
}

/** Output length and leading padding of a sliding window, TensorFlow's convention for 'same'. */
export function windowGeometry(
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: string,
): { out: number; padBefore: number; padTotal: number } {
  const span = (kernel - 1) * dilation + 1;
  if (padding === 'same') {
    const out = Math.ceil(input / stride);
    const padTotal = Math.max((out - 1) * stride + span - input, 0);
    return { out, padBefore: Math.floor(padTotal / 2), padTotal };
  }
  const out = Math.floor((input - span) / stride) + 1;
  return { out, padBefore: 0, padTotal: 0 };
}

/** How one axis of a sliding window is padded and where its windows fall. */
export interface WindowAxis {
  out: number;
  padBefore: number;
  /** Padding after the last row/column that the windows may read (zeros for convolution). */
  padAfter: number;
}

/** Reads a node's padding params for both axes: the padding mode, explicit pads and ceil mode. */
export interface WindowPadding {
  padding: string;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  ceilMode: boolean;
}

export function windowPaddingOf(params: Readonly<Record<string, unknown>>): WindowPadding {
  const int = (name: string): number => (typeof params[name] === 'number' ? (params[name] as number) : 0);
  return {
    padding: typeof params.padding === 'string' ? params.padding : 'valid',
    padTop: int('padTop'),
    padBottom: int('padBottom'),
    padLeft: int('padLeft'),
    padRight: int('padRight'),
    ceilMode: params.ceilMode === true,
  };
}

/**
 * Output length and padding of one axis, for every padding mode. Explicit padding and ceil mode follow
 * PyTorch: with ceil mode the output rounds up, but a last window that would start in the trailing
 * padding is dropped. `before`/`after` are that axis's explicit pads.
 */
export function windowAxis(input: number, kernel: number, stride: number, dilation: number, pad: WindowPadding, axis: 'height' | 'width'): WindowAxis {
  const span = (kernel - 1) * dilation + 1;
  if (pad.padding === 'same') {
    const g = windowGeometry(input, kernel, stride, dilation, 'same');
    return { out: g.out, padBefore: g.padBefore, padAfter: g.padTotal - g.padBefore };
  }
  const explicit = pad.padding === 'explicit';
  const before = explicit ? (axis === 'height' ? pad.padTop : pad.padLeft) : 0;
  const after = explicit ? (axis === 'height' ? pad.padBottom : pad.padRight) : 0;
  const room = input + before + after - span;
  if (room < 0) return { out: 0, padBefore: before, padAfter: after };
  let out = (pad.ceilMode ? Math.ceil(room / stride) : Math.floor(room / stride)) + 1;
  if (pad.ceilMode && (out - 1) * stride >= input + before) out -= 1;
  return { out, padBefore: before, padAfter: after };
}

/** Both axes of a window over an [H, W, C] image. */
export function windowAxes(h: number, w: number, kernel: number, stride: number, dilation: number, pad: WindowPadding): { h: WindowAxis; w: WindowAxis } {
  return { h: windowAxis(h, kernel, stride, dilation, pad, 'height'), w: windowAxis(w, kernel, stride, dilation, pad, 'width') };
}

/** "same", "valid", or the explicit pads as the node face shows them: "pad 1" or "pad 0,1,0,1" (top, bottom, left, right). */
export function describePadding(pad: WindowPadding): string {
  if (pad.padding !== 'explicit') return pad.padding;
  const sides = [pad.padTop, pad.padBottom, pad.padLeft, pad.padRight];
  return sides.every((p) => p === sides[0]) ? `pad ${sides[0]}` : `pad ${sides.join(',')}`;
}
