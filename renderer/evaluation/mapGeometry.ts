/** Between a decision map's canvas (y down, 0..1 across) and the model's input coordinates (y up). */
import type { DecisionGrid } from '../../engine/training/protocol';

type Extent = Pick<DecisionGrid, 'xMin' | 'xMax' | 'yMin' | 'yMax'>;

/** The input point under a spot of the map, given as fractions of its width and height from the top left. */
export function mapToInput(grid: Extent, fx: number, fy: number): [number, number] {
  return [grid.xMin + fx * (grid.xMax - grid.xMin), grid.yMax - fy * (grid.yMax - grid.yMin)];
}

/** Where an input point lies on the map, as fractions of its width and height from the top left. */
export function inputToMap(grid: Extent, x: number, y: number): [number, number] {
  return [(x - grid.xMin) / (grid.xMax - grid.xMin), (grid.yMax - y) / (grid.yMax - grid.yMin)];
}

/**
 * Which of `count` test points to draw when there are many: every mistake, and right answers evenly
 * thinned so that at most `limit` points are drawn in all (mistakes are never dropped).
 */
export function pointsToDraw(correct: (i: number) => boolean, count: number, limit: number): number[] {
  const wrong: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < count; i++) (correct(i) ? right : wrong).push(i);
  const room = Math.max(0, limit - wrong.length);
  if (right.length <= room) return [...right, ...wrong];
  const kept = Array.from({ length: room }, (_, k) => right[Math.floor((k * right.length) / room)]);
  // Mistakes last, so they are drawn on top.
  return [...kept, ...wrong];
}
