/**
 * TensorFlow.js Layers export: `model.json` (format "layers-model", a Keras functional model config
 * plus the weights manifest) and the weights as little-endian float32 shards of at most 4 MiB,
 * the layout `tf.loadLayersModel` reads.
 */
import { concatBytes, float32ToBytes } from '../bytes';
import type { ExportableModel, ExportFile } from '../types';
import { planKerasModel } from './kerasLayers';
import type { KerasModelPlan } from './kerasLayers';
import { assertExportable } from '../support';

const SHARD_BYTES = 4 * 1024 * 1024;

/** The Keras functional-model topology TF.js deserialises. */
export function kerasTopology(plan: KerasModelPlan): Record<string, unknown> {
  return {
    class_name: 'Model',
    config: {
      name: plan.name,
      layers: plan.layers.map((l) => ({
        class_name: l.className,
        config: l.config,
        name: l.name,
        inbound_nodes: l.inbound.length === 0 ? [] : [l.inbound.map((src) => [src, 0, 0, {}])],
      })),
      input_layers: plan.inputs.map((n) => [n, 0, 0]),
      output_layers: plan.outputs.map((n) => [n, 0, 0]),
    },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
}

/** The weight specs (in file order) and the concatenated little-endian weight bytes. */
export function kerasWeightData(plan: KerasModelPlan): { specs: { name: string; shape: number[]; dtype: 'float32' }[]; data: Uint8Array } {
  const all = plan.layers.flatMap((l) => l.weights);
  return {
    specs: all.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' as const })),
    data: concatBytes(all.map((w) => float32ToBytes(w.values))),
  };
}

/** `model.json` plus `group1-shardNofM.bin` files. */
export function exportTfjs(model: ExportableModel): ExportFile[] {
  assertExportable(model.document, 'tfjs');
  const plan = planKerasModel(model);
  const { specs, data } = kerasWeightData(plan);
  const shardCount = Math.max(1, Math.ceil(data.length / SHARD_BYTES));
  const paths = Array.from({ length: shardCount }, (_, i) => `group1-shard${i + 1}of${shardCount}.bin`);
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'Netwright',
    convertedBy: null,
    modelTopology: kerasTopology(plan),
    weightsManifest: [{ paths, weights: specs }],
    // The name as written (Keras layer and model names are identifiers); importTfjs reads it back.
    userDefinedMetadata: { netwrightName: model.document.name, ...(model.normalisation ? { netwrightNormalisation: model.normalisation } : {}) },
  };
  const shards = paths.map((path, i) => ({ path, data: data.subarray(i * SHARD_BYTES, Math.min(data.length, (i + 1) * SHARD_BYTES)) }));
  return [{ path: 'model.json', data: `${JSON.stringify(modelJson, null, 1)}\n` }, ...shards];
}
