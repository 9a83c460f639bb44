/**
 * Decision maps for 2-D synthetic datasets: the model's predictions over a grid covering the data's
 * range, for the live plot behind the scatter. 64×64 points through the inference plan cost about a
 * millisecond for the small models these sets are for, and the session sends one at most ~4 times a second.
 */
import type { DatasetMeta, Split } from '../data';
import { applyNormalisation, shapeSize } from '../data';
import type { NormalisationStats } from '../data';
import type { DecisionGrid } from './protocol';

export const BOUNDARY_GRID_SIZE = 64;

/** The region and normalised inputs of a grid; built once per run, reused for every map. */
export interface BoundaryGrid {
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** size·size normalised points, row-major from (xMin, yMin). */
  inputs: Float32Array;
}

/** True for classification datasets with two input features (synthetic sets, 2-column CSVs): their decision map can be drawn. */
export function hasPlanarInputs(meta: DatasetMeta): boolean {
  return shapeSize(meta.inputShape) === 2 && meta.task !== 'regression';
}

/** True for datasets whose decision map is drawn while training: 2-D synthetic classification. */
export function hasDecisionMap(meta: DatasetMeta): boolean {
  return meta.kind === 'synthetic' && hasPlanarInputs(meta);
}

/** The grid over the raw samples' range (10% margin), normalised like the training inputs. */
export function boundaryGrid(raw: Split | readonly Split[], stats: NormalisationStats, size = BOUNDARY_GRID_SIZE): BoundaryGrid {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const split of Array.isArray(raw) ? (raw as readonly Split[]) : [raw as Split]) {
    for (let i = 0; i < split.count; i++) {
      const x = split.x[2 * i];
      const y = split.x[2 * i + 1];
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (!(xMax > xMin)) [xMin, xMax] = [xMin - 1, xMin + 1];
  if (!(yMax > yMin)) [yMin, yMax] = [yMin - 1, yMin + 1];
  const mx = (xMax - xMin) * 0.1;
  const my = (yMax - yMin) * 0.1;
  const grid = { size, xMin: xMin - mx, xMax: xMax + mx, yMin: yMin - my, yMax: yMax + my, inputs: new Float32Array(size * size * 2) };
  const step = (lo: number, hi: number, i: number) => lo + ((hi - lo) * i) / (size - 1);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const at = 2 * (row * size + col);
      grid.inputs[at] = step(grid.xMin, grid.xMax, col);
      grid.inputs[at + 1] = step(grid.yMin, grid.yMax, row);
    }
  }
  applyNormalisation(stats, grid.inputs);
  return grid;
}

/** The map from the model's predictions at the grid points: P(class 1) for one output, else the argmax class. */
export function decisionGrid(grid: BoundaryGrid, predictions: Float32Array): DecisionGrid {
  const points = grid.size * grid.size;
  const width = predictions.length / points;
  const values = new Float32Array(points);
  if (width === 1) values.set(predictions);
  else {
    for (let p = 0; p < points; p++) {
      let best = 0;
      for (let c = 1; c < width; c++) if (predictions[p * width + c] > predictions[p * width + best]) best = c;
      values[p] = best;
    }
  }
  return { size: grid.size, xMin: grid.xMin, xMax: grid.xMax, yMin: grid.yMin, yMax: grid.yMax, values };
}
