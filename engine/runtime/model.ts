/** A trainable model built from a compiled Program: parameters, optimiser, schedule and cached plans. */
import type { Kernels } from '../kernels/api';
import type { Program } from '../model/program';
import { PROGRAM_VERSION } from '../model/program';
import { EngineError } from './errors';
import { applyRegularizers, checkGradientsFinite, clipByGlobalNorm, clipByValue, globalNorm } from './gradients';
import { layerBuilder } from './layers';
import type { Optimizer } from './optimizers';
import { createOptimizer } from './optimizers';
import { ParameterStore } from './parameters';
import type { Parameter } from './parameters';
import type { Plan, PlanMode } from './plan';
import { buildPlan } from './plan';
import { loadInputs, loadTargets } from './batchIo';
import { Rng } from './rng';
import { learningRateAt } from './schedule';
import type { SchedulePosition } from './schedule';

/** One batch: inputs one per program input ([N, ...shape] flat), targets for the (first) output. */
export interface Batch {
  inputs: Float32Array[];
  /** Int32Array class ids for sparse cross-entropy, else values shaped like the output. One per output when there are several. */
  targets: Float32Array | Int32Array | (Float32Array | Int32Array)[];
  size: number;
}

/** Options for building a model. */
export interface ModelOptions {
  /** Seed for initial weights and dropout (default: program.training.seed). */
  seed?: number;
  /** Updates per epoch (dataset size / batch size, rounded up); lets cosine annealing run per step. */
  stepsPerEpoch?: number;
}

/** At most this many plans (batch size × mode) stay allocated; the least recently used is freed. */
const PLAN_CACHE_LIMIT = 6;

/** A model in kernel memory that trains, evaluates and predicts. */
export class Model {
  readonly parameterCount: number;
  readonly trainableParameterCount: number;
  private readonly params: ParameterStore;
  private readonly trainable: Parameter[];
  private readonly regularized: Parameter[];
  private readonly optimizer: Optimizer;
  /** Cached plans keyed by batch size·2 + (1 when training). */
  private readonly plans = new Map<number, Plan>();
  private readonly steps = { count: 0 };
  private currentEpoch = 0;
  private disposed = false;
  private readonly seed: number;
  private readonly stepsPerEpoch: number | null;
  private gradientNorm = 0;
  /** Batch size of the last successful trainStep (0: none), to find its plan's predictions. */
  private lastTrainBatch = 0;
  /** Reused every step so that reading the rate allocates nothing. */
  private readonly schedulePosition: SchedulePosition;

  constructor(
    readonly program: Program,
    private readonly kernels: Kernels,
    opts: ModelOptions = {},
  ) {
    if (program.version !== PROGRAM_VERSION) {
      throw new EngineError('unsupported', `Program version ${String(program.version)} is not supported (expected ${PROGRAM_VERSION}).`);
    }
    if (program.outputs.length === 0) throw new EngineError('unsupported', 'The model has no Output node, so there is nothing to train.');
    this.seed = opts.seed ?? program.training.seed;
    this.stepsPerEpoch = opts.stepsPerEpoch ?? null;
    this.schedulePosition = { epoch: 0, step: 0, totalEpochs: program.training.epochs, stepsPerEpoch: this.stepsPerEpoch };
    this.params = new ParameterStore(kernels, new Set(program.nodes.filter((n) => n.frozen).map((n) => n.id)));
    try {
      const rng = new Rng(this.seed);
      for (const node of program.nodes) {
        if (node.type === 'Input' || node.type === 'Output') continue;
        layerBuilder(node.type, node.id).createParameters?.(node, this.params, rng);
      }
      this.optimizer = createOptimizer(program.training.optimizer, this.params, kernels);
    } catch (err) {
      this.params.dispose();
      throw err;
    }
    this.trainable = this.params.list.filter((p) => p.trainable);
    this.regularized = this.trainable.filter((p) => p.l1 > 0 || p.l2 > 0);
    this.trainableParameterCount = this.params.trainableCount;
    this.parameterCount = this.params.list.reduce((n, p) => n + p.size, 0);
  }

  /** The learning rate the next step uses (schedule and warm-up applied). */
  get learningRate(): number {
    const t = this.program.training;
    const at = this.schedulePosition;
    at.epoch = this.currentEpoch;
    at.step = this.optimizer.steps;
    return learningRateAt(t.optimizer.learningRate, t.schedule, at);
  }

  /** 0-based epoch the schedule is at. */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** Training steps taken. */
  get stepCount(): number {
    return this.steps.count;
  }

  /** Global L2 norm of the gradients (penalty included, before clipping) of the last step. */
  get lastGradientNorm(): number {
    return this.gradientNorm;
  }

  /** Moves the schedule to the next epoch (call after each pass over the data). */
  advanceEpoch(): void {
    this.currentEpoch++;
  }

  /** Puts the schedule at a given 0-based epoch (e.g. when resuming a run). */
  setEpoch(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < 0) throw new EngineError('invalidInput', `Epoch must be a whole number ≥ 0, got ${epoch}.`);
    this.currentEpoch = epoch;
  }

  /** One optimiser step on a batch; returns the loss (data loss + regularisation penalty) before the update. */
  trainStep(batch: Batch): number {
    this.lastTrainBatch = 0;
    const loss = this.computeStepGradients(batch);
    this.optimizer.step(this.learningRate);
    this.steps.count++;
    this.lastTrainBatch = batch.size;
    return loss;
  }

  /**
   * The first output's predictions from the last trainStep's forward pass (weights before its update),
   * for running accuracy; a view into kernel memory, valid until the next call into the model.
   */
  lastTrainPredictions(): Float32Array | null {
    const plan = this.lastTrainBatch > 0 && !this.disposed ? this.plans.get(this.lastTrainBatch * 2 + 1) : undefined;
    if (!plan) return null;
    plan.predict();
    const o = plan.outputs[0];
    const from = o.predictions >> 2;
    return this.kernels.f32().subarray(from, from + plan.batch * o.sampleSize);
  }

  /**
   * Loss and the gradients the optimiser would receive (penalty added, clipped; copies named like
   * the weights), without an optimiser step. BatchNorm running statistics still move, as in any
   * training-mode forward pass.
   */
  computeGradients(batch: Batch): { loss: number; gradients: Record<string, Float32Array> } {
    const loss = this.computeStepGradients(batch);
    const f32 = this.kernels.f32();
    const gradients: Record<string, Float32Array> = {};
    for (const p of this.trainable) gradients[p.name] = f32.slice(p.grad >> 2, (p.grad >> 2) + p.size);
    return { loss, gradients };
  }

  /**
   * Inference-mode loss over the batch (plus the regularisation penalty, as trainStep reports it)
   * and the first output's predictions (probabilities or values).
   */
  evaluate(batch: Batch): { loss: number; outputs: Float32Array } {
    if (!(batch.size >= 1)) throw new EngineError('invalidInput', `Cannot evaluate ${batch.size} samples; give at least one.`);
    const outputs = new Float32Array(batch.size * this.outputSampleSize());
    let weighted = 0;
    this.inChunks(batch.size, (plan, start, size) => {
      loadInputs(this.kernels, plan, batch.inputs, batch.size, start, size);
      loadTargets(this.kernels, plan, batch.targets, batch.size, start, size);
      plan.forward();
      weighted += plan.loss() * size;
      this.copyPredictions(plan, outputs, start, size);
    });
    const penalty = this.regularizationPenalty();
    return { loss: weighted / batch.size + penalty, outputs };
  }

  /** Probabilities (cross-entropy / KL outputs), sigmoid probabilities (BCE) or values (regression) of the first output. */
  predict(inputs: Float32Array[], n: number): Float32Array {
    const outputs = new Float32Array(n * this.outputSampleSize());
    this.inChunks(n, (plan, start, size) => {
      loadInputs(this.kernels, plan, inputs, n, start, size);
      plan.forward();
      this.copyPredictions(plan, outputs, start, size);
    });
    return outputs;
  }

  /** Copies of every weight (running statistics included), by name. */
  getWeights(): Record<string, Float32Array> {
    this.assertLive();
    const f32 = this.kernels.f32();
    const out: Record<string, Float32Array> = {};
    for (const p of this.params.list) out[p.name] = f32.slice(p.ptr >> 2, (p.ptr >> 2) + p.size);
    return out;
  }

  /** The shape of every weight, by the names getWeights uses. */
  weightShapes(): Record<string, number[]> {
    return Object.fromEntries(this.params.list.map((p) => [p.name, [...p.shape]]));
  }

  /** Replaces every weight; checks all names and sizes before writing anything. */
  setWeights(weights: Record<string, Float32Array>): void {
    this.assertLive();
    for (const name of Object.keys(weights)) {
      if (!this.params.has(name)) throw new EngineError('unknownWeight', `The model has no weight named "${name}".`, { op: name });
      const p = this.params.get(name);
      if (weights[name].length !== p.size) {
        throw new EngineError('shapeMismatch', `Weight "${name}" needs ${p.size} values (shape ${p.shape.join('×')}) but got ${weights[name].length}.`, {
          nodeId: p.nodeId,
          op: name,
          expectedShape: p.shape,
          actualShape: [weights[name].length],
        });
      }
    }
    for (const p of this.params.list) {
      if (!(p.name in weights)) throw new EngineError('unknownWeight', `Weight "${p.name}" is missing from the weights given.`, { nodeId: p.nodeId, op: p.name });
    }
    const f32 = this.kernels.f32();
    for (const p of this.params.list) f32.set(weights[p.name], p.ptr >> 2);
  }

  /** Frees every buffer; the model cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    for (const plan of this.plans.values()) plan.dispose();
    this.plans.clear();
    this.params.dispose();
    this.disposed = true;
  }

  /** Forward, loss, backward, penalty, finiteness check and clipping: everything before the update. */
  private computeStepGradients(batch: Batch): number {
    const plan = this.plan('train', batch.size);
    const k = this.kernels;
    loadInputs(k, plan, batch.inputs, batch.size, 0, batch.size);
    loadTargets(k, plan, batch.targets, batch.size, 0, batch.size);
    plan.forward();
    let loss = plan.loss();
    if (!Number.isFinite(loss)) throw this.nonFiniteLoss(plan, loss);
    plan.backward();
    loss += applyRegularizers(k, this.regularized);
    const training = this.program.training;
    // The global norm doubles as the cheap NaN/Inf check: one reduction over every gradient.
    this.gradientNorm = globalNorm(k, this.trainable);
    if (!Number.isFinite(this.gradientNorm)) {
      const badInput = this.nonFiniteInput(plan, 'gradients became NaN or infinite');
      if (badInput) throw badInput;
      checkGradientsFinite(k, this.trainable);
    }
    if (training.clipNorm) clipByGlobalNorm(k, this.trainable, training.clipNorm, this.gradientNorm);
    if (training.clipValue) clipByValue(k, this.trainable, training.clipValue);
    return loss;
  }

  private regularizationPenalty(): number {
    let penalty = 0;
    for (const p of this.regularized) {
      if (p.l1 > 0) penalty += p.l1 * this.kernels.sumAbs(p.size, p.ptr);
      if (p.l2 > 0) penalty += p.l2 * this.kernels.sumSquares(p.size, p.ptr);
    }
    return penalty;
  }

  private nonFiniteLoss(plan: Plan, loss: number): EngineError {
    const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
    const badInput = this.nonFiniteInput(plan, `loss is ${what}`);
    if (badInput) return badInput;
    const entry = plan.firstNonFinite();
    if (entry) {
      return new EngineError(
        'nonFinite',
        `The loss is ${what}: values first became NaN or infinite in ${entry.op} at layer ${entry.nodeId}. Lower the learning rate, enable gradient clipping, or add normalisation.`,
        { nodeId: entry.nodeId, op: entry.op },
      );
    }
    const out = plan.outputs[0];
    return new EngineError('nonFinite', `The loss is ${what} although every layer's output is finite: check the targets of ${out.nodeId}.`, {
      nodeId: out.nodeId,
      op: out.loss,
    });
  }

  /** An error naming the first program input whose batch holds NaN or Inf, if any. */
  private nonFiniteInput(plan: Plan, symptom: string): EngineError | null {
    for (const input of plan.inputs) {
      if (this.kernels.hasNonFinite(input.sampleSize * plan.batch, input.ptr)) {
        return new EngineError('nonFinite', `The ${symptom} because the batch for input ${input.nodeId} contains NaN or infinite values.`, {
          nodeId: input.nodeId,
        });
      }
    }
    return null;
  }

  private outputSampleSize(): number {
    const id = this.program.outputs[0].nodeId;
    const node = this.program.nodes.find((n) => n.id === id);
    return node ? node.inputShapes[0].reduce((a, b) => a * b, 1) : 0;
  }

  private copyPredictions(plan: Plan, into: Float32Array, start: number, size: number): void {
    plan.predict();
    const o = plan.outputs[0];
    const from = o.predictions >> 2;
    into.set(this.kernels.f32().subarray(from, from + size * o.sampleSize), start * o.sampleSize);
  }

  /** Runs `body` over [0, n) in chunks of at most the training batch size (bounded memory for large sets). */
  private inChunks(n: number, body: (plan: Plan, start: number, size: number) => void): void {
    const chunk = Math.max(1, this.program.training.batchSize);
    for (let start = 0; start < n; start += chunk) {
      const size = Math.min(chunk, n - start);
      body(this.plan('infer', size), start, size);
    }
  }

  private plan(mode: PlanMode, batch: number): Plan {
    this.assertLive();
    if (!Number.isInteger(batch) || batch < 1) throw new EngineError('invalidInput', `Batch size must be a positive whole number, got ${batch}.`);
    const key = batch * 2 + (mode === 'train' ? 1 : 0);
    let plan = this.plans.get(key);
    if (plan) {
      // Re-insert to mark it most recently used.
      this.plans.delete(key);
      this.plans.set(key, plan);
      return plan;
    }
    if (this.plans.size >= PLAN_CACHE_LIMIT) {
      const [oldestKey, oldest] = this.plans.entries().next().value as [number, Plan];
      oldest.dispose();
      this.plans.delete(oldestKey);
    }
    plan = buildPlan(this.program, this.kernels, this.params, batch, mode, this.seed, this.steps);
    this.plans.set(key, plan);
    return plan;
  }

  private assertLive(): void {
    if (this.disposed) throw new EngineError('disposed', 'The model was disposed; build a new one.');
  }
}
