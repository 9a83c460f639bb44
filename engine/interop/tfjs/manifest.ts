/**
 * The weights manifest of a TF.js model.json, checked before any weight file is opened: every shard
 * path relative and inside the model's folder, every weight float32 with a sane shape, and the bytes
 * each group of shards must hold, within the import limit. The CLI compares file sizes against it
 * before reading; importTfjs compares the bytes it is given.
 */
import type { ImportLimits } from '../limits';
import { ByteBudget, checkDims, checkShardPath, describeValue, maxWeightBytes, ModelFileError, tensorBytes } from '../limits';

/** One weight of the manifest, in file order. */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  /** Byte offset in the concatenated shards. */
  offset: number;
  bytes: number;
}

/** One manifest group: its shard files (relative paths) and the bytes they hold together. */
export interface TfjsShardGroup {
  paths: string[];
  bytes: number;
}

export interface TfjsManifest {
  groups: TfjsShardGroup[];
  weights: TfjsWeightSpec[];
  /** Bytes of all shards, concatenated in manifest order. */
  totalBytes: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and checks `weightsManifest` (absent means a model without weights). */
export function readTfjsManifest(modelJson: unknown, limits?: ImportLimits): TfjsManifest {
  if (!isRecord(modelJson)) throw new ModelFileError('The model.json is not a JSON object; it is not a TensorFlow.js model.');
  const raw = modelJson.weightsManifest;
  if (raw === undefined || raw === null) return { groups: [], weights: [], totalBytes: 0 };
  if (!Array.isArray(raw)) throw new ModelFileError('The model.json\'s "weightsManifest" is not a list of weight groups; the file is damaged.');
  const budget = new ByteBudget(maxWeightBytes(limits));
  const groups: TfjsShardGroup[] = [];
  const weights: TfjsWeightSpec[] = [];
  const seen = new Set<string>();
  raw.forEach((group: unknown, g) => {
    const where = `weightsManifest[${g}]`;
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new ModelFileError(`${where} needs "paths" (the weight files) and "weights" (their contents); the model.json is damaged.`);
    }
    const paths = group.paths.map((p: unknown, i) => {
      checkShardPath(p, `${where}.paths[${i}]`);
      return p as string;
    });
    let bytes = 0;
    group.weights.forEach((spec: unknown, i) => {
      const at = `${where}.weights[${i}]`;
      if (!isRecord(spec) || typeof spec.name !== 'string') throw new ModelFileError(`${at} has no name; the model.json is damaged.`);
      const name = spec.name;
      const dtype = spec.dtype ?? 'float32';
      if (spec.quantization !== undefined && spec.quantization !== null) {
        throw new ModelFileError(`Weight ${describeValue(name)} is quantised; only float32 weights can be imported (convert the model without quantisation).`);
      }
      if (dtype !== 'float32') throw new ModelFileError(`Weight ${describeValue(name)} is ${describeValue(dtype)}; only float32 weights can be imported.`);
      if (seen.has(name)) throw new ModelFileError(`Weight ${describeValue(name)} appears twice in the weights manifest; the model.json is damaged.`);
      seen.add(name);
      const shape = checkDims(spec.shape, `Weight ${describeValue(name)}`);
      const size = tensorBytes(shape, 4, budget.limit, `Weight ${describeValue(name)}`);
      budget.take(size, `Weight ${describeValue(name)}`);
      weights.push({ name, shape, offset: budget.total - size, bytes: size });
      bytes += size;
    });
    groups.push({ paths, bytes });
  });
  return { groups, weights, totalBytes: budget.total };
}
