/**
 * What a training worker does, whatever runs it (a Web Worker, a worker thread, the CLI in-process):
 * answers the host's messages — start a run, pause, resume, stop, evaluate, predict, preview or
 * register a dataset — and emits the worker's messages. File access, kernels and datasets are injected.
 */
import type { DataIo, Dataset } from '../data';
import { createBatcher, prepare, sequentialBatches } from '../data';
import type { Kernels } from '../kernels/api';
import { createKernels } from '../kernels';
import { compileGraph, parseDocument } from '../model';
import type { ModelDocument } from '../model';
import type { Program } from '../model/program';
import type { Model } from '../runtime';
import { buildModel } from '../runtime';
import { boundaryGrid, decisionGrid, hasDecisionMap } from './boundary';
import type { BoundaryGrid } from './boundary';
import type { DatasetResolver, DatasetSpec } from './datasets';
import { RegisteredDatasets, UnregisteredDatasetError, builtinResolver, cachedResolver } from './datasets';
import { datasetPreview, evaluateTestSplit, predictRaw } from './evaluation';
import { SessionFailure, describeFailure, invalidModelFailure, runErrorMessage } from './failures';
import { checkModelFitsData, modelEnds, targetsForLoss } from './fit';
import { loadStartingWeights, reuseNormalisation } from './initialWeights';
import { adaptModel } from './modelAdapter';
import type { AdaptedModel } from './modelAdapter';
import { ModelCache } from './modelCache';
import { toInputNormalisation } from './normalisation';
import { TRAINING_PROTOCOL_VERSION } from './protocol';
import type { EpochMetrics, HostMessage, InputNormalisation, StartMessage, WorkerMessage } from './protocol';
import { TrainingFailure, runTraining } from './trainer';
import type { TrainingControl } from './types';
import { plural } from '../model/plural';

/** What a session needs from where it runs. */
export interface SessionOptions {
  /** Sends a worker message to the host (the worker entry adds the transfer list). */
  emit(message: WorkerMessage): void;
  /** File access for the built-in datasets; needed unless `resolveDataset` is given. */
  io?: DataIo;
  /** Loads a dataset by spec (default: the built-in registry over `io`). */
  resolveDataset?: DatasetResolver;
  /** Creates kernels with a number of threads (default: the WebAssembly kernels from engine/kernels). */
  createKernels?: (threads: number) => Promise<Kernels>;
  /** Threads when a start message asks for 0 or none (default: up to 2 of the machine's cores). */
  defaultThreads?: number;
  /** Milliseconds between decision maps (2-D synthetic datasets). */
  boundaryInterval?: number;
  /** Seconds between progress messages. */
  progressInterval?: number;
  now?: () => number;
}

/** Pause, resume and stop as the training loop reads them. */
class RunControl implements TrainingControl {
  stopRequested = false;
  pauseRequested = false;
  private waiters: (() => void)[] = [];

  waitForResume(): Promise<void> {
    if (!this.pauseRequested || this.stopRequested) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  pause(): void {
    this.pauseRequested = true;
  }
  resume(): void {
    this.pauseRequested = false;
    this.release();
  }
  stop(): void {
    this.stopRequested = true;
    this.release();
  }
  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function defaultThreadCount(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(2, cores));
}

/** One worker's state: at most one run at a time, plus requests answered between its batches. */
export class TrainingSession {
  private active: { runId: string; control: RunControl; finished: Promise<void> } | null = null;
  private kernels: { threads: number; kernels: Promise<Kernels> } | null = null;
  private readonly models = new ModelCache();
  private readonly resolveDataset: DatasetResolver;
  private readonly registered = new RegisteredDatasets();
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    const resolve = options.resolveDataset ?? (options.io ? builtinResolver(options.io) : null);
    if (!resolve) throw new Error('A training session needs file access (io) or a dataset resolver.');
    // Registered datasets are looked up before the cache, so a re-import under the same name is never stale.
    this.resolveDataset = this.registered.resolverOver(cachedResolver(resolve));
    this.now = options.now ?? (() => performance.now());
  }

  /** Handles one host message; resolves when it is fully answered (a start: when its run has ended). Never rejects. */
  async handle(message: HostMessage): Promise<void> {
    switch (message.type) {
      case 'start':
        return this.start(message);
      case 'pause':
        this.active?.control.pause();
        return;
      case 'resume':
        this.active?.control.resume();
        return;
      case 'stop':
        this.active?.control.stop();
        return;
      case 'evaluate':
      case 'predict':
      case 'datasetPreview':
        return this.answer(message);
      case 'registerDataset':
        // Synchronous, so that a start posted right after it already finds the dataset.
        try {
          this.registered.register(message.id, message.dataset);
          this.options.emit({ type: 'datasetRegistered', requestId: message.requestId, id: message.id });
        } catch (error) {
          const failure = describeFailure(error);
          this.options.emit({ type: 'requestFailed', requestId: message.requestId, message: failure.message, hint: failure.hint });
        }
        return;
      default: {
        const unreachable: never = message;
        this.options.emit({ type: 'requestFailed', requestId: '', message: `Unknown message ${JSON.stringify((unreachable as { type?: unknown }).type)}.`, hint: 'Update Netwright: the app and its training worker disagree.' });
      }
    }
  }

  /** Stops any run and frees the models and kernels. */
  async dispose(): Promise<void> {
    const active = this.active;
    if (active) {
      active.control.stop();
      await active.finished;
    }
    this.models.clear();
    const kernels = this.kernels;
    this.kernels = null;
    if (kernels) (await kernels.kernels.catch(() => null))?.dispose();
  }

  private async start(message: StartMessage): Promise<void> {
    const previous = this.active;
    if (previous) {
      previous.control.stop();
      await previous.finished;
    }
    const control = new RunControl();
    let finish = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const run = { runId: message.runId, control, finished };
    this.active = run;
    try {
      await this.train(message, control);
    } finally {
      if (this.active === run) this.active = null;
      finish();
    }
  }

  private async train(message: StartMessage, control: RunControl): Promise<void> {
    const { runId } = message;
    const emit = this.options.emit;
    const epochs: EpochMetrics[] = [];
    let model: Model | null = null;
    let adapted: AdaptedModel | null = null;
    let normalisation: InputNormalisation | null = null;
    try {
      if (message.protocol !== TRAINING_PROTOCOL_VERSION) {
        throw new SessionFailure('protocol', `The app speaks training protocol ${String(message.protocol)} but this worker speaks ${TRAINING_PROTOCOL_VERSION}.`, 'Restart Netwright so that the app and its worker come from the same version.');
      }
      const program = this.compile(message.document);
      const training = program.training;
      const dataset = await this.resolveDataset(training.dataset);
      checkModelFitsData(program, dataset.meta);
      const { inputShape, loss, outputWidth } = modelEnds(program);
      // Weights carried over keep their meaning only with the input transform they were trained with.
      const reused = message.initialWeights ? message.initialNormalisation : undefined;
      const raw = prepare(dataset, { validationSplit: training.validationSplit, seed: training.seed, modelInputShape: inputShape, ...(reused ? { normalisation: 'none' as const } : {}) });
      const prepared = reused ? reuseNormalisation(raw, reused) : raw;
      const classes = dataset.meta.classes.length;
      const batcher = createBatcher(targetsForLoss(prepared.train, loss, classes), { batchSize: training.batchSize, seed: training.seed });
      const validation = prepared.validation ? sequentialBatches(targetsForLoss(prepared.validation, loss, classes), training.batchSize) : null;
      const kernels = await this.kernelsFor(message.threads);
      // The cached model may sit on these kernels; a run needs the memory more than a stale answer does.
      this.models.clear();
      const built = buildModel(program, kernels, { seed: training.seed, stepsPerEpoch: batcher.batchesPerEpoch });
      try {
        if (built.trainableParameterCount === 0 && built.parameterCount > 0) {
          throw new SessionFailure('invalidModel', 'Every layer with weights is frozen, so training would change nothing.', 'Tick Trainable on at least one layer (in the inspector), or leave out --freeze for it.');
        }
        if (message.initialWeights) loadStartingWeights(built, message.initialWeights, message.initialShapes);
      } catch (error) {
        // A run that never trained keeps no weights: neither fresh ones nor ones that do not fit.
        built.dispose();
        throw error;
      }
      model = built;
      adapted = adaptModel(model);
      emit({ type: 'started', runId, totalEpochs: training.epochs, batchesPerEpoch: batcher.batchesPerEpoch, threads: kernels.threads, kernels: kernels.name });

      normalisation = toInputNormalisation(prepared.normalisation);
      const boundary = hasDecisionMap(dataset.meta) ? this.boundaryEmitter(runId, model, dataset, prepared.normalisation) : null;
      const trained = model;
      await runTraining({
        runId,
        model: adapted,
        train: batcher,
        validation,
        config: training,
        loss,
        outputWidth,
        control,
        progressInterval: this.options.progressInterval,
        now: this.options.now,
        emit: (out) => {
          if (out.type === 'done') {
            // The kept weights (maybe an earlier epoch's) go into the model, so that evaluating them reuses it.
            trained.setWeights(out.weights);
            this.models.adopt(program, trained, out.weights);
            boundary?.(true);
            emit({ ...out, normalisation: normalisation ?? undefined });
            return;
          }
          if (out.type === 'epochEnd') epochs.push(out.metrics);
          emit(out);
          if (out.type === 'progress' || out.type === 'epochEnd') boundary?.(false);
        },
      });
    } catch (error) {
      const cause = adapted?.nonFiniteCause;
      const described = error instanceof TrainingFailure && error.code === 'nonFinite' && cause ? new TrainingFailure(error.code, `${error.message} ${cause.message}`, error.hint, error.epochs, error.weights, error.bestEpoch) : error;
      let weights = null;
      try {
        weights = model ? model.getWeights() : null;
      } catch {
        // A model that cannot hand back its weights (disposed, memory gone) leaves none to keep.
      }
      const failed = runErrorMessage(runId, described, { epochs, weights, bestEpoch: null });
      if (error instanceof UnregisteredDatasetError) failed.missingDataset = error.datasetId;
      emit(normalisation ? { ...failed, normalisation } : failed);
      model?.dispose();
    }
  }

  /** Emits a decision map at most every `boundaryInterval` ms (always when `force`). */
  private boundaryEmitter(runId: string, model: Model, dataset: Dataset, stats: Parameters<typeof boundaryGrid>[1]): (force: boolean) => void {
    const grid: BoundaryGrid = boundaryGrid(dataset.train, stats);
    const interval = this.options.boundaryInterval ?? 250;
    let last = -Infinity;
    return (force) => {
      const t = this.now();
      if (!force && t - last < interval) return;
      last = t;
      const points = grid.size * grid.size;
      this.options.emit({ type: 'boundary', runId, grid: decisionGrid(grid, model.predict([grid.inputs], points)) });
    };
  }

  private async answer(request: Extract<HostMessage, { type: 'evaluate' | 'predict' | 'datasetPreview' }>): Promise<void> {
    try {
      switch (request.type) {
        case 'evaluate': {
          const program = this.compile(request.model.document);
          const dataset = await this.resolveDataset(program.training.dataset);
          checkModelFitsData(program, dataset.meta);
          const model = this.models.get(program, request.model.weights, await this.requestKernels());
          this.options.emit(evaluateTestSplit(request.requestId, model, modelEnds(program).loss, dataset, request.model.normalisation));
          return;
        }
        case 'predict': {
          const program = this.compile(request.model.document);
          const model = this.models.get(program, request.model.weights, await this.requestKernels());
          this.options.emit(predictRaw(request.requestId, model, request.model.normalisation, request.inputs, request.count, modelEnds(program).inputShape));
          return;
        }
        case 'datasetPreview': {
          const dataset = await this.resolveDataset(request.dataset as DatasetSpec);
          this.options.emit(datasetPreview(request.requestId, dataset, request.samples, { split: request.split, indices: request.indices }));
          return;
        }
        default: {
          const unreachable: never = request;
          throw new Error(`Unknown request ${JSON.stringify(unreachable)}`);
        }
      }
    } catch (error) {
      const failure = describeFailure(error);
      const missing = error instanceof UnregisteredDatasetError ? { missingDataset: error.datasetId } : {};
      this.options.emit({ type: 'requestFailed', requestId: request.requestId, message: failure.message, hint: failure.hint, ...missing });
    }
  }

  /** Validates (and upgrades) a document and compiles it; one Input and one Output are required. */
  private compile(document: ModelDocument): Program {
    const parsed = parseDocument(document);
    if (!parsed.ok) throw new SessionFailure('invalidModel', parsed.error, 'Open the model in the editor and save it again, or fix the file by hand.');
    const compiled = compileGraph(parsed.doc);
    if (!compiled.ok) throw invalidModelFailure(compiled.issues);
    const { program } = compiled;
    if (program.inputs.length !== 1 || program.outputs.length !== 1) {
      throw new SessionFailure(
        'invalidModel',
        `Training needs exactly one Input and one Output node; this model has ${plural(program.inputs.length, 'Input')} (${program.inputs.join(', ')}) and ${plural(program.outputs.length, 'Output')} (${program.outputs.map((o) => o.nodeId).join(', ')}).`,
        'Remove the extra Input or Output nodes, or merge the branches before one Output.',
      );
    }
    return program;
  }

  /** Kernels with the run's thread count; other counts replace them (and the cached model on them). */
  private kernelsFor(threads: number | undefined): Promise<Kernels> {
    const wanted = threads && threads > 0 ? Math.floor(threads) : (this.options.defaultThreads ?? defaultThreadCount());
    if (this.kernels?.threads === wanted) return this.kernels.kernels;
    this.models.clear();
    const old = this.kernels;
    if (old) void old.kernels.then((k) => k.dispose(), () => undefined);
    const create = this.options.createKernels ?? ((n: number) => createKernels({ threads: n }));
    const kernels = create(wanted);
    this.kernels = { threads: wanted, kernels };
    kernels.catch(() => {
      if (this.kernels?.kernels === kernels) this.kernels = null;
    });
    return kernels;
  }

  /** Requests use whatever kernels exist, so they never pull the kernels from under a run. */
  private requestKernels(): Promise<Kernels> {
    return this.kernels ? this.kernels.kernels : this.kernelsFor(undefined);
  }
}
