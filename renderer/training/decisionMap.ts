/**
 * Pixels of a decision map: a DecisionGrid (row-major from (xMin, yMin), y up) turned into RGBA rows
 * for a canvas (y down). Binary grids shade by P(class 1), so confidence reads as colour depth.
 */
import type { DecisionGrid } from '../../engine/training/protocol';
import { classColour } from './classColours';

const BACKGROUND: [number, number, number] = [20, 22, 27];

/** RGBA bytes (size × size) of the grid; `binary` grids hold probabilities, others class ids. */
export function decisionPixels(grid: DecisionGrid, binary: boolean): Uint8ClampedArray<ArrayBuffer> {
  const { size, values } = grid;
  const out = new Uint8ClampedArray(size * size * 4);
  const zero = classColour(0);
  const one = classColour(1);
  for (let row = 0; row < size; row++) {
    // Canvas row 0 is the top, which is the grid's last row (largest y).
    const source = (size - 1 - row) * size;
    for (let col = 0; col < size; col++) {
      const v = values[source + col];
      let colour: [number, number, number];
      let strength: number;
      if (binary) {
        const p = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.5;
        colour = p >= 0.5 ? one : zero;
        strength = Math.abs(p - 0.5) * 2;
      } else {
        colour = classColour(Math.round(v));
        strength = 0.8;
      }
      const mix = 0.15 + 0.45 * strength;
      const at = (row * size + col) * 4;
      out[at] = BACKGROUND[0] + (colour[0] - BACKGROUND[0]) * mix;
      out[at + 1] = BACKGROUND[1] + (colour[1] - BACKGROUND[1]) * mix;
      out[at + 2] = BACKGROUND[2] + (colour[2] - BACKGROUND[2]) * mix;
      out[at + 3] = 255;
    }
  }
  return out;
}
