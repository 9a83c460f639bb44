/**
 * Imports trust nothing a file declares: TF.js weight shards only from inside the model's folder
 * (no "..", no absolute or Windows paths, no links out, no devices), sizes checked against the
 * manifest and the limit before anything is read or allocated, and malformed files end in a message
 * (a ModelFileError, exit code 1 from the CLI) rather than a stack trace.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/command';
import { runCli } from '../../../cli/main';
import { exportModel, importOnnx, importTfjs, InteropError, ModelFileError, readTfjsManifest } from '../../../engine/interop';
import { readTfjsFiles } from '../../../engine/interop/nodeFiles';
import { onnx } from '../../../engine/interop/onnx/onnxProto';
import { exportable, fixtureDocuments } from './fixtures';

function io(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), readTextFile: (p) => readFile(p, 'utf8') };
}

/** A TF.js export of the MLP fixture in a fresh folder (inside an outer folder holding a "secret"). */
function tfjsFolder(): { outer: string; dir: string; modelJson: Record<string, unknown>; file: string } {
  const outer = mkdtempSync(path.join(tmpdir(), 'netwright-shards-'));
  writeFileSync(path.join(outer, 'secret.bin'), new Uint8Array(4096).fill(7));
  const dir = path.join(outer, 'model');
  mkdirSync(dir);
  for (const f of exportModel(exportable(fixtureDocuments()[1]), 'tfjs')) writeFileSync(path.join(dir, f.path), f.data);
  const file = path.join(dir, 'model.json');
  return { outer, dir, file, modelJson: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
}

function withPaths(modelJson: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  const manifest = structuredClone(modelJson.weightsManifest) as { paths: string[] }[];
  manifest[0].paths = paths;
  return { ...modelJson, weightsManifest: manifest };
}

async function cliImport(file: string): Promise<{ code: number; errors: string }> {
  const cli = io();
  const code = await runCli(['import', file, '--out', path.join(path.dirname(file), 'out.json')], cli);
  return { code, errors: cli.errors.join('\n') };
}

describe('TF.js weight shards stay inside the model folder', () => {
  it('reads a genuine export', async () => {
    const { file } = tfjsFolder();
    const { modelJson, weightData } = await readTfjsFiles(file);
    expect(importTfjs(modelJson, weightData).document.nodes.length).toBeGreaterThan(3);
    expect((await cliImport(file)).code).toBe(0);
  });

  const refused: [string, string, RegExp][] = [
    ['a ".." path', '../secret.bin', /leads out of the model's folder/],
    ['a deeper ".." path', 'sub/../../secret.bin', /leads out of the model's folder/],
    ['/etc/passwd, via many ".."', '../../../../../../../../etc/passwd', /leads out/],
    ['an absolute path', '/etc/passwd', /is absolute/],
    ['/dev/zero', '/dev/zero', /is absolute/],
    ['a Windows drive path', 'C:/Windows/win.ini', /drive letter/],
    ['a UNC path', '\\\\server\\share\\w.bin', /backslash/],
    ['a backslash path', '..\\secret.bin', /backslash/],
    ['a URL', 'file:///etc/passwd', /is a URL/],
  ];
  for (const [label, shard, message] of refused) {
    it(`refuses ${label} before reading anything`, async () => {
      const { dir, modelJson } = tfjsFolder();
      const file = path.join(dir, 'evil.json');
      writeFileSync(file, JSON.stringify(withPaths(modelJson, [shard])));
      await expect(readTfjsFiles(file)).rejects.toThrow(message);
      await expect(readTfjsFiles(file)).rejects.toBeInstanceOf(ModelFileError);
      const r = await cliImport(file);
      expect(r.code).toBe(1);
      expect(r.errors).toMatch(message);
      expect(r.errors).not.toMatch(/\n\s+at /);
    });
  }

  it('refuses a symlink that leads out of the folder', async () => {
    const { outer, dir, modelJson } = tfjsFolder();
    symlinkSync(path.join(outer, 'secret.bin'), path.join(dir, 'link.bin'));
    const file = path.join(dir, 'evil.json');
    writeFileSync(file, JSON.stringify(withPaths(modelJson, ['link.bin'])));
    await expect(readTfjsFiles(file)).rejects.toThrow(/leads out of the model's folder \(through a link\)/);
    expect((await cliImport(file)).code).toBe(1);
  });

  it('refuses a symlink to /dev/zero inside the folder: only regular files are read', async () => {
    const { dir, modelJson } = tfjsFolder();
    const sub = path.join(dir, 'dev');
    mkdirSync(sub);
    symlinkSync('/dev/zero', path.join(sub, 'zero.bin'));
    const file = path.join(dir, 'evil.json');
    writeFileSync(file, JSON.stringify(withPaths(modelJson, ['dev/zero.bin'])));
    // /dev/zero resolves outside the folder; either refusal is right, neither reads it.
    await expect(readTfjsFiles(file)).rejects.toBeInstanceOf(ModelFileError);
  });

  it('refuses a folder named as a shard', async () => {
    const { dir, modelJson } = tfjsFolder();
    mkdirSync(path.join(dir, 'folder.bin'));
    const file = path.join(dir, 'evil.json');
    writeFileSync(file, JSON.stringify(withPaths(modelJson, ['folder.bin'])));
    await expect(readTfjsFiles(file)).rejects.toThrow(/not a regular file/);
  });

  it('refuses a shard larger or smaller than its manifest, before reading it', async () => {
    const { dir, modelJson } = tfjsFolder();
    const [shard] = (modelJson.weightsManifest as { paths: string[] }[])[0].paths;
    const bytes = readFileSync(path.join(dir, shard));
    writeFileSync(path.join(dir, 'big.bin'), Buffer.concat([bytes, Buffer.alloc(1024)]));
    writeFileSync(path.join(dir, 'small.bin'), bytes.subarray(0, bytes.length - 4));
    for (const [name, message] of [['big.bin', /do not belong to this model\.json/], ['small.bin', /missing or cut short/]] as const) {
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(withPaths(modelJson, [name])));
      await expect(readTfjsFiles(file)).rejects.toThrow(message);
      expect((await cliImport(file)).code).toBe(1);
    }
  });

  it('refuses a missing shard with a message naming it', async () => {
    const { dir, modelJson } = tfjsFolder();
    const file = path.join(dir, 'evil.json');
    writeFileSync(file, JSON.stringify(withPaths(modelJson, ['gone.bin'])));
    await expect(readTfjsFiles(file)).rejects.toThrow(/"gone\.bin".*missing/);
  });

  it('refuses a model.json that is a device', async () => {
    await expect(readTfjsFiles('/dev/zero')).rejects.toThrow(/not a regular file/);
    expect((await cliImport('/dev/zero')).code).toBe(1);
  });
});

describe('declared sizes are checked before anything is allocated', () => {
  const { modelJson } = tfjsFolder();
  const spec = (shape: unknown, dtype: unknown = 'float32') => ({ ...modelJson, weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape, dtype }] }] });

  it('refuses huge, negative, fractional and non-numeric dimensions', () => {
    expect(() => readTfjsManifest(spec([1e6, 1e6]))).toThrow(/needs more than 1\.0 GiB, the import limit/);
    expect(() => readTfjsManifest(spec([2 ** 52, 2 ** 52, 2 ** 52]))).toThrow(/import limit/);
    expect(() => readTfjsManifest(spec([-4, 3]))).toThrow(/not a whole number of at least 0/);
    expect(() => readTfjsManifest(spec([1.5]))).toThrow(/not a whole number/);
    expect(() => readTfjsManifest(spec(['4']))).toThrow(/not a whole number/);
    expect(() => readTfjsManifest(spec(null))).toThrow(/not a list of dimensions/);
    expect(() => readTfjsManifest(spec([4], 'int32'))).toThrow(/only float32/);
  });

  it('the limit can be changed per import', () => {
    expect(readTfjsManifest(spec([256, 256])).totalBytes).toBe(262144);
    expect(() => readTfjsManifest(spec([256, 256]), { maxWeightBytes: 100_000 })).toThrow(/more than 97\.7 KiB/);
    const many = { ...modelJson, weightsManifest: [{ paths: ['w.bin'], weights: Array.from({ length: 5 }, (_, i) => ({ name: `w${i}`, shape: [100, 100], dtype: 'float32' })) }] };
    expect(() => readTfjsManifest(many, { maxWeightBytes: 150_000 })).toThrow(/add up to more than/);
  });

  it('importTfjs compares the bytes it is given with the manifest', () => {
    const files = exportModel(exportable(fixtureDocuments()[1]), 'tfjs');
    const json = JSON.parse(files[0].data as string) as Record<string, unknown>;
    const data = files[1].data as Uint8Array;
    expect(() => importTfjs(json, data.subarray(0, data.length - 4))).toThrow(/are all shards present/);
    expect(() => importTfjs(json, new Uint8Array(data.length + 8))).toThrow(/declares only/);
    expect(() => importTfjs(json, data, { maxWeightBytes: 16 })).toThrow(ModelFileError);
  });

  it('ONNX: initializer dims and raw_data are checked against each other and the limit', () => {
    const bytes = exportModel(exportable(fixtureDocuments()[0]), 'onnx')[0].data as Uint8Array;
    const edit = (change: (m: ReturnType<typeof onnx.ModelProto.decode>) => void): Uint8Array => {
      const m = onnx.ModelProto.decode(bytes);
      change(m);
      return onnx.ModelProto.encode(m).finish();
    };
    expect(() => importOnnx(edit((m) => (m.graph!.initializer![0].rawData = m.graph!.initializer![0].rawData!.subarray(1))))).toThrow(/not a whole number of 4-byte values/);
    expect(() => importOnnx(edit((m) => (m.graph!.initializer![0].dims = [1e6, 1e6])))).toThrow(/import limit/);
    expect(() => importOnnx(edit((m) => (m.graph!.initializer![0].dims = [-1, 6])))).toThrow(/at least 0/);
    expect(() => importOnnx(edit((m) => (m.graph!.initializer![0].dims = [3, 3])))).toThrow(/holds \d+ values but its dims 3×3 need 9/);
    expect(() => importOnnx(bytes, 'm', { maxWeightBytes: 64 })).toThrow(/import limit/);
    expect(() => importOnnx(bytes.subarray(0, bytes.length >> 1))).toThrow(ModelFileError);
  });
});

describe('malformed files end in a message', () => {
  const onnxBytes = exportModel(exportable(fixtureDocuments()[1]), 'onnx')[0].data as Uint8Array;
  const tfjs = exportModel(exportable(fixtureDocuments()[1]), 'tfjs');
  const tfjsJson = JSON.parse(tfjs[0].data as string) as Record<string, unknown>;
  const tfjsData = tfjs[1].data as Uint8Array;

  const cases: [string, () => unknown][] = [
    ['ONNX: a Transpose without perm', () => {
      const m = onnx.ModelProto.decode(onnxBytes);
      const t = m.graph!.node!.find((n) => n.opType === 'Transpose')!;
      t.attribute = [];
      return importOnnx(onnx.ModelProto.encode(m).finish());
    }],
    ['ONNX: truncated protobuf', () => importOnnx(onnxBytes.subarray(0, 100))],
    ['ONNX: random bytes', () => importOnnx(Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 251))],
    ['ONNX: a node without outputs', () => {
      const m = onnx.ModelProto.decode(onnxBytes);
      m.graph!.node![0].output = [];
      return importOnnx(onnx.ModelProto.encode(m).finish());
    }],
    ['ONNX: a Conv whose weights are not an initializer', () => {
      const m = onnx.ModelProto.decode(onnxBytes);
      m.graph!.node!.find((n) => n.opType === 'Conv')!.input![1] = 'nowhere';
      return importOnnx(onnx.ModelProto.encode(m).finish());
    }],
    ['TF.js: null topology', () => importTfjs({ ...tfjsJson, modelTopology: null }, tfjsData)],
    ['TF.js: a topology that is a string', () => importTfjs({ ...tfjsJson, modelTopology: 'x' }, tfjsData)],
    ['TF.js: the model.json is an array', () => importTfjs([], tfjsData)],
    ['TF.js: negative shapes', () => {
      const json = structuredClone(tfjsJson) as { weightsManifest: { weights: { shape: number[] }[] }[] };
      json.weightsManifest[0].weights[0].shape = [-3, 3];
      return importTfjs(json, tfjsData);
    }],
    ['TF.js: missing weightsManifest', () => importTfjs({ ...tfjsJson, weightsManifest: undefined }, tfjsData)],
    ['TF.js: weightsManifest of the wrong type', () => importTfjs({ ...tfjsJson, weightsManifest: { paths: [] } }, tfjsData)],
    ['TF.js: wrong dtype', () => {
      const json = structuredClone(tfjsJson) as { weightsManifest: { weights: { dtype: string }[] }[] };
      json.weightsManifest[0].weights[0].dtype = 'complex64';
      return importTfjs(json, tfjsData);
    }],
    ['TF.js: layers that are not objects', () => {
      const json = structuredClone(tfjsJson) as { modelTopology: { config: { layers: unknown[] } } };
      json.modelTopology.config.layers = [1, 'two', null];
      return importTfjs(json, tfjsData);
    }],
    ['TF.js: an InputLayer without a shape', () => {
      const json = structuredClone(tfjsJson) as { modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } };
      delete json.modelTopology.config.layers[0].config.batch_input_shape;
      return importTfjs(json, tfjsData);
    }],
    ['TF.js: inbound nodes in another form', () => {
      const json = structuredClone(tfjsJson) as { modelTopology: { config: { layers: { inbound_nodes: unknown }[] } } };
      json.modelTopology.config.layers[1].inbound_nodes = [{ args: [] }];
      return importTfjs(json, tfjsData);
    }],
  ];
  for (const [label, run] of cases) {
    it(label, () => {
      let error: unknown = null;
      try {
        run();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(InteropError);
      expect((error as Error).message.length).toBeGreaterThan(20);
    });
  }
});
