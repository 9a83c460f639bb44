/**
 * The model document: what a Netwright project file holds. Versioned; older versions are
 * upgraded by numbered migrations (see migrations.ts) before this schema validates them.
 */
import { z } from 'zod';
import { LAYER_TYPES } from './layerTypes';
import type { LayerType } from './layerTypes';

/** The version this build writes. Files with a higher version are refused, never guessed at. */
export const DOCUMENT_VERSION = 2;

const paramValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]);

export const nodeSchema = z.object({
  id: z.string().min(1),
  type: z.enum(LAYER_TYPES),
  /** A user-facing name; defaults to the id in the UI. */
  name: z.string().optional(),
  params: z.record(z.string(), paramValue),
  position: z.object({ x: z.number(), y: z.number() }),
  /**
   * false freezes the layer's weights: training leaves them (and a BatchNorm's running statistics)
   * unchanged. Absent means true, so files written before the flag existed read as before; only
   * layers with weights (see hasWeights) honour it.
   */
  trainable: z.boolean().optional(),
});

export const edgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  /** Input port on the target, 0-based. Single-input layers only have port 0. */
  targetPort: z.number().int().min(0),
});

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const optimizerSchema = z.object({
  type: z.enum(OPTIMIZERS),
  learningRate: z.number().positive(),
  /** momentum / nesterov / rmsprop */
  momentum: z.number().min(0).max(1).optional(),
  /** adam / adamw */
  beta1: z.number().min(0).max(1).optional(),
  beta2: z.number().min(0).max(1).optional(),
  epsilon: z.number().positive().optional(),
  /** adadelta's rho, rmsprop's alpha (decay of the squared-gradient average) */
  rho: z.number().min(0).max(1).optional(),
  /** coupled L2 for every optimiser except adamw, where it is decoupled weight decay */
  weightDecay: z.number().min(0).optional(),
});
export type OptimizerConfig = z.infer<typeof optimizerSchema>;

export const SCHEDULES = ['constant', 'step', 'exponential', 'cosine'] as const;
export const scheduleSchema = z.object({
  type: z.enum(SCHEDULES),
  /** step: multiply by gamma every stepEpochs; exponential: multiply by gamma every epoch */
  gamma: z.number().positive().optional(),
  stepEpochs: z.number().int().positive().optional(),
  /** cosine: the floor the rate decays to */
  minLearningRate: z.number().min(0).optional(),
  /** linear warm-up from 0 over this many steps, before any schedule */
  warmupSteps: z.number().int().min(0).optional(),
});
export type ScheduleConfig = z.infer<typeof scheduleSchema>;

export const trainingSchema = z.object({
  dataset: z.object({
    name: z.string().min(1),
    options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
  }),
  optimizer: optimizerSchema,
  schedule: scheduleSchema.default({ type: 'constant' }),
  batchSize: z.number().int().min(1).max(65536),
  epochs: z.number().int().min(1).max(100000),
  validationSplit: z.number().min(0).max(0.9),
  seed: z.number().int().min(0),
  clipNorm: z.number().positive().nullable().default(null),
  clipValue: z.number().positive().nullable().default(null),
  earlyStopping: z
    .object({
      enabled: z.boolean(),
      metric: z.enum(['valLoss', 'valAccuracy']),
      patience: z.number().int().min(1),
    })
    .default({ enabled: false, metric: 'valLoss', patience: 5 }),
  keepBestWeights: z.boolean().default(true),
});
export type TrainingConfig = z.infer<typeof trainingSchema>;

/** Which way the canvas lays the layers out: left to right, or top to bottom. */
export const LAYOUT_DIRECTIONS = ['RIGHT', 'DOWN'] as const;
export type LayoutDirection = (typeof LAYOUT_DIRECTIONS)[number];

export const documentSchema = z.object({
  format: z.literal('netwright-model'),
  version: z.literal(DOCUMENT_VERSION),
  name: z.string(),
  description: z.string().default(''),
  /** Absent in files written before it was saved: those read as left to right. */
  layoutDirection: z.enum(LAYOUT_DIRECTIONS).optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
  training: trainingSchema,
});

export type ModelDocument = z.infer<typeof documentSchema>;
export type DocumentNode = z.infer<typeof nodeSchema>;
export type DocumentEdge = z.infer<typeof edgeSchema>;

/** The document's layout direction; left to right when the file does not say. */
export const layoutDirectionOf = (doc: Pick<ModelDocument, 'layoutDirection'>): LayoutDirection => doc.layoutDirection ?? 'RIGHT';

/** The layer kinds that own weights, and so can be frozen. */
const LAYERS_WITH_WEIGHTS: ReadonlySet<LayerType> = new Set<LayerType>(['Dense', 'Conv2D', 'DepthwiseConv2D', 'BatchNorm', 'LayerNorm']);

/** True when layers of this kind have weights (a trainable flag means something for them). */
export const hasWeights = (type: LayerType): boolean => LAYERS_WITH_WEIGHTS.has(type);

/** True when training must leave this node's weights as they are. */
export const isFrozen = (node: Pick<DocumentNode, 'type' | 'trainable'>): boolean => node.trainable === false && hasWeights(node.type);

/** Default training settings: Adam 1e-3, batch 64, as most templates want. */
export function defaultTraining(datasetName = 'mnist'): TrainingConfig {
  return trainingSchema.parse({
    dataset: { name: datasetName, options: {} },
    optimizer: { type: 'adam', learningRate: 1e-3 },
    batchSize: 64,
    epochs: 3,
    validationSplit: 0.1,
    seed: 42,
  });
}
