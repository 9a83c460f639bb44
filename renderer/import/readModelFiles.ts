/**
 * Files a person hands the app (picked with File › Import… or dropped on the window) turned into a
 * Netwright model with its weights: a TensorFlow.js Layers model.json with its weight shards, or an
 * ONNX file. Pure: bytes in, a document and weights (or a message saying what to do) out. The format
 * readers are engine/interop's; this module finds the files they need and names the ones missing.
 */
import { importOnnx, importTfjs, InteropError } from '../../engine/interop';
import type { ModelDocument } from '../../engine/model';
import type { WeightMap } from '../../engine/training/protocol';
import type { ModelFile, ModelFileSet } from '../host/host';
import { tidyImportedDocument } from './importedDocument';

/** What a set of dropped or picked files is. */
export type FileSetKind =
  | { kind: 'onnx'; file: ModelFile }
  | { kind: 'tfjs'; file: ModelFile; json: Record<string, unknown> }
  | { kind: 'project'; file: ModelFile }
  | { kind: 'unknown'; message: string };

export type ModelImportResult =
  | { ok: true; doc: ModelDocument; weights: WeightMap; fileName: string }
  | { ok: false; message: string };

const lower = (name: string): string => name.toLowerCase();
const isOnnx = (f: ModelFile): boolean => lower(f.name).endsWith('.onnx');
const isJson = (f: ModelFile): boolean => lower(f.name).endsWith('.json');
const isProject = (f: ModelFile): boolean => lower(f.name).endsWith('.netwright') || lower(f.name).endsWith('.netwright.json');
const decoder = new TextDecoder('utf-8', { fatal: false });
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function parseJsonObject(file: ModelFile): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(decoder.decode(file.data).replace(/^\uFEFF/, ''));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${file.name} is JSON but not an object.`;
    return value as Record<string, unknown>;
  } catch (err) {
    return `${file.name} is not valid JSON (${messageOf(err)}).`;
  }
}

/**
 * Sorts out what the files are: one .onnx file, a TF.js model.json (its shards ride along), or a
 * Netwright project. A .json with "modelTopology" is TF.js; any other .json is taken for a project.
 */
export function classifyFiles(files: readonly ModelFile[]): FileSetKind {
  if (files.length === 0) return { kind: 'unknown', message: 'No files were given.' };
  const onnx = files.filter(isOnnx);
  const jsons = files.filter(isJson);
  if (onnx.length > 0) {
    if (onnx.length > 1 || jsons.length > 0) return { kind: 'unknown', message: `Import one model at a time: got ${files.map((f) => f.name).join(', ')}.` };
    return { kind: 'onnx', file: onnx[0] };
  }
  const projects = files.filter(isProject);
  if (projects.length === 1 && files.length === 1) return { kind: 'project', file: projects[0] };
  if (jsons.length === 0) {
    return { kind: 'unknown', message: `${files.map((f) => f.name).join(', ')}: Netwright opens project files and imports ONNX (.onnx) or TensorFlow.js models (model.json with its .bin weight files).` };
  }
  if (jsons.length > 1) return { kind: 'unknown', message: `Import one model at a time: got ${jsons.map((f) => f.name).join(', ')}.` };
  const parsed = parseJsonObject(jsons[0]);
  if (typeof parsed === 'string') return { kind: 'unknown', message: parsed };
  if ('modelTopology' in parsed) return { kind: 'tfjs', file: jsons[0], json: parsed };
  if (files.length === 1) return { kind: 'project', file: jsons[0] };
  return { kind: 'unknown', message: `${jsons[0].name} is not a TensorFlow.js model.json (it has no "modelTopology"), so the other files cannot be its weights.` };
}

/** The last segment of a manifest path: shards are matched by name among the files given. */
const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** The shard names model.json lists, in manifest order. */
export function shardNames(json: Record<string, unknown>): string[] | string {
  const manifest = json.weightsManifest;
  if (manifest === undefined) return [];
  if (!Array.isArray(manifest)) return 'its "weightsManifest" is not a list';
  const names: string[] = [];
  for (const group of manifest) {
    const paths = (group as { paths?: unknown } | null)?.paths;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p.length > 0)) return 'a "weightsManifest" entry has no list of "paths"';
    names.push(...(paths as string[]));
  }
  return names;
}

/** The shards' bytes joined in manifest order, or a message naming the shards that were not given. */
function joinShards(model: ModelFile, json: Record<string, unknown>, files: readonly ModelFile[]): Uint8Array | string {
  const names = shardNames(json);
  if (typeof names === 'string') return `${model.name} cannot be read: ${names}.`;
  const byName = new Map(files.map((f) => [f.name, f]));
  const missing = names.filter((n) => !byName.has(baseName(n)));
  if (missing.length > 0) {
    const list = missing.map(baseName).join(', ');
    return `${model.name} needs the weight file${missing.length === 1 ? '' : 's'} ${list}, which ${missing.length === 1 ? 'was' : 'were'} not given. Select model.json together with all its .bin files (they sit in the same folder).`;
  }
  const shards = names.map((n) => byName.get(baseName(n))!.data);
  const joined = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const shard of shards) {
    joined.set(shard, at);
    at += shard.length;
  }
  return joined;
}

/** The name the canvas shows: the file's; for the generic model.json its folder's, else the name inside the model. */
export function importedModelName(fileName: string, folderName?: string, modelName?: string): string {
  const stem = fileName.replace(/\.(onnx|json)$/i, '');
  if (stem.toLowerCase() === 'model') return folderName || modelName || stem;
  return stem || 'Imported model';
}

/** Reads the model in `set`; every failure is a message naming the file and what to do. */
export function readModelFiles(set: ModelFileSet): ModelImportResult {
  const what = classifyFiles(set.files);
  try {
    switch (what.kind) {
      case 'unknown':
        return { ok: false, message: what.message };
      case 'project':
        return { ok: false, message: `${what.file.name} is a Netwright project, not a model to import: open it with File › Open….` };
      case 'onnx': {
        const model = importOnnx(what.file.data, importedModelName(what.file.name));
        return { ok: true, ...tidyImportedDocument(model, importedModelName(what.file.name)), fileName: what.file.name };
      }
      case 'tfjs': {
        const weights = joinShards(what.file, what.json, set.files);
        if (typeof weights === 'string') return { ok: false, message: weights };
        const model = importTfjs(what.json, weights);
        return { ok: true, ...tidyImportedDocument(model, importedModelName(what.file.name, set.folderName, model.document.name)), fileName: what.file.name };
      }
      default: {
        const unreachable: never = what;
        return unreachable;
      }
    }
  } catch (err) {
    const file = what.kind === 'onnx' || what.kind === 'tfjs' ? what.file.name : 'The file';
    // InteropError carries a message meant for people; anything else is a reader tripping over a broken file.
    const detail = err instanceof InteropError ? messageOf(err) : `it looks damaged or is not a model this version can read (${messageOf(err)})`;
    return { ok: false, message: `Could not import ${file}: ${detail}` };
  }
}
