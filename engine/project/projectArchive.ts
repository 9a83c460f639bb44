/**
 * The project file with runs: a zip archive (written with fflate) holding
 *
 *   manifest.json          { format: "netwright-project", version: 1, project: "project.json", runs: ["runs/1", …] }
 *   project.json           the model document, byte for byte what a plain project file holds
 *   runs/<n>/run.json      a run's settings snapshot, metrics, status, manifest of tensors (runFile.ts)
 *   runs/<n>/weights.bin   raw little-endian float32 tensors, one after another (stored, not deflated)
 *   runs/<n>/batches.bin   per-batch metric rows, little-endian float32 (stored)
 *
 * A project without runs is still saved as plain JSON, so model-only files stay readable and diffable.
 * `readProjectFile` takes either kind (a zip is recognised by its magic bytes) and never throws: the
 * archive is hostile until every part has been checked (see zipEntries.ts for the zip itself).
 */
import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { weightShapes } from '../interop/graph';
import { compileGraph } from '../model/compile';
import type { ModelDocument } from '../model/document';
import { parseDocument } from '../model/migrations';
import { parseJsonText } from '../model/jsonSyntax';
import { parseProject, serializeProject } from '../model/projectFile';
import type { ProjectIssue, ProjectProblem } from '../model/projectFile';
import { BATCH_METRIC_COLUMNS } from '../training/protocol';
import type { WeightMap } from '../training/protocol';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, manifestSchema, runFileSchema } from './runFile';
import type { ArchiveManifest, ProjectRun, RunFile, TensorEntry, WeightSetName } from './runFile';
import { DEFAULT_ARCHIVE_LIMITS, extractEntries, listEntries, looksLikeZip } from './zipEntries';
import type { ArchiveLimits } from './zipEntries';

export type ProjectFileProblem = ProjectProblem | 'damaged-archive';

export type ReadProjectFileResult =
  | { ok: true; doc: ModelDocument; runs: ProjectRun[]; migratedFrom?: number; container: 'json' | 'archive' }
  | { ok: false; problem: ProjectFileProblem; message: string; issues: ProjectIssue[] };

/** Shapes of a run's tensors by weight name, when the caller knows better than the run's document. */
export type ShapeLookup = (runId: string, name: string, length: number) => number[] | undefined;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Float32 values as little-endian bytes (a view without copying on little-endian machines). */
function float32Bytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** Little-endian float32 bytes as values (always a copy, so the archive's buffer can go). */
function bytesToFloat32(bytes: Uint8Array, offset: number, byteLength: number): Float32Array {
  if (LITTLE_ENDIAN) return new Float32Array(bytes.slice(offset, offset + byteLength).buffer);
  const out = new Float32Array(byteLength / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The engine's weight shapes of a document ("<node id>/kernel" → [in, out]); empty when it does not compile. */
function documentWeightShapes(doc: ModelDocument): Map<string, number[]> {
  try {
    const compiled = compileGraph(doc);
    if (!compiled.ok) return new Map();
    return new Map(compiled.program.nodes.flatMap((node) => Object.entries(weightShapes(node)).map(([short, shape]) => [`${node.id}/${short}`, shape] as const)));
  } catch {
    return new Map();
  }
}

/** The weights file of one run and the manifest that describes it; a tensor whose shape is unknown is written flat. */
function packWeights(run: ProjectRun, shapeOf: ShapeLookup | undefined): { data: Uint8Array; entries: TensorEntry[] } {
  const shapes = documentWeightShapes(run.document);
  const entries: TensorEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  const sets: [WeightSetName, WeightMap | null | undefined][] = [
    ['weights', run.weights],
    ['lastWeights', run.lastWeights],
  ];
  for (const [set, map] of sets) {
    if (!map) continue;
    for (const name of Object.keys(map).sort()) {
      const values = map[name];
      const known = shapeOf?.(run.id, name, values.length) ?? shapes.get(name);
      const shape = Array.isArray(known) && product(known) === values.length ? known : [values.length];
      const bytes = float32Bytes(values);
      entries.push({ set, name, shape, offset, byteLength: bytes.length });
      parts.push(bytes);
      offset += bytes.length;
    }
  }
  return { data: concat(parts, offset), entries };
}

/** The JSON text of a run's description (NaN losses become null; the reader turns them back). */
function runJson(run: ProjectRun, tensors: TensorEntry[], rows: number): string {
  const file: Omit<RunFile, 'document'> & { document: ModelDocument } = {
    id: run.id,
    label: run.label,
    startedAt: run.startedAt,
    document: run.document,
    status: run.status,
    error: run.error,
    totalEpochs: run.totalEpochs,
    batchesPerEpoch: run.batchesPerEpoch,
    threads: run.threads,
    kernels: run.kernels,
    epochs: run.epochs,
    bestEpoch: run.bestEpoch,
    live: run.live,
    normalisation: run.normalisation,
    ...(run.classes ? { classes: run.classes } : {}),
    ...(run.startedFrom ? { startedFrom: run.startedFrom } : {}),
    ...(run.importedFrom !== undefined ? { importedFrom: run.importedFrom } : {}),
    batches: { file: 'batches.bin', columns: [...BATCH_METRIC_COLUMNS], rows },
    tensors: { file: 'weights.bin', entries: tensors },
  };
  return `${JSON.stringify(file)}\n`;
}

// A fixed date keeps the archive a function of its content (two saves of the same runs are identical).
const ARCHIVE_DATE = new Date(1980, 0, 1, 12);

/**
 * The bytes of a project file: plain JSON text (UTF-8) when there are no runs, else the archive.
 * JSON parts are deflated; float32 files are stored, since they barely compress and are read fastest as they are.
 */
export function writeProjectFile(doc: ModelDocument, runs: readonly ProjectRun[] = [], options: { shapeOf?: ShapeLookup } = {}): Uint8Array {
  const project = utf8.encode(serializeProject(doc));
  if (runs.length === 0) return project;
  const folders = runs.map((_, i) => `runs/${i + 1}`);
  const manifest: ArchiveManifest = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, project: 'project.json', runs: folders };
  const files: Zippable = {
    'manifest.json': utf8.encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'project.json': project,
  };
  runs.forEach((run, i) => {
    const rows = Math.floor(run.batches.length / BATCH_METRIC_COLUMNS.length);
    const weights = packWeights(run, options.shapeOf);
    files[`${folders[i]}/run.json`] = utf8.encode(runJson(run, weights.entries, rows));
    files[`${folders[i]}/weights.bin`] = [weights.data, { level: 0 }];
    files[`${folders[i]}/batches.bin`] = [float32Bytes(run.batches.subarray(0, rows * BATCH_METRIC_COLUMNS.length)), { level: 0 }];
  });
  return zipSync(files, { level: 6, mtime: ARCHIVE_DATE });
}

/** True when the bytes are a project archive rather than plain JSON. */
export const isProjectArchive = looksLikeZip;

const damaged = (fileName: string, detail: string): ReadProjectFileResult => ({
  ok: false,
  problem: 'damaged-archive',
  message: `Could not open "${fileName}": ${detail}`,
  issues: [],
});

function describeZod(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Reads one JSON part, checked by `schema`; an error names the part. */
function readJsonPart<T>(files: Map<string, Uint8Array>, name: string, parse: (json: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): { ok: true; value: T } | { ok: false; message: string } {
  const bytes = files.get(name);
  if (!bytes) return { ok: false, message: `the archive has no "${name}".` };
  let text: string;
  try {
    text = fromUtf8.decode(bytes);
  } catch {
    return { ok: false, message: `"${name}" is not UTF-8 text.` };
  }
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, message: `"${name}" is not valid JSON: ${json.message}` };
  const parsed = parse(json.json);
  if (!parsed.success) return { ok: false, message: `"${name}" does not match the format (${describeZod(parsed.error)}).` };
  return { ok: true, value: parsed.data };
}

/** One run back from its folder, every length checked against the manifest. */
function readRun(files: Map<string, Uint8Array>, folder: string): { ok: true; run: ProjectRun } | { ok: false; message: string } {
  const part = readJsonPart(files, `${folder}/run.json`, (json) => runFileSchema.safeParse(json));
  if (!part.ok) return part;
  const file = part.value;
  const where = `"${folder}/run.json"`;
  const document = parseDocument(file.document);
  if (!document.ok) return { ok: false, message: `${where} holds a model that cannot be read: ${document.error}` };

  const batchBytes = files.get(`${folder}/batches.bin`);
  const rowBytes = BATCH_METRIC_COLUMNS.length * 4;
  if (!batchBytes) return { ok: false, message: `the archive has no "${folder}/batches.bin".` };
  if (batchBytes.length !== file.batches.rows * rowBytes) {
    return { ok: false, message: `"${folder}/batches.bin" is ${batchBytes.length} bytes, but ${where} declares ${file.batches.rows} rows (${file.batches.rows * rowBytes} bytes).` };
  }
  const weightBytes = files.get(`${folder}/weights.bin`);
  if (!weightBytes) return { ok: false, message: `the archive has no "${folder}/weights.bin".` };

  const sets: Record<WeightSetName, WeightMap | null> = { weights: null, lastWeights: null };
  for (const entry of file.tensors.entries) {
    const expected = product(entry.shape) * 4;
    const label = `tensor "${entry.name}" (${entry.set}) in ${where}`;
    if (entry.byteLength !== expected) return { ok: false, message: `${label} is ${entry.byteLength} bytes, but its shape [${entry.shape.join(', ')}] needs ${expected}.` };
    if (entry.offset % 4 !== 0 || entry.offset + entry.byteLength > weightBytes.length) {
      return { ok: false, message: `${label} lies outside "${folder}/weights.bin" (offset ${entry.offset}, ${entry.byteLength} bytes of ${weightBytes.length}).` };
    }
    const map = (sets[entry.set] ??= Object.create(null) as WeightMap);
    if (Object.prototype.hasOwnProperty.call(map, entry.name)) return { ok: false, message: `${label} is listed twice.` };
    map[entry.name] = bytesToFloat32(weightBytes, entry.offset, entry.byteLength);
  }
  return {
    ok: true,
    run: {
      id: file.id,
      label: file.label,
      startedAt: file.startedAt,
      document: document.doc,
      status: file.status,
      error: file.error,
      totalEpochs: file.totalEpochs,
      batchesPerEpoch: file.batchesPerEpoch,
      threads: file.threads,
      kernels: file.kernels,
      epochs: file.epochs,
      bestEpoch: file.bestEpoch,
      batches: bytesToFloat32(batchBytes, 0, batchBytes.length),
      live: file.live,
      weights: sets.weights,
      ...(sets.lastWeights ? { lastWeights: sets.lastWeights } : {}),
      normalisation: file.normalisation,
      ...(file.classes ? { classes: file.classes } : {}),
      ...(file.startedFrom ? { startedFrom: file.startedFrom } : {}),
      ...(file.importedFrom !== undefined ? { importedFrom: file.importedFrom } : {}),
    },
  };
}

function readArchive(bytes: Uint8Array, fileName: string, limits: ArchiveLimits): ReadProjectFileResult {
  const listed = listEntries(bytes, limits);
  if (!listed.ok) return damaged(fileName, listed.message);
  const jsonTooBig = listed.entries.find((e) => e.name.endsWith('.json') && e.size > limits.maxJsonBytes);
  if (jsonTooBig) return damaged(fileName, `"${jsonTooBig.name}" is larger than any project part could be.`);

  const head = extractEntries(bytes, listed.entries, new Set(['manifest.json', 'project.json']));
  if (!head.ok) return damaged(fileName, head.message);
  const manifest = readJsonPart(head.files, 'manifest.json', (json) => manifestSchema.safeParse(json));
  if (!manifest.ok) return damaged(fileName, `it is a zip archive but not a Netwright project: ${manifest.message}`);
  if (manifest.value.version > ARCHIVE_VERSION) {
    return { ok: false, problem: 'newer-version', message: `Could not open "${fileName}": it was saved by a newer Netwright (archive version ${manifest.value.version}; this one reads up to ${ARCHIVE_VERSION}) — update Netwright to open it.`, issues: [] };
  }
  const projectBytes = head.files.get('project.json');
  if (!projectBytes) return damaged(fileName, 'the archive has no "project.json".');
  let projectText: string;
  try {
    projectText = fromUtf8.decode(projectBytes);
  } catch {
    return damaged(fileName, '"project.json" is not UTF-8 text.');
  }
  const project = parseProject(projectText, `${fileName} › project.json`);
  if (!project.ok) return project;

  const folders = manifest.value.runs;
  if (new Set(folders).size !== folders.length) return damaged(fileName, 'the manifest lists a run twice.');
  const wanted = new Set(folders.flatMap((f) => [`${f}/run.json`, `${f}/weights.bin`, `${f}/batches.bin`]));
  const body = extractEntries(bytes, listed.entries, wanted);
  if (!body.ok) return damaged(fileName, body.message);
  const runs: ProjectRun[] = [];
  for (const folder of folders) {
    const run = readRun(body.files, folder);
    if (!run.ok) return damaged(fileName, run.message);
    runs.push(run.run);
  }
  if (new Set(runs.map((r) => r.id)).size !== runs.length) return damaged(fileName, 'two runs have the same id.');
  return { ok: true, doc: project.doc, runs, container: 'archive', ...(project.migratedFrom ? { migratedFrom: project.migratedFrom } : {}) };
}

/**
 * Reads a project file's bytes: an archive with runs, or a plain JSON project (no runs). `fileName`
 * names the file in messages. Never throws.
 */
export function readProjectFile(bytes: Uint8Array, fileName: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ReadProjectFileResult {
  try {
    if (looksLikeZip(bytes)) return readArchive(bytes, fileName, limits);
    if (bytes.length > limits.maxJsonBytes) return damaged(fileName, 'it is larger than any project file could be.');
    let text: string;
    try {
      text = fromUtf8.decode(bytes);
    } catch {
      return { ok: false, problem: 'not-a-project', message: `Could not open "${fileName}": it is neither a project archive nor JSON text.`, issues: [] };
    }
    const parsed = parseProject(text, fileName);
    if (!parsed.ok) return parsed;
    return { ok: true, doc: parsed.doc, runs: [], container: 'json', ...(parsed.migratedFrom ? { migratedFrom: parsed.migratedFrom } : {}) };
  } catch (err) {
    return damaged(fileName, `it could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }
}
