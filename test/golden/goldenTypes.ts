/**
 * Types of the PyTorch reference fixtures in test/golden/fixtures (written by
 * scripts/golden/make_golden.py; keys documented in test/golden/README.md).
 */
import type { Conv2dGeometry, Pool2dGeometry } from '../../engine/kernels/api';
import type { OptimizerConfig, ScheduleConfig } from '../../engine/model/document';
import type { LossName } from '../../engine/model/program';

/** A fixture tensor: row-major data in the engine's layout (NHWC, HWIO, Dense [in, out]). */
export interface GoldenTensor {
  shape: number[];
  data: Float32Array;
}

export interface GoldenMeta {
  group: string;
  torch: string;
  numpy: string;
  python: string;
  seed: number;
  computeDtype: string;
  deterministicAlgorithms: boolean;
  device: string;
  settings: Record<string, unknown>;
}

/** Forward input/output and the gradient pair of a one-input op. */
export interface UnaryOpCase {
  x: GoldenTensor;
  y: GoldenTensor;
  dy: GoldenTensor;
  dx: GoldenTensor;
}

export interface ActivationCase extends UnaryOpCase {
  /** LeakyReLU negative slope or ELU alpha; absent for the others. */
  alpha?: number;
}

export interface GemmCase {
  transA: boolean;
  transB: boolean;
  M: number;
  N: number;
  K: number;
  alpha: number;
  beta: number;
  lda: number;
  ldb: number;
  ldc: number;
  /** Stored A: [M, K], or [K, M] when transA. */
  a: GoldenTensor;
  /** Stored B: [K, N], or [N, K] when transB. */
  b: GoldenTensor;
  /** C before the call. */
  c0: GoldenTensor;
  /** C after: alpha·op(A)·op(B) + beta·c0. */
  c: GoldenTensor;
}

/** The kernel geometry plus the padding after (implied by outH/outW) and the layer's padding mode. */
export type ConvGeometryRecord = Conv2dGeometry & { padBottom: number; padRight: number; padding: 'same' | 'valid' };
export type PoolGeometryRecord = Pool2dGeometry & { padBottom: number; padRight: number; padding: 'same' | 'valid' };

export interface ConvOpCase {
  geometry: ConvGeometryRecord;
  x: GoldenTensor;
  w: GoldenTensor;
  y: GoldenTensor;
  dy: GoldenTensor;
  dx: GoldenTensor;
  dw: GoldenTensor;
}

export interface PoolCase extends UnaryOpCase {
  geometry: PoolGeometryRecord;
}

export interface BatchNormTrainCase {
  eps: number;
  momentum: number;
  rows: number;
  channels: number;
  x: GoldenTensor;
  gamma: GoldenTensor;
  beta: GoldenTensor;
  runMeanBefore: GoldenTensor;
  runVarBefore: GoldenTensor;
  y: GoldenTensor;
  saveMean: GoldenTensor;
  saveInvStd: GoldenTensor;
  runMeanAfter: GoldenTensor;
  runVarAfter: GoldenTensor;
  dy: GoldenTensor;
  dx: GoldenTensor;
  dgamma: GoldenTensor;
  dbeta: GoldenTensor;
}

export interface BatchNormInferenceCase extends UnaryOpCase {
  eps: number;
  rows: number;
  channels: number;
  gamma: GoldenTensor;
  beta: GoldenTensor;
  runMean: GoldenTensor;
  runVar: GoldenTensor;
}

export interface LayerNormCase extends UnaryOpCase {
  eps: number;
  rows: number;
  cols: number;
  gamma: GoldenTensor;
  beta: GoldenTensor;
  saveMean: GoldenTensor;
  saveInvStd: GoldenTensor;
  dgamma: GoldenTensor;
  dbeta: GoldenTensor;
}

export interface BinaryOpCase {
  a: GoldenTensor;
  b: GoldenTensor;
  y: GoldenTensor;
  dy: GoldenTensor;
  da: GoldenTensor;
  db: GoldenTensor;
}

export const GOLDEN_ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'leakyRelu', 'elu', 'gelu', 'silu', 'softmax'] as const;
export type GoldenActivation = (typeof GOLDEN_ACTIVATIONS)[number];

export interface OpsGolden {
  meta: GoldenMeta;
  activations: Record<GoldenActivation, ActivationCase>;
  gemm: Record<'NN' | 'TN' | 'NT' | 'TT', GemmCase>;
  conv2d: Record<string, ConvOpCase>;
  maxPool2d: Record<string, PoolCase>;
  avgPool2d: Record<string, PoolCase>;
  globalAvgPool2d: UnaryOpCase;
  batchNorm: { train: BatchNormTrainCase; inference: BatchNormInferenceCase };
  layerNorm: LayerNormCase;
  add: BinaryOpCase;
  concatenate: BinaryOpCase & { axis: number };
  flatten: UnaryOpCase;
  reshape: UnaryOpCase & { targetShape: number[] };
}

export const GOLDEN_FUSED_ACTIVATIONS = ['none', ...GOLDEN_ACTIVATIONS] as const;
export type GoldenFusedActivation = (typeof GOLDEN_FUSED_ACTIVATIONS)[number];

interface LayerGradients {
  x: GoldenTensor;
  kernel: GoldenTensor;
  bias: GoldenTensor;
  y: GoldenTensor;
  dy: GoldenTensor;
  dx: GoldenTensor;
  dkernel: GoldenTensor;
  dbias: GoldenTensor;
}

export interface DenseLayerCase extends LayerGradients {
  units: number;
  activation: GoldenFusedActivation;
  alpha?: number;
}

export interface ConvLayerCase extends LayerGradients {
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  padding: 'same' | 'valid';
  dilationRate: [number, number];
  activation: GoldenFusedActivation;
  geometry: ConvGeometryRecord;
}

export interface LayersGolden {
  meta: GoldenMeta;
  dense: Record<GoldenFusedActivation, DenseLayerCase>;
  conv2d: Record<string, ConvLayerCase>;
}

export interface LossCase {
  kind: LossName;
  inputIs: 'logits' | 'predictions';
  /** Huber only. */
  delta?: number;
  input: GoldenTensor;
  /** Class indices (as floats) for sparseCategoricalCrossentropy, otherwise same shape as input. */
  targets: GoldenTensor;
  loss: number;
  dinput: GoldenTensor;
}

export interface LossesGolden {
  meta: GoldenMeta;
  cases: Record<string, LossCase>;
}

export interface ModelFixture {
  input: number[];
  layers: Array<Record<string, string | number | number[]>>;
  initialWeights: Record<string, GoldenTensor>;
}

export interface DatasetFixture {
  targetKind: 'classIndices' | 'distributions' | 'binary' | 'values';
  x: GoldenTensor;
  targets: GoldenTensor;
}

export interface TrainingCase {
  model: 'mlp' | 'cnn';
  dataset: string;
  loss: LossName;
  optimizer: OptimizerConfig;
  schedule: ScheduleConfig;
  l1: number;
  l2: number;
  clipNorm: number | null;
  clipValue: number | null;
  batchSize: number;
  steps: number;
  /** Rate used by the optimiser step at each step index. */
  learningRates: number[];
  /** Objective (data loss + penalty) before each step's update. */
  losses: number[];
  dataLosses: number[];
  /** Global L2 norm of all gradients (penalty included) before clipping. */
  gradientNorms: number[];
  /** What the optimiser receives at step 0 (penalty added, clipped; weight decay not yet applied). */
  firstStepGradients: Record<string, GoldenTensor>;
  finalWeights: Record<string, GoldenTensor>;
}

export const TRAINING_SECTIONS = ['optimizers', 'cnnOptimizers', 'losses', 'regularization', 'clipping', 'schedules'] as const;
export type TrainingSection = (typeof TRAINING_SECTIONS)[number];

/**
 * Fine-tuning: `frozen` layers have requires_grad=False (a frozen BatchNorm is in eval mode) and stay
 * out of the optimiser. Gradients are those of the trainable weights; final weights include all.
 */
export interface FreezingCase {
  model: 'mlpBn';
  dataset: string;
  loss: LossName;
  frozen: string[];
  optimizer: OptimizerConfig;
  batchSize: number;
  steps: number;
  losses: number[];
  /** Global L2 norm of the trainable weights' gradients. */
  gradientNorms: number[];
  firstStepGradients: Record<string, GoldenTensor>;
  finalWeights: Record<string, GoldenTensor>;
}

export type TrainingGolden = {
  meta: GoldenMeta;
  /** mlpBn: Dense, BatchNorm, Dense, for the freezing section. */
  models: Record<'mlp' | 'cnn' | 'mlpBn', ModelFixture>;
  datasets: Record<string, DatasetFixture>;
  freezing: Record<string, FreezingCase>;
} & Record<TrainingSection, Record<string, TrainingCase>>;

/** Every fixture group, by file name (without .json). */
export interface GoldenGroups {
  ops: OpsGolden;
  layers: LayersGolden;
  losses: LossesGolden;
  training: TrainingGolden;
}
export type GoldenGroupName = keyof GoldenGroups;
export const GOLDEN_GROUPS: readonly GoldenGroupName[] = ['ops', 'layers', 'losses', 'training'];
