/**
 * Models to import, made with our own exporters: a small iris classifier (4 inputs, 3 classes) as
 * TF.js files (model.json plus one shard) and as ONNX bytes, with the weights they were made from.
 */
import { exportOnnx, exportTfjs } from '../../engine/interop';
import type { ExportableModel } from '../../engine/interop';
import type { ModelFile } from '../../renderer/host/host';
import { buildDoc, exportable } from '../engine/interop/fixtures';

/** Input 4 → Dense 8 (ReLU) → Dense 3 → softmax cross-entropy: fits the iris dataset. */
export function irisClassifier(): ExportableModel {
  const doc = buildDoc(
    'iris-classifier',
    [
      ['features', 'Input', { shape: [4] }],
      ['hidden', 'Dense', { units: 8, activation: 'relu' }],
      ['logits', 'Dense', { units: 3 }],
      ['out', 'Output', { loss: 'sparseCategoricalCrossentropy' }],
    ],
    [
      ['features', 'hidden'],
      ['hidden', 'logits'],
      ['logits', 'out'],
    ],
  );
  return exportable(doc);
}

/** The TF.js export as files the way a person picks them: model.json and its shard(s). */
export function tfjsFiles(model: ExportableModel = irisClassifier()): ModelFile[] {
  return exportTfjs(model).map((f) => ({ name: f.path, data: typeof f.data === 'string' ? new TextEncoder().encode(f.data) : f.data }));
}

/** The ONNX export as one file. */
export function onnxFile(model: ExportableModel = irisClassifier(), name = 'iris-classifier.onnx'): ModelFile {
  return { name, data: exportOnnx(model) };
}
