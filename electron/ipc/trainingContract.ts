/**
 * The training channels between the renderer and the main process, which relays them to the training
 * worker (see engine/training/protocol.ts). Host messages are validated like every other payload;
 * weights and samples travel as Float32Arrays (structured clone), bounded in size.
 */
import { z } from 'zod';
import { documentSchema } from '../../engine/model/document';

/** Renderer -> main: one host message for the worker (ipcRenderer.send). */
export const TRAINING_POST_CHANNEL = 'training:post';
/** Main -> renderer: one worker message (webContents.send). */
export const TRAINING_MESSAGE_CHANNEL = 'training:message';

/** At most 256 M float32 values (1 GiB) in one message: far above real models, far below a hostile flood. */
const MAX_VALUES = 256 * 1024 * 1024;
const id = z.string().min(1).max(200);

const float32Array = z.custom<Float32Array>(
  (value) => Object.prototype.toString.call(value) === '[object Float32Array]' && (value as Float32Array).length <= MAX_VALUES,
  'expected a Float32Array',
);
const int32Array = z.custom<Int32Array>(
  (value) => Object.prototype.toString.call(value) === '[object Int32Array]' && (value as Int32Array).length <= MAX_VALUES,
  'expected an Int32Array',
);
const dimension = z.number().int().min(1).max(1 << 24);
const splitSchema = z.object({
  x: float32Array,
  y: z.union([int32Array, float32Array]),
  count: z.number().int().min(0),
  sampleShape: z.array(dimension).min(1).max(8),
});
/** A dataset the renderer built from a person's file; the worker checks that its parts agree. */
const datasetSchema = z.object({
  meta: z.object({
    id: z.string().max(200),
    name: z.string().max(1000),
    description: z.string().max(10_000),
    task: z.enum(['classification', 'binary', 'regression']),
    kind: z.enum(['image', 'tabular', 'synthetic']),
    inputShape: z.array(dimension).min(1).max(8),
    classes: z.array(z.string().max(1000)).max(100_000),
    trainCount: z.number().int().min(0),
    testCount: z.number().int().min(0),
    options: z.array(z.never()).max(0),
    source: z.string().max(10_000),
    featureNames: z.array(z.string().max(1000)).max(100_000).optional(),
    targetName: z.string().max(1000).optional(),
  }),
  train: splitSchema,
  test: splitSchema,
});
const weightMapSchema = z.record(z.string().min(1).max(500), float32Array);
const normalisationSchema = z.object({
  kind: z.enum(['standardise', 'minmax', 'none']),
  offset: z.array(z.number()).max(MAX_VALUES),
  scale: z.array(z.number()).max(MAX_VALUES),
});
const trainedModelSchema = z.object({ document: documentSchema, weights: weightMapSchema, normalisation: normalisationSchema });

/** Every message the renderer may send to the training worker. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    protocol: z.literal(1),
    runId: id,
    document: documentSchema,
    initialWeights: weightMapSchema.optional(),
    initialShapes: z.record(z.string().min(1).max(500), z.array(dimension).max(8)).optional(),
    initialNormalisation: normalisationSchema.optional(),
    threads: z.number().int().min(0).max(64).optional(),
  }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('evaluate'), requestId: id, model: trainedModelSchema }),
  z.object({ type: z.literal('predict'), requestId: id, model: trainedModelSchema, inputs: float32Array, count: z.number().int().min(1) }),
  z.object({
    type: z.literal('datasetPreview'),
    requestId: id,
    dataset: z.object({ name: z.string().min(1).max(4096), options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])) }),
    samples: z.number().int().min(0).max(10000),
    split: z.enum(['train', 'test']).optional(),
    indices: int32Array.optional(),
  }),
  z.object({
    type: z.literal('registerDataset'),
    requestId: id,
    id: z.string().regex(/^user:[A-Za-z0-9._-]{1,100}$/),
    dataset: datasetSchema,
  }),
]);

const WORKER_MESSAGE_TYPES = ['ready', 'started', 'progress', 'epochEnd', 'paused', 'resumed', 'done', 'error', 'boundary', 'evaluation', 'prediction', 'datasetPreview', 'datasetRegistered', 'requestFailed'] as const;

/** Worker messages come from our own worker: the preload checks only that each is a known kind. */
export const workerMessageSchema = z.looseObject({ type: z.enum(WORKER_MESSAGE_TYPES) });
