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
