import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { exportTfjs, importTfjs, InteropError, unsupportedForFormat } from '../../../engine/interop';
import type { ExportFile } from '../../../engine/interop';
import { compile, enginePredictions, exportable, fixtureDocuments, maxAbsDiff, sampleInputs } from './fixtures';

/** Loads an export the way an app would: model.json plus its shards, through tf.io.fromMemory. */
export async function loadTfjs(files: ExportFile[]): Promise<tf.LayersModel> {
  const json = JSON.parse(files.find((f) => f.path === 'model.json')!.data as string);
  const manifest = json.weightsManifest[0];
  const shards = manifest.paths.map((p: string) => files.find((f) => f.path === p)!.data as Uint8Array);
  const total = shards.reduce((n: number, s: Uint8Array) => n + s.length, 0);
  const weightData = new Uint8Array(total);
  let at = 0;
  for (const s of shards) {
    weightData.set(s, at);
    at += s.length;
  }
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: manifest.weights, weightData: weightData.buffer }));
}

describe('TensorFlow.js export', () => {
  it('runs on the cpu backend', async () => {
    await tf.setBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('names the layer TF.js cannot express (ELU with alpha other than 1) before writing anything', () => {
    const doc = fixtureDocuments()[0];
    expect(unsupportedForFormat(doc, 'tfjs').map((u) => u.name)).toEqual(['elu']);
    expect(() => exportTfjs(exportable(doc))).toThrow(InteropError);
    expect(() => exportTfjs(exportable(doc))).toThrow(/TensorFlow\.js Layers cannot express[\s\S]*elu \(Activation\)/);
  });

  for (const original of fixtureDocuments()) {
    it(`tf.loadLayersModel predicts what our engine predicts: ${original.name}`, async () => {
      await tf.setBackend('cpu');
      // TF.js cannot load ELU with alpha ≠ 1 (checked above): compare the same model with alpha 1.
      const doc = structuredClone(original);
      for (const node of doc.nodes) if (node.params.activation === 'elu' && node.type === 'Activation') node.params.alpha = 1;
      expect(unsupportedForFormat(doc, 'tfjs')).toEqual([]);
      const model = exportable(doc);
      const program = compile(doc);
      const n = 5;
      const inputs = sampleInputs(program, n);
      const ours = enginePredictions(model, inputs, n);
      const loaded = await loadTfjs(exportTfjs(model));
      const tensors = program.inputs.map((id, i) => tf.tensor(inputs[i], [n, ...program.nodes.find((p) => p.id === id)!.outputShape]));
      const out = loaded.predict(tensors.length === 1 ? tensors[0] : tensors) as tf.Tensor;
      const theirs = await out.data();
      tf.dispose([out, ...tensors]);
      loaded.dispose();
      expect(maxAbsDiff(ours, theirs)).toBeLessThan(1e-4);
    });
  }
});

describe('TensorFlow.js import', () => {
  for (const original of fixtureDocuments()) {
    it(`exported then imported, a model predicts as before: ${original.name}`, async () => {
      const doc = structuredClone(original);
      for (const node of doc.nodes) if (node.params.activation === 'elu' && node.type === 'Activation') node.params.alpha = 1;
      const model = exportable(doc);
      const files = exportTfjs(model);
      const json = JSON.parse(files[0].data as string);
      const shards = files.slice(1).map((f) => f.data as Uint8Array);
      const imported = importTfjs(json, Uint8Array.from(shards.flatMap((s) => [...s])));
      const program = compile(imported.document);
      const n = 4;
      const inputs = sampleInputs(program, n);
      expect(maxAbsDiff(enginePredictions(model, inputs, n), enginePredictions(imported, inputs, n))).toBeLessThan(1e-5);
      expect(program.outputs.map((o) => o.loss)).toEqual(compile(doc).outputs.map((o) => (o.loss === 'categoricalCrossentropy' || o.loss === 'klDivergence' ? 'sparseCategoricalCrossentropy' : o.loss === 'huber' ? 'meanSquaredError' : o.loss)));
    });
  }

  it('names every layer it cannot import in one error', async () => {
    await tf.setBackend('cpu');
    const input = tf.input({ shape: [8] });
    const a = tf.layers.dense({ units: 4, name: 'ok_dense' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.repeatVector({ n: 2, name: 'repeat' }).apply(a) as tf.SymbolicTensor;
    const c = tf.layers.gru({ units: 3, name: 'recurrent' }).apply(b) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: c });
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const art = saved! as tf.io.ModelArtifacts;
    const json = { modelTopology: art.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: art.weightSpecs }] };
    const call = () => importTfjs(json, new Uint8Array(art.weightData as ArrayBuffer));
    expect(call).toThrow(InteropError);
    expect(call).toThrow(/repeat \(RepeatVector\)[\s\S]*recurrent \(GRU\)/);
  });

  it('imports a Sequential model saved by TF.js itself, softmax folded into the loss', async () => {
    await tf.setBackend('cpu');
    const seq = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [5], units: 6, activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })],
    });
    let saved: tf.io.ModelArtifacts | null = null;
    await seq.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const art = saved! as tf.io.ModelArtifacts;
    const imported = importTfjs({ modelTopology: art.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: art.weightSpecs }] }, new Uint8Array(art.weightData as ArrayBuffer));
    const x = sampleInputs(compile(imported.document), 3);
    const theirs = await (seq.predict(tf.tensor(x[0], [3, 5])) as tf.Tensor).data();
    expect(maxAbsDiff(enginePredictions(imported, x, 3), theirs)).toBeLessThan(1e-5);
    expect(compile(imported.document).outputs[0].loss).toBe('sparseCategoricalCrossentropy');
  });
});
