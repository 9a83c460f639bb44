import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { exportOnnx, importOnnx, InteropError } from '../../../engine/interop';
import { OnnxGraphBuilder } from '../../../engine/interop/onnx/builder';
import { compile, enginePredictions, exportable, fixtureDocuments, maxAbsDiff, sampleInputs } from './fixtures';

ort.env.wasm.numThreads = 1;

async function runOnnx(bytes: Uint8Array, inputs: Float32Array[], shapes: number[][], n: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  session.inputNames.forEach((name, i) => (feeds[name] = new ort.Tensor('float32', inputs[i], [n, ...shapes[i]])));
  const result = await session.run(feeds);
  return result[session.outputNames[0]].data as Float32Array;
}

describe('ONNX export', () => {
  for (const doc of fixtureDocuments()) {
    it(`onnxruntime predicts what our engine predicts: ${doc.name}`, async () => {
      const model = exportable(doc);
      const program = compile(doc);
      const n = 5;
      const inputs = sampleInputs(program, n);
      const shapes = program.inputs.map((id) => program.nodes.find((p) => p.id === id)!.outputShape as number[]);
      const ours = enginePredictions(model, inputs, n);
      const theirs = await runOnnx(exportOnnx(model), inputs, shapes, n);
      expect(maxAbsDiff(ours, theirs)).toBeLessThan(1e-4);
    });
  }
});

describe('ONNX import', () => {
  for (const doc of fixtureDocuments()) {
    it(`exported then imported, a model predicts as before: ${doc.name}`, () => {
      const model = exportable(doc);
      const imported = importOnnx(exportOnnx(model), doc.name);
      const program = compile(imported.document);
      const n = 4;
      const inputs = sampleInputs(program, n);
      expect(maxAbsDiff(enginePredictions(model, inputs, n), enginePredictions(imported, inputs, n))).toBeLessThan(1e-5);
      expect(imported.document.nodes.filter((n) => n.type === 'Input').map((n) => n.id)).toEqual(compile(doc).inputs);
    });
  }

  it('names every operator it cannot import in one error', () => {
    const g = new OnnxGraphBuilder();
    g.inputs.push(g.valueInfo('x', [4]));
    const a = g.op('Cos', ['x'], 'cosine');
    const b = g.op('Relu', [a], 'relu');
    const c = g.op('TopK', [b, g.int64s('k', [2])], 'top');
    g.outputs.push(g.valueInfo(c, [2]));
    const bytes = g.encode('unsupported', '');
    expect(() => importOnnx(bytes)).toThrow(InteropError);
    expect(() => importOnnx(bytes)).toThrow(/cosine \(Cos\)[\s\S]*top \(TopK\)/);
  });
});
