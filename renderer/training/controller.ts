/**
 * Drives the training worker for one window: starts, pauses, resumes and stops runs, asks for
 * evaluations, predictions and dataset previews, registers imported datasets, and folds every answer
 * into the training store. The only place that talks to the TrainingChannel.
 */
import { compileGraph } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import { weightShapes } from '../../engine/interop/graph';
import { TRAINING_PROTOCOL_VERSION, isUserDatasetName } from '../../engine/training/protocol';
import type { DatasetPreviewMessage, HostMessage, InputNormalisation, PredictionMessage, StartMessage, TrainedModel, WorkerMessage } from '../../engine/training/protocol';
import type { TrainingChannel } from '../host/host';
import type { EditorStore } from '../store/editorStore';
import { canContinueFrom, hasUsableWeights, isActive } from './runs';
import type { TrainingRun } from './runs';
import type { ImportedDataset, TrainingStore } from './store';

/** A request answered by a promise (prediction, dataset preview). */
interface Pending {
  resolve(message: WorkerMessage): void;
  reject(error: RequestError): void;
}

/** A request the worker could not answer: its message and what to do about it. */
export class RequestError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

export interface TrainingController {
  readonly store: TrainingStore;
  /** Starts a run of the editor's current document; returns its id. */
  start(): string;
  /**
   * Starts a run of the editor's current document and settings from a finished run's kept weights
   * and input transform (frozen layers stay as they are); returns the new run's id.
   */
  continueFrom(runId: string): string;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Asks for a test-set evaluation of the run's weights (result lands in the store). */
  evaluate(runId: string): void;
  /** Predictions for raw samples with a run's weights. */
  predict(runId: string, inputs: Float32Array, count: number): Promise<PredictionMessage>;
  /** A dataset's description and `samples` samples for the picker, or the samples `select` names (Evaluate's pages of test samples). */
  preview(dataset: { name: string; options: Record<string, number | string | boolean> }, samples: number, select?: { split: 'train' | 'test'; indices: Int32Array }): Promise<DatasetPreviewMessage>;
  /** Keeps an imported dataset in the store and hands it to the worker; resolves once the worker holds it. */
  registerDataset(entry: ImportedDataset): Promise<void>;
  /** Starts listening to the channel (idempotent). Nothing is received before. */
  connect(): void;
  /** Stops listening; pending requests fail. Runs stay in the store. */
  dispose(): void;
}

/** Used when the worker did not report the transform (an old worker's failure report). */
const NO_NORMALISATION: InputNormalisation = { kind: 'none', offset: [], scale: [] };

/** The model a run trained, ready for the worker's evaluate and predict. */
export function trainedModelOf(run: TrainingRun): TrainedModel | null {
  if (!hasUsableWeights(run) || !run.weights) return null;
  return { document: run.document, weights: run.weights, normalisation: run.normalisation ?? NO_NORMALISATION };
}

/** The shape of every weight a document's model has, so that the worker can name both shapes of a mismatch. */
export function weightShapesOfDocument(document: ModelDocument): Record<string, number[]> {
  const compiled = compileGraph(document);
  const shapes: Record<string, number[]> = {};
  if (!compiled.ok) return shapes;
  for (const node of compiled.program.nodes) for (const [key, shape] of Object.entries(weightShapes(node))) shapes[`${node.id}/${key}`] = shape;
  return shapes;
}

let sequence = 0;
const nextId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(++sequence).toString(36)}`;

export interface ControllerOptions {
  /** Evaluate every run that ends with weights (default true). */
  autoEvaluate?: boolean;
  now?: () => number;
}

/** A controller bound to one channel, one editor store and one training store. */
export function createTrainingController(channel: TrainingChannel, editor: EditorStore, store: TrainingStore, options: ControllerOptions = {}): TrainingController {
  const pending = new Map<string, Pending>();
  const autoEvaluate = options.autoEvaluate ?? true;
  const now = options.now ?? (() => Date.now());

  // Imported datasets live in the store; the worker holds copies that a crash (a fresh worker) loses.
  // `registered` is what this controller believes the current worker holds; `retryable` keeps each
  // message naming an imported dataset until answered, to post it once more after re-registering.
  const registered = new Set<string>();
  const retryable = new Map<string, { message: HostMessage; dataset: string }>();

  const postRegistration = (entry: ImportedDataset, requestId: string): void => {
    registered.add(entry.id);
    channel.post({ type: 'registerDataset', requestId, id: entry.id, dataset: entry.dataset });
  };

  /** Posts a message; one naming an imported dataset is preceded by its registration when the worker may lack it. */
  const send = (message: HostMessage, key: string, dataset: string | null): void => {
    const entry = dataset && isUserDatasetName(dataset) ? store.getState().userDatasets[dataset] : undefined;
    if (entry) {
      if (!registered.has(entry.id)) postRegistration(entry, nextId('reg'));
      retryable.set(key, { message, dataset: entry.id });
    }
    channel.post(message);
  };

  /** A run or request failed because the worker lacks an imported dataset we have: register it and post once more. */
  const retryMissing = (key: string, missing: string): boolean => {
    const kept = retryable.get(key);
    retryable.delete(key);
    const entry = store.getState().userDatasets[missing];
    if (!kept || kept.dataset !== missing || !entry) return false;
    postRegistration(entry, nextId('reg'));
    channel.post(kept.message);
    return true;
  };

  const request = <T extends WorkerMessage>(post: (requestId: string) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const requestId = nextId('req');
      pending.set(requestId, { resolve: (m) => resolve(m as T), reject });
      try {
        post(requestId);
      } catch (err) {
        pending.delete(requestId);
        reject(new RequestError(err instanceof Error ? err.message : String(err), 'Try again; if it keeps failing, reload the window.'));
      }
    });

  const evaluate = (runId: string): void => {
    const run = store.getState().runs[runId];
    const model = run ? trainedModelOf(run) : null;
    if (!model) return;
    const requestId = nextId('eval');
    store.getState().beginEvaluation(runId, requestId);
    send({ type: 'evaluate', requestId, model }, requestId, model.document.training.dataset.name);
  };

  let unsubscribe: (() => void) | null = null;
  const onMessage = (message: WorkerMessage): void => {
    if (message.type === 'ready' || (message.type === 'error' && message.code === 'crashed')) registered.clear();
    if ((message.type === 'error' || message.type === 'requestFailed') && message.missingDataset) {
      registered.delete(message.missingDataset);
      if (retryMissing(message.type === 'error' ? message.runId : message.requestId, message.missingDataset)) return;
    }
    if (message.type === 'done' || message.type === 'error') retryable.delete(message.runId);
    else if ('requestId' in message) retryable.delete(message.requestId);
    store.getState().receive(message);
    switch (message.type) {
      case 'prediction':
      case 'datasetPreview':
      case 'datasetRegistered': {
        const waiting = pending.get(message.requestId);
        pending.delete(message.requestId);
        waiting?.resolve(message);
        break;
      }
      case 'requestFailed': {
        const waiting = pending.get(message.requestId);
        pending.delete(message.requestId);
        waiting?.reject(new RequestError(message.message, message.hint));
        break;
      }
      case 'done':
      case 'error':
        if (autoEvaluate) evaluate(message.runId);
        break;
      default:
        break;
    }
  };

  /** Starts a run of the editor's current document, from fresh weights or those `from` names. */
  const begin = (from?: { runId: string; label: string; start: Pick<StartMessage, 'initialWeights' | 'initialShapes' | 'initialNormalisation'> }): string => {
    const state = store.getState();
    const current = state.currentRunId ? state.runs[state.currentRunId] : null;
    if (current && isActive(current.status)) throw new Error(`${current.label} is still training; stop it before starting another.`);
    const document = structuredClone(editor.getState().getDocument());
    const id = nextId('run');
    const startedFrom = from ? { startedFrom: { runId: from.runId, label: from.label } } : {};
    state.beginRun({ id, label: `Run ${state.order.length + 1}`, document, startedAt: now(), ...startedFrom });
    send({ type: 'start', protocol: TRAINING_PROTOCOL_VERSION, runId: id, document, ...from?.start }, id, document.training.dataset.name);
    return id;
  };

  return {
    store,
    start: () => begin(),
    continueFrom(runId) {
      const source = store.getState().runs[runId];
      if (!source || !canContinueFrom(source) || !source.weights) throw new Error(`${source?.label ?? 'That run'} has no kept weights to continue from.`);
      return begin({
        runId: source.id,
        label: source.label,
        start: { initialWeights: source.weights, initialShapes: weightShapesOfDocument(source.document), ...(source.normalisation ? { initialNormalisation: source.normalisation } : {}) },
      });
    },
    pause: () => channel.post({ type: 'pause' }),
    resume: () => channel.post({ type: 'resume' }),
    stop: () => channel.post({ type: 'stop' }),
    evaluate,
    predict(runId, inputs, count) {
      const run = store.getState().runs[runId];
      const model = run ? trainedModelOf(run) : null;
      if (!model) return Promise.reject(new RequestError(`${run?.label ?? 'This run'} has no trained weights.`, 'Train the model first, or pick a run that finished an epoch.'));
      return request<PredictionMessage>((requestId) => channel.post({ type: 'predict', requestId, model, inputs, count }));
    },
    preview(dataset, samples, select) {
      return request<DatasetPreviewMessage>((requestId) => send({ type: 'datasetPreview', requestId, dataset, samples, ...select }, requestId, dataset.name));
    },
    async registerDataset(entry) {
      store.getState().addUserDataset(entry);
      registered.delete(entry.id);
      try {
        await request((requestId) => postRegistration(entry, requestId));
      } catch (error) {
        registered.delete(entry.id);
        throw error;
      }
    },
    connect() {
      unsubscribe ??= channel.onMessage(onMessage);
    },
    dispose() {
      unsubscribe?.();
      unsubscribe = null;
      for (const waiting of pending.values()) waiting.reject(new RequestError('The window closed the training connection.', ''));
      pending.clear();
    },
  };
}

// ---- the window's controller, for the command registry --------------------------------------------

let active: TrainingController | null = null;

/** Makes `controller` the one the train.* commands drive (null when the app unmounts). */
export function setActiveTrainingController(controller: TrainingController | null): void {
  active = controller;
}

/** The controller the train.* commands drive, if the app has mounted one. */
export function activeTrainingController(): TrainingController | null {
  return active;
}
