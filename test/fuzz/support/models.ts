/** Valid files to mutate: our own exports of the templates (with trained-looking weights) and trained files. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exportModel, serializeModelJson } from '../../../engine/interop';
import type { ExportableModel } from '../../../engine/interop';
import { parseProject } from '../../../engine/model';
import type { ModelDocument } from '../../../engine/model';
import { exportable } from '../../engine/interop/fixtures';

/** The templates small enough to mutate a thousand times (the MNIST-sized ones stay in the mix). */
export const FUZZ_TEMPLATES = ['binary-2d', 'mlp-mnist', 'lenet5'];

export function templateText(name: string): string {
  return readFileSync(path.resolve('templates', `${name}.json`), 'utf8');
}

export function templateDocument(name: string): ModelDocument {
  const read = parseProject(templateText(name), `${name}.json`);
  if (!read.ok) throw new Error(`${name}: ${read.message}`);
  return read.doc;
}

const models = new Map<string, ExportableModel>();

/** A template with weights (cached: building them runs the engine). */
export function templateModel(name: string): ExportableModel {
  let model = models.get(name);
  if (!model) {
    model = exportable(templateDocument(name));
    models.set(name, model);
  }
  return model;
}

/** The model.json (parsed) and the concatenated shards of a template's TF.js export. */
export function tfjsExport(name: string): { modelJson: Record<string, unknown>; weightData: Uint8Array } {
  const files = exportModel(templateModel(name), 'tfjs');
  const modelJson = JSON.parse(files.find((f) => f.path === 'model.json')!.data as string) as Record<string, unknown>;
  const shards = files.filter((f) => f.path.endsWith('.bin')).map((f) => f.data as Uint8Array);
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of shards) {
    weightData.set(s, at);
    at += s.length;
  }
  return { modelJson, weightData };
}

export function onnxExport(name: string): Uint8Array {
  return exportModel(templateModel(name), 'onnx')[0].data as Uint8Array;
}

export function trainedFileText(name: string): string {
  return serializeModelJson(templateModel(name));
}
