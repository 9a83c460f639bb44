import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/command';
import { parseModelJson, readStoredZip, serializeModelJson, writeZip } from '../../../engine/interop';
import { compile, enginePredictions, exportable, fixtureDocuments, maxAbsDiff, sampleInputs } from './fixtures';
import { runPython } from './python';

function io(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), readTextFile: (p) => readFile(p, 'utf8') };
}

function trainedFile(index: number): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'netwright-cli-'));
  const file = path.join(dir, 'trained.json');
  writeFileSync(file, serializeModelJson(exportable(fixtureDocuments()[index])));
  return { dir, file };
}

describe('netwright export / import', () => {
  it('exports every format into the folder given', async () => {
    const { dir, file } = trainedFile(1);
    for (const format of ['model-json', 'tfjs', 'onnx', 'pytorch', 'keras']) {
      const out = path.join(dir, format);
      const cli = io();
      expect(await runCli(['export', file, '--format', format, '--out', out], cli)).toBe(0);
      expect(cli.errors).toEqual([]);
      expect(readdirSync(out).length).toBeGreaterThan(0);
    }
    expect(readdirSync(path.join(dir, 'onnx'))).toEqual(['model.onnx']);
    expect(readdirSync(path.join(dir, 'pytorch')).sort()).toEqual(['model.py', 'train.py', 'weights.npz']);
  });

  it('names the layer a format cannot express, with the format, and writes nothing', async () => {
    const { dir, file } = trainedFile(0);
    const cli = io();
    const out = path.join(dir, 'tfjs');
    expect(await runCli(['export', file, '--format', 'tfjs', '--out', out], cli)).toBe(1);
    expect(cli.errors.join('\n')).toMatch(/TensorFlow\.js Layers cannot express[\s\S]*elu \(Activation\)[\s\S]*Nothing was written/);
    expect(existsSync(out)).toBe(false);
  });

  it('imports a TF.js export and an ONNX export back into a model that predicts the same', async () => {
    const { dir, file } = trainedFile(2);
    const original = parseModelJson(readFileSync(file, 'utf8'));
    for (const [format, name] of [['tfjs', 'model.json'], ['onnx', 'model.onnx']]) {
      const out = path.join(dir, format);
      expect(await runCli(['export', file, '--format', format, '--out', out], io())).toBe(0);
      const target = path.join(dir, `${format}.netwright.json`);
      const cli = io();
      expect(await runCli(['import', path.join(out, name), '--out', target], cli)).toBe(0);
      const imported = parseModelJson(readFileSync(target, 'utf8'));
      const inputs = sampleInputs(compile(imported.document), 3);
      expect(maxAbsDiff(enginePredictions(original, inputs, 3), enginePredictions(imported, inputs, 3))).toBeLessThan(1e-5);
    }
  });

  it('rejects an unknown format and missing arguments with usage', async () => {
    const cli = io();
    expect(await runCli(['export', 'x.json', '--format', 'caffe', '--out', 'o'], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/unknown format "caffe"/);
    expect(await runCli(['import', 'x.onnx'], io())).toBe(2);
  });
});

describe('store-only zip', () => {
  it('is read by Python\'s zipfile with every file intact', () => {
    const files = [
      { path: 'model.json', data: '{"a": 1}' },
      { path: 'group1-shard1of1.bin', data: Uint8Array.from({ length: 1000 }, (_, i) => i % 251) },
    ];
    const zip = writeZip(files);
    expect([...readStoredZip(zip).keys()]).toEqual(['model.json', 'group1-shard1of1.bin']);
    const dir = mkdtempSync(path.join(tmpdir(), 'netwright-zip-'));
    writeFileSync(path.join(dir, 'export.zip'), zip);
    const r = runPython(['-c', 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip(), sum(z.read(n)[-1] for n in z.namelist()))', path.join(dir, 'export.zip')]);
    expect(r.stdout.trim()).toBe(`None ${'}'.charCodeAt(0) + (999 % 251)}`);
  });
});
