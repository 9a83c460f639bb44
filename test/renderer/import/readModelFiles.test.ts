import { describe, expect, it } from 'vitest';
import { classifyFiles, readModelFiles } from '../../../renderer/import/readModelFiles';
import { compile, enginePredictions, maxAbsDiff, sampleInputs } from '../../engine/interop/fixtures';
import { irisClassifier, onnxFile, tfjsFiles } from '../../support/importFixtures';

const text = (s: string) => new TextEncoder().encode(s);

/** The imported model predicts what the model it was exported from predicts. */
function expectSamePredictions(imported: { doc: Parameters<typeof compile>[0]; weights: Record<string, Float32Array> }) {
  const original = irisClassifier();
  const inputs = sampleInputs(compile(original.document), 5);
  const ours = enginePredictions({ document: imported.doc, weights: imported.weights }, inputs, 5);
  expect(maxAbsDiff(ours, enginePredictions(original, inputs, 5))).toBeLessThan(1e-5);
}

describe('reading a model to import', () => {
  it('a TF.js model.json with its shard becomes a document with the same weights, named after its folder, on a dataset it fits', () => {
    const result = readModelFiles({ files: tfjsFiles(), folderName: 'iris-net' });
    if (!result.ok) throw new Error(result.message);
    expect(result.fileName).toBe('model.json');
    expect(result.doc.name).toBe('iris-net');
    expect(result.doc.nodes.map((n) => n.type)).toEqual(expect.arrayContaining(['Input', 'Dense', 'Output']));
    expect(result.doc.training.dataset.name).toBe('iris');
    expectSamePredictions(result);
  });

  it('without a folder name, model.json takes the name stored in the model', () => {
    const result = readModelFiles({ files: tfjsFiles() });
    if (!result.ok) throw new Error(result.message);
    expect(result.doc.name).not.toBe('');
    expect(result.doc.name.toLowerCase()).not.toBe('model.json');
  });

  it('an ONNX file becomes a document named after the file, with the same predictions', () => {
    const result = readModelFiles({ files: [onnxFile()] });
    if (!result.ok) throw new Error(result.message);
    expect(result.doc.name).toBe('iris-classifier');
    expect(result.doc.training.dataset.name).toBe('iris');
    expectSamePredictions(result);
  });

  it('a missing shard is named, with what to do', () => {
    const [modelJson] = tfjsFiles();
    const result = readModelFiles({ files: [modelJson] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('group1-shard1of1.bin');
    expect(result.message).toMatch(/Select model\.json together with all its \.bin files/);
  });

  it('shards are matched by name among the files given: a manifest path out of the folder reads nothing', () => {
    const [modelJson, shard] = tfjsFiles();
    const json = JSON.parse(new TextDecoder().decode(modelJson.data));
    json.weightsManifest[0].paths = ['../../../../etc/passwd'];
    const result = readModelFiles({ files: [{ name: 'model.json', data: text(JSON.stringify(json)) }, shard] });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('passwd') });
  });

  it('a shard shorter than the manifest says so instead of importing garbage', () => {
    const [modelJson, shard] = tfjsFiles();
    const result = readModelFiles({ files: [modelJson, { ...shard, data: shard.data.subarray(0, 16) }] });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Could not import model\.json: /) });
  });

  it('a damaged ONNX file is a message naming the file', () => {
    const bytes = onnxFile().data.subarray(0, 40);
    const result = readModelFiles({ files: [{ name: 'broken.onnx', data: bytes }] });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Could not import broken\.onnx: /) });
  });

  it('malformed JSON, unknown files and a project file each get their own message', () => {
    expect(readModelFiles({ files: [{ name: 'model.json', data: text('{"modelTopology": ') }, { name: 'a.bin', data: new Uint8Array(4) }] })).toEqual({
      ok: false,
      message: expect.stringMatching(/model\.json is not valid JSON/),
    });
    expect(readModelFiles({ files: [{ name: 'weights.bin', data: new Uint8Array(4) }] })).toEqual({ ok: false, message: expect.stringMatching(/imports ONNX/) });
    expect(readModelFiles({ files: [{ name: 'a.netwright', data: text('{}') }] })).toEqual({ ok: false, message: expect.stringMatching(/File › Open/) });
    expect(readModelFiles({ files: [onnxFile(), onnxFile(undefined, 'b.onnx')] })).toEqual({ ok: false, message: expect.stringMatching(/one model at a time/) });
  });

  it('an unsupported TF.js layer is named', () => {
    const [modelJson, shard] = tfjsFiles();
    const json = JSON.parse(new TextDecoder().decode(modelJson.data));
    const layers = json.modelTopology.model_config?.config?.layers ?? json.modelTopology.config.layers;
    layers[1].class_name = 'SeparableConv2D';
    const result = readModelFiles({ files: [{ name: 'model.json', data: text(JSON.stringify(json)) }, shard] });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('SeparableConv2D') });
  });

  it('sorts dropped files: an .onnx, a TF.js model.json, a project', () => {
    expect(classifyFiles([onnxFile()]).kind).toBe('onnx');
    expect(classifyFiles(tfjsFiles()).kind).toBe('tfjs');
    expect(classifyFiles([{ name: 'mlp.netwright.json', data: text('{"format":"netwright-model"}') }]).kind).toBe('project');
    expect(classifyFiles([{ name: 'mlp.json', data: text('{"format":"netwright-model"}') }]).kind).toBe('project');
    expect(classifyFiles([{ name: 'mlp.netwright', data: new Uint8Array([0x50, 0x4b, 3, 4]) }]).kind).toBe('project');
  });
});
