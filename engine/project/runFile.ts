/**
 * A run as a project file keeps it, and the schema of the small JSON that describes it inside the
 * archive. Weights and per-batch metrics are not in the JSON: they sit beside it as raw
 * little-endian float32 files, and the JSON's manifest says where each tensor starts and its shape.
 */
import { z } from 'zod';
import type { ModelDocument } from '../model/document';
import type { EpochMetrics, InputNormalisation, TrainingErrorCode, WeightMap } from '../training/protocol';
import { BATCH_METRIC_COLUMNS } from '../training/protocol';
import { normalisationSchema } from '../training/trainedFile';

/** How a kept run ended; a run still training is never written. */
export const FINISHED_RUN_STATUSES = ['completed', 'stopped', 'earlyStopping', 'failed'] as const;
export type FinishedRunStatus = (typeof FINISHED_RUN_STATUSES)[number];

const ERROR_CODES = ['nonFinite', 'invalidModel', 'dataset', 'outOfMemory', 'protocol', 'crashed', 'internal'] as const satisfies readonly TrainingErrorCode[];

/** The weight sets a run may keep: those it evaluates with (best when keep-best is on), and the last epoch's. */
export const WEIGHT_SETS = ['weights', 'lastWeights'] as const;
export type WeightSetName = (typeof WEIGHT_SETS)[number];

/** A finished run with everything Evaluate, export, comparison and continued training need. */
export interface ProjectRun {
  id: string;
  label: string;
  startedAt: number;
  /** The document the run trained (its own snapshot; its `training` section is the run's settings). */
  document: ModelDocument;
  status: FinishedRunStatus;
  error: { code: TrainingErrorCode; message: string; hint: string } | null;
  totalEpochs: number;
  batchesPerEpoch: number;
  threads: number;
  kernels: string;
  epochs: EpochMetrics[];
  bestEpoch: number | null;
  /** Per-batch rows of BATCH_METRIC_COLUMNS, flat. */
  batches: Float32Array;
  /** The last live figures, shown by the history list. */
  live: { epoch: number; progress: number; elapsedSeconds: number; samplesPerSecond: number };
  /** The weights the run evaluates and exports with; null when it failed before an epoch ended. */
  weights: WeightMap | null;
  /** The last epoch's weights when they differ from `weights` (keep-best picked an earlier epoch). */
  lastWeights?: WeightMap | null;
  normalisation: InputNormalisation | null;
  /** Class names by class id, when known. */
  classes?: string[];
  /** The run whose weights this one started from ("Continue training"). */
  startedFrom?: { runId: string; label: string };
  /** The model file the weights were imported from, for a run that was not trained here. */
  importedFrom?: string;
}

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nullableMetric = z.number().nullable();

export const epochMetricsSchema = z.object({
  epoch: count,
  // Losses may be NaN in a failed run's last epoch; JSON writes those as null.
  trainLoss: z.number().nullable().transform((v) => v ?? Number.NaN),
  trainAccuracy: nullableMetric,
  valLoss: nullableMetric,
  valAccuracy: nullableMetric,
  learningRate: z.number().nullable().transform((v) => v ?? Number.NaN),
  seconds: z.number().min(0),
});

/** One tensor of a weights file: where it starts (bytes), and its shape (the byte length follows). */
export const tensorEntrySchema = z.object({
  set: z.enum(WEIGHT_SETS),
  name: z.string().min(1).max(500),
  shape: z.array(z.number().int().min(0).max(2 ** 31)).max(8),
  offset: count,
  byteLength: count,
});
export type TensorEntry = z.infer<typeof tensorEntrySchema>;

/** `runs/<n>/run.json`. The document snapshot is validated separately (it may need migrating). */
export const runFileSchema = z.object({
  id: z.string().min(1).max(200),
  label: z.string().max(200),
  startedAt: finite,
  document: z.unknown(),
  status: z.enum(FINISHED_RUN_STATUSES),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string().max(10_000), hint: z.string().max(10_000) }).nullable(),
  totalEpochs: count,
  batchesPerEpoch: count,
  threads: count,
  kernels: z.string().max(200),
  epochs: z.array(epochMetricsSchema).max(1_000_000),
  bestEpoch: count.nullable(),
  live: z.object({ epoch: count, progress: z.number().min(0).max(1), elapsedSeconds: z.number().min(0), samplesPerSecond: z.number().min(0) }),
  normalisation: normalisationSchema.nullable(),
  classes: z.array(z.string().max(1000)).max(100_000).optional(),
  startedFrom: z.object({ runId: z.string().max(200), label: z.string().max(200) }).optional(),
  importedFrom: z.string().max(1000).optional(),
  /** Per-batch metrics file: `rows` rows of `columns`, float32. */
  batches: z.object({ file: z.literal('batches.bin'), columns: z.array(z.string()).length(BATCH_METRIC_COLUMNS.length), rows: count }),
  /** Weights file and its manifest. */
  tensors: z.object({ file: z.literal('weights.bin'), entries: z.array(tensorEntrySchema).max(100_000) }),
});
export type RunFile = z.infer<typeof runFileSchema>;

/** `manifest.json`: what the archive is and which run folders it holds, in order. */
export const ARCHIVE_FORMAT = 'netwright-project';
export const ARCHIVE_VERSION = 1;
export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.number().int().min(1),
  project: z.literal('project.json'),
  runs: z.array(z.string().regex(/^runs\/[0-9]{1,6}$/)).max(1000),
});
export type ArchiveManifest = z.infer<typeof manifestSchema>;
