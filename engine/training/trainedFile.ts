/**
 * The trained-model file: a model document (so the app opens it like any project) plus what training
 * produced — every weight with its shape, the input normalisation, and a versioned `trained` header.
 *
 *   { ...document,
 *     "trained": { "version": 1, "createdAt": "…", "dataset": { name, options }, "bestEpoch": 3, "epochs": 3 },
 *     "normalisation": { "kind": "standardise", "offset": [..], "scale": [..] },
 *     "weights": { "hidden/kernel": { "shape": [784, 128], "dtype": "float32", "data": "<base64 of little-endian float32>" }, … } }
 *
 * Weight names are the engine's ("<node id>/<kernel|bias|gamma|beta|runningMean|runningVar>").
 */
import { z } from 'zod';
import { parseDocument, parseJsonText } from '../model';
import type { ModelDocument } from '../model';
import type { InputNormalisation, TrainedModel, WeightMap } from './protocol';

/** The version of the `trained` header this build writes; newer files are refused. */
export const TRAINED_FILE_VERSION = 1;

/** One weight: its shape and the base64 of its little-endian float32 values, row-major. */
export const weightTensorSchema = z.object({
  shape: z.array(z.number().int().min(0)),
  dtype: z.literal('float32'),
  data: z.string(),
});

/** One entry (pooled over all features, e.g. images) or one per input feature. x' = (x − offset) · scale. */
export const normalisationSchema = z.object({
  kind: z.enum(['standardise', 'minmax', 'none']),
  offset: z.array(z.number()),
  scale: z.array(z.number()),
});

/** Provenance of the weights; files with a newer `version` are refused. */
export const trainedHeaderSchema = z.object({
  version: z.number().int().min(1),
  createdAt: z.string().optional(),
  dataset: z.object({ name: z.string(), options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])) }).optional(),
  bestEpoch: z.number().int().nullable().optional(),
  epochs: z.number().int().min(0).optional(),
  classes: z.array(z.string()).optional(),
});

/** What a trained file adds to a model document; the one definition the reader and the published schema share. */
export const trainedPartSchema = z.object({
  trained: trainedHeaderSchema,
  normalisation: normalisationSchema,
  /** By engine weight name: `${nodeId}/kernel`, `/bias`, `/gamma`, `/beta`, `/runningMean`, `/runningVar`. */
  weights: z.record(z.string(), weightTensorSchema),
});

/** Facts about the run recorded in the header. */
export interface TrainedFileInfo {
  createdAt?: string;
  bestEpoch?: number | null;
  epochs?: number;
  /** Class names by class id (empty for regression), so predictions can be named without the dataset. */
  classes?: string[];
}

/** A trained model as read from a file, with the shapes of its weights. */
export interface TrainedFile extends TrainedModel {
  shapes: Record<string, number[]>;
  info: TrainedFileInfo;
}

function toBase64(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(text, 'base64'));
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function encodeFloats(values: Float32Array): string {
  if (littleEndian) return toBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return toBase64(bytes);
}

function decodeFloats(text: string, name: string): Float32Array {
  const bytes = fromBase64(text);
  if (bytes.length % 4 !== 0) throw new Error(`Weight "${name}" has ${bytes.length} bytes, not a whole number of float32 values.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}

/** The file's JSON text for a trained model; `shapes` gives each weight's shape (Model.weightShapes()). */
export function serializeTrainedModel(model: TrainedModel, shapes: Record<string, number[]>, info: TrainedFileInfo = {}): string {
  const weights: Record<string, z.infer<typeof weightTensorSchema>> = {};
  for (const [name, values] of Object.entries(model.weights)) {
    const shape = shapes[name] ?? [values.length];
    if (shape.reduce((a, b) => a * b, 1) !== values.length) throw new Error(`Weight "${name}" has ${values.length} values but shape [${shape.join(', ')}].`);
    weights[name] = { shape, dtype: 'float32', data: encodeFloats(values) };
  }
  const normalisation: InputNormalisation = model.normalisation;
  const file = {
    ...model.document,
    trained: { version: TRAINED_FILE_VERSION, ...info, dataset: model.document.training.dataset },
    normalisation,
    weights,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a trained-model file; throws an Error whose message says what is wrong with it. */
export function parseTrainedModel(text: string): TrainedFile {
  const read = parseJsonText(text);
  if (!read.ok) throw new Error(`This is not a trained model: ${read.message}`);
  const json = read.json;
  const document = parseDocument(json);
  if (!document.ok) throw new Error(document.error);
  const trained = trainedPartSchema.safeParse(json);
  if (!trained.success) {
    const issue = trained.error.issues[0];
    throw new Error(`This model has no trained weights (${issue.path.join('.') || 'file'}: ${issue.message}). Train it first with "netwright train".`);
  }
  const { version } = trained.data.trained;
  if (version > TRAINED_FILE_VERSION) throw new Error(`These weights were saved by a newer Netwright (trained-file version ${version}; this one reads up to ${TRAINED_FILE_VERSION}).`);
  const weights: WeightMap = {};
  const shapes: Record<string, number[]> = {};
  for (const [name, weight] of Object.entries(trained.data.weights)) {
    weights[name] = decodeFloats(weight.data, name);
    shapes[name] = weight.shape;
    const expected = weight.shape.reduce((a, b) => a * b, 1);
    if (weights[name].length !== expected) throw new Error(`Weight "${name}" has ${weights[name].length} values but its shape [${weight.shape.join(', ')}] needs ${expected}.`);
  }
  const doc: ModelDocument = document.doc;
  const { createdAt, bestEpoch, epochs, classes } = trained.data.trained;
  return { document: doc, weights, normalisation: trained.data.normalisation, shapes, info: { createdAt, bestEpoch, epochs, classes } };
}
