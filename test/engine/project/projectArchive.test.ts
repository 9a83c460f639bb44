import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject } from '../../../engine/model';
import type { ModelDocument } from '../../../engine/model';
import { DEFAULT_ARCHIVE_LIMITS, isProjectArchive, isSafeEntryName, readProjectFile, writeProjectFile } from '../../../engine/project';
import type { ProjectRun } from '../../../engine/project';

const templateText = readFileSync(path.resolve(import.meta.dirname, '../../../templates/mlp-mnist.json'), 'utf8');
const parsedTemplate = parseProject(templateText, 'mlp-mnist.json');
if (!parsedTemplate.ok) throw new Error(parsedTemplate.message);
const doc: ModelDocument = parsedTemplate.doc;

function seeded(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 3;
  }
  return out;
}

function makeRun(n: number, extra: Partial<ProjectRun> = {}): ProjectRun {
  const batches = seeded(6 * 40, n);
  batches[7] = Number.NaN; // a NaN loss row survives bit for bit
  return {
    id: `run-${n}`,
    label: `Run ${n}`,
    startedAt: 1_700_000_000_000 + n,
    document: { ...doc, training: { ...doc.training, epochs: 2 } },
    status: 'completed',
    error: null,
    totalEpochs: 2,
    batchesPerEpoch: 20,
    threads: 2,
    kernels: 'wasm-simd',
    epochs: [
      { epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85, learningRate: 0.001, seconds: 1.5 },
      { epoch: 2, trainLoss: 0.3, trainAccuracy: 0.9, valLoss: 0.35, valAccuracy: 0.9, learningRate: 0.001, seconds: 1.4 },
    ],
    bestEpoch: 2,
    batches,
    live: { epoch: 2, progress: 1, elapsedSeconds: 2.9, samplesPerSecond: 12000 },
    weights: { 'hidden/kernel': seeded(784 * 16, n + 1), 'hidden/bias': seeded(16, n + 2), 'out/kernel': seeded(160, n + 3) },
    normalisation: { kind: 'standardise', offset: [0.1307], scale: [3.2457] },
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    ...extra,
  };
}

const bitsOf = (values: Float32Array): Uint32Array => new Uint32Array(values.buffer, values.byteOffset, values.length);

/** Rewrites one entry of an archive (with its central directory rebuilt by fflate). */
function rezip(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files);
}

/** Offsets of central directory headers (PK\x01\x02). */
function centralHeaders(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2) out.push(i);
  return out;
}

function expectFailure(bytes: Uint8Array, pattern: RegExp) {
  const result = readProjectFile(bytes, 'hostile.netwright');
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(pattern);
}

describe('project archive', () => {
  it('round-trips the document and every run bit for bit', () => {
    const runs = [makeRun(1), makeRun(2, { status: 'failed', error: { code: 'nonFinite', message: 'The loss is NaN.', hint: 'Lower the learning rate.' }, lastWeights: { 'hidden/bias': seeded(16, 9) } })];
    const bytes = writeProjectFile(doc, runs, { shapeOf: (_run, name) => (name === 'hidden/kernel' ? [784, 16] : undefined) });
    expect(isProjectArchive(bytes)).toBe(true);
    const read = readProjectFile(bytes, 'p.netwright');
    if (!read.ok) throw new Error(read.message);
    expect(read.container).toBe('archive');
    expect(serializeProject(read.doc)).toBe(serializeProject(doc));
    expect(read.runs).toHaveLength(2);
    read.runs.forEach((run, i) => {
      const original = runs[i];
      expect(run.id).toBe(original.id);
      expect(run.status).toBe(original.status);
      expect(run.error).toEqual(original.error);
      expect(run.epochs).toEqual(original.epochs);
      expect(run.bestEpoch).toBe(original.bestEpoch);
      expect(run.normalisation).toEqual(original.normalisation);
      expect(run.classes).toEqual(original.classes);
      expect(run.document).toEqual(original.document);
      expect(bitsOf(run.batches)).toEqual(bitsOf(original.batches));
      for (const [name, values] of Object.entries(original.weights!)) expect(bitsOf(run.weights![name])).toEqual(bitsOf(values));
      expect(Object.keys(run.weights!).sort()).toEqual(Object.keys(original.weights!).sort());
    });
    expect(bitsOf(read.runs[1].lastWeights!['hidden/bias'])).toEqual(bitsOf(runs[1].lastWeights!['hidden/bias']));
    // The project part is exactly the plain project file.
    expect(new TextDecoder().decode(unzipSync(bytes)['project.json'])).toBe(serializeProject(doc));
    // Saving the same runs twice gives the same bytes.
    expect(writeProjectFile(doc, runs)).toEqual(writeProjectFile(doc, runs));
  });

  it("records each tensor's shape from the run's own model, and a flat one where the model does not say", () => {
    const run = makeRun(1, { weights: { 'hidden/kernel': seeded(784 * 128, 1), 'hidden/bias': seeded(128, 2), 'logits/kernel': seeded(7, 3) } });
    const files = unzipSync(writeProjectFile(doc, [run]));
    const manifest = JSON.parse(new TextDecoder().decode(files['runs/1/run.json'])) as { tensors: { entries: { name: string; shape: number[]; offset: number; byteLength: number }[] } };
    const byName = Object.fromEntries(manifest.tensors.entries.map((e) => [e.name, e]));
    expect(byName['hidden/kernel'].shape).toEqual([784, 128]);
    expect(byName['hidden/bias'].shape).toEqual([128]);
    expect(byName['logits/kernel'].shape).toEqual([7]); // 7 values cannot be its [128, 10]: written flat
    expect(manifest.tensors.entries.reduce((end, e) => (expect(e.offset).toBe(end), end + e.byteLength), 0)).toBe(files['runs/1/weights.bin'].length);
  });

  it('keeps a run that failed before any weights', () => {
    const bytes = writeProjectFile(doc, [makeRun(1, { status: 'failed', weights: null, error: { code: 'dataset', message: 'x', hint: 'y' }, epochs: [], bestEpoch: null, normalisation: null })]);
    const read = readProjectFile(bytes, 'p.netwright');
    if (!read.ok) throw new Error(read.message);
    expect(read.runs[0].weights).toBeNull();
  });

  it('writes a project without runs as plain JSON, and opens plain JSON projects as before', () => {
    const bytes = writeProjectFile(doc);
    expect(new TextDecoder().decode(bytes)).toBe(serializeProject(doc));
    const read = readProjectFile(new TextEncoder().encode(templateText), 'mlp-mnist.json');
    expect(read.ok && read.container === 'json' && read.runs.length === 0).toBe(true);
    const broken = readProjectFile(new TextEncoder().encode('{"format": "netwright-model", '), 'broken.netwright');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problem).toBe('malformed-json');
    expectFailure(new Uint8Array([0xff, 0xfe, 0x00, 0x80]), /neither a project archive nor JSON/);
  });

  it('refuses an entry whose declared size is a zip bomb before inflating it', () => {
    const bytes = writeProjectFile(doc, [makeRun(1)]);
    // Claim 4 GiB - 1 for every entry in the central directory.
    for (const at of centralHeaders(bytes)) new DataView(bytes.buffer).setUint32(at + 24, 0xffffffff, true);
    expectFailure(bytes, /would unpack to .* more than the/);
  });

  it('bounds the total of all entries', () => {
    const bytes = writeProjectFile(doc, [makeRun(1), makeRun(2)]);
    const result = readProjectFile(bytes, 'p.netwright', { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 10_000 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/would unpack to more than/);
    const few = readProjectFile(bytes, 'p.netwright', { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 3 });
    expect(!few.ok && /more than 3 entries/.test(few.message)).toBe(true);
  });

  it('never inflates past the declared size of an entry that lies about it', () => {
    const zeros = new Uint8Array(20_000_000);
    const bytes = zipSync({ 'manifest.json': zeros, 'project.json': strToU8(templateText) });
    for (const at of centralHeaders(bytes)) {
      const nameLength = new DataView(bytes.buffer).getUint16(at + 28, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (name === 'manifest.json') new DataView(bytes.buffer).setUint32(at + 24, 64, true);
    }
    expectFailure(bytes, /manifest\.json/);
  });

  it('refuses entry names that leave the archive', () => {
    for (const name of ['../evil.json', '/etc/passwd', 'runs/../../x', 'C:/x', 'a\\..\\b', 'runs//1']) {
      expect(isSafeEntryName(name)).toBe(false);
      const bytes = rezip(writeProjectFile(doc, [makeRun(1)]), (files) => {
        files[name] = strToU8('x');
      });
      expectFailure(bytes, /name that is not allowed/);
    }
    expect(isSafeEntryName('runs/1/weights.bin')).toBe(true);
  });

  it('refuses truncated archives at every length without throwing', () => {
    const bytes = writeProjectFile(doc, [makeRun(1)]);
    for (const cut of [0, 4, 21, 100, Math.floor(bytes.length / 2), bytes.length - 30, bytes.length - 1]) {
      const result = readProjectFile(bytes.subarray(0, cut), 't.netwright');
      expect(result.ok).toBe(false);
    }
  });

  it('refuses weights whose byte length does not match their shape or the file', () => {
    const wrongShape = rezip(writeProjectFile(doc, [makeRun(1)]), (files) => {
      const run = JSON.parse(new TextDecoder().decode(files['runs/1/run.json']));
      run.tensors.entries[0].shape = [3, 3];
      files['runs/1/run.json'] = strToU8(JSON.stringify(run));
    });
    expectFailure(wrongShape, /needs 36/);
    const shortFile = rezip(writeProjectFile(doc, [makeRun(1)]), (files) => {
      files['runs/1/weights.bin'] = files['runs/1/weights.bin'].subarray(0, 100);
    });
    expectFailure(shortFile, /lies outside "runs\/1\/weights.bin"/);
    const shortBatches = rezip(writeProjectFile(doc, [makeRun(1)]), (files) => {
      files['runs/1/batches.bin'] = files['runs/1/batches.bin'].subarray(0, 10);
    });
    expectFailure(shortBatches, /batches\.bin" is 10 bytes/);
  });

  it('validates every JSON part and names it', () => {
    const badRun = rezip(writeProjectFile(doc, [makeRun(1)]), (files) => {
      const run = JSON.parse(new TextDecoder().decode(files['runs/1/run.json']));
      run.status = 'running';
      files['runs/1/run.json'] = strToU8(JSON.stringify(run));
    });
    expectFailure(badRun, /runs\/1\/run\.json" does not match the format \(status/);
    const badManifest = rezip(writeProjectFile(doc, [makeRun(1)]), (files) => {
      files['manifest.json'] = strToU8('{"format":"netwright-project","version":1,"project":"project.json","runs":["../1"]}');
    });
    expectFailure(badManifest, /manifest\.json/);
    const missingRun = rezip(writeProjectFile(doc, [makeRun(1)]), (files) => {
      delete files['runs/1/run.json'];
    });
    expectFailure(missingRun, /no "runs\/1\/run\.json"/);
    const newer = rezip(writeProjectFile(doc, [makeRun(1)]), (files) => {
      files['manifest.json'] = strToU8('{"format":"netwright-project","version":99,"project":"project.json","runs":[]}');
    });
    const result = readProjectFile(newer, 'n.netwright');
    expect(!result.ok && result.problem === 'newer-version').toBe(true);
    const notOurs = zipSync({ 'readme.txt': strToU8('hello') });
    expectFailure(notOurs, /not a Netwright project/);
  });

  it('keeps a hostile tensor name as a plain key, never as a prototype', () => {
    const bytes = writeProjectFile(doc, [makeRun(1, { weights: { ['__proto__']: new Float32Array([1, 2]), constructor: new Float32Array([3]) } as never })]);
    const read = readProjectFile(bytes, 'p.netwright');
    if (!read.ok) throw new Error(read.message);
    const weights = read.runs[0].weights!;
    expect(Object.keys(weights).sort()).toEqual(['__proto__', 'constructor']);
    expect(Array.from(weights['__proto__'])).toEqual([1, 2]);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('survives 1,000 mutated and truncated archives without throwing', () => {
    const small = makeRun(1, { weights: { 'hidden/kernel': seeded(64, 3), 'hidden/bias': seeded(8, 4) }, batches: seeded(6 * 4, 5) });
    const bytes = writeProjectFile(doc, [small]);
    let s = 7;
    const next = () => (s = (s * 1103515245 + 12345) >>> 0);
    let refused = 0;
    for (let trial = 0; trial < 1000; trial++) {
      let copy = bytes.slice();
      if (trial % 4 === 3) copy = copy.subarray(0, next() % copy.length);
      else for (let k = 0; k <= trial % 3; k++) copy[next() % copy.length] ^= 1 + (next() >>> 24) % 255;
      let result: ReturnType<typeof readProjectFile> | undefined;
      expect(() => (result = readProjectFile(copy, 'fuzz.netwright'))).not.toThrow();
      if (!result!.ok) {
        refused++;
        expect(result!.message).toMatch(/^Could not open "fuzz\.netwright/);
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});
