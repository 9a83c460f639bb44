/**
 * Loads the PyTorch reference fixtures and compares engine output against them.
 *
 *   const ops = loadGolden('ops');
 *   expectClose(myDx, ops.activations.gelu.dx, GOLDEN_TOLERANCE.gradient, 'gelu dx');
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GoldenGroupName, GoldenGroups, GoldenTensor } from './goldenTypes';

export type * from './goldenTypes';
export { GOLDEN_GROUPS, GOLDEN_ACTIVATIONS, GOLDEN_FUSED_ACTIVATIONS, TRAINING_SECTIONS } from './goldenTypes';

/** Where the committed fixtures live. */
export const GOLDEN_FIXTURE_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Tolerances for a float32 engine against the float64-computed references (see README.md). */
export const GOLDEN_TOLERANCE = {
  forward: { rtol: 1e-5, atol: 1e-6 },
  gradient: { rtol: 1e-4, atol: 1e-5 },
  trainingLoss: { rtol: 1e-4, atol: 1e-5 },
  trainingWeights: { rtol: 1e-4, atol: 1e-5 },
} as const satisfies Record<string, Tolerance>;

const cache = new Map<GoldenGroupName, unknown>();

/** True for the JSON form of a tensor: exactly the keys shape and data, both arrays. */
function isRawTensor(value: unknown): value is { shape: number[]; data: number[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  return keys.length === 2 && Array.isArray(record.shape) && Array.isArray(record.data);
}

function reviveTensors(value: unknown, path: string): unknown {
  if (isRawTensor(value)) {
    const expected = value.shape.reduce((product, dim) => product * dim, 1);
    if (value.data.length !== expected) {
      throw new Error(`golden fixture ${path}: shape [${value.shape}] needs ${expected} values but data has ${value.data.length}`);
    }
    const tensor: GoldenTensor = { shape: value.shape, data: Float32Array.from(value.data) };
    return tensor;
  }
  if (Array.isArray(value)) return value.map((item, i) => reviveTensors(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = reviveTensors(item, `${path}.${key}`);
    return out;
  }
  return value;
}

/** Parses fixture JSON text, turning every {shape, data} into a GoldenTensor with a Float32Array. */
export function parseGolden<G extends GoldenGroupName>(group: G, text: string): GoldenGroups[G] {
  return reviveTensors(JSON.parse(text), group) as GoldenGroups[G];
}

/** Loads test/golden/fixtures/<group>.json (cached; treat the result as read-only). */
export function loadGolden<G extends GoldenGroupName>(group: G): GoldenGroups[G] {
  const cached = cache.get(group);
  if (cached !== undefined) return cached as GoldenGroups[G];
  const file = new URL(`./fixtures/${group}.json`, import.meta.url);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`golden fixture group "${group}" not found at ${fileURLToPath(file)}; ` +
      'regenerate with /usr/bin/python3 scripts/golden/make_golden.py', { cause: error });
  }
  const parsed = parseGolden(group, text);
  cache.set(group, parsed);
  return parsed;
}

type Values = Float32Array | Float64Array | readonly number[];

function valuesOf(value: GoldenTensor | Values | number): { values: Values; shape: number[] | null } {
  if (typeof value === 'number') return { values: [value], shape: null };
  if ('shape' in value && 'data' in value) return { values: value.data, shape: value.shape };
  return { values: value as Values, shape: null };
}

/** Row-major flat index -> multi-index, for messages. */
function multiIndex(flat: number, shape: number[]): number[] {
  const index: number[] = [];
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index.unshift(rest % shape[axis]);
    rest = Math.floor(rest / shape[axis]);
  }
  return index;
}

/**
 * Throws unless every |actual − expected| ≤ atol + rtol·|expected|. The message names the label,
 * how many values failed, and the worst one (index, actual, expected). NaN never passes.
 */
export function expectClose(
  actual: GoldenTensor | Values | number,
  expected: GoldenTensor | Values | number,
  tolerance: Tolerance,
  label: string,
): void {
  const got = valuesOf(actual);
  const want = valuesOf(expected);
  const shape = want.shape ?? got.shape;
  if (got.values.length !== want.values.length) {
    throw new Error(`${label}: got ${got.values.length} values, expected ${want.values.length}` +
      (shape ? ` (shape [${shape}])` : ''));
  }
  if (got.shape && want.shape && got.shape.join(',') !== want.shape.join(',')) {
    throw new Error(`${label}: got shape [${got.shape}], expected [${want.shape}]`);
  }
  let failures = 0;
  let worst = -1;
  let worstExcess = -Infinity;
  for (let i = 0; i < want.values.length; i++) {
    const a = got.values[i];
    const e = want.values[i];
    const allowed = tolerance.atol + tolerance.rtol * Math.abs(e);
    const excess = Number.isNaN(a) || Number.isNaN(e) ? Infinity : Math.abs(a - e) - allowed;
    if (excess > 0 || Number.isNaN(excess)) failures++;
    if (excess > worstExcess || worst < 0) {
      worstExcess = excess;
      worst = i;
    }
  }
  if (failures === 0) return;
  const a = got.values[worst];
  const e = want.values[worst];
  const where = shape && shape.length > 1 ? ` [${multiIndex(worst, shape)}]` : '';
  throw new Error(
    `${label}: ${failures} of ${want.values.length} values differ beyond atol ${tolerance.atol} + rtol ${tolerance.rtol}·|expected|; ` +
      `worst at index ${worst}${where}: got ${a}, expected ${e} (|diff| ${Math.abs(a - e)})`,
  );
}
