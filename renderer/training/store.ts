/**
 * The training store: every run of this window (settings snapshot, status, epochs, batch metrics in
 * ring buffers, weights, errors), evaluations, and the view state of the Train and Evaluate modes.
 * A separate zustand store from the editor's: training never edits the project document, and the
 * editor's undo history never sees training.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Dataset } from '../../engine/data';
import type { DecisionGrid, EvaluationMessage, WorkerMessage } from '../../engine/training/protocol';
import { createRun, reduceRun, runIdOf } from './runs';
import type { RunInit, TrainingRun } from './runs';

/** Which workspace the window shows. */
export type WorkspaceMode = 'design' | 'train' | 'evaluate';

/** An evaluation of one run's weights on the test set. */
export type EvaluationState =
  | { status: 'pending'; requestId: string }
  | { status: 'ready'; requestId: string; result: EvaluationMessage }
  | { status: 'failed'; requestId: string; message: string; hint: string };

/** A dataset the person imported (a CSV or an image folder), kept here so that it outlives a worker crash. */
export interface ImportedDataset {
  /** The name documents use: 'user:<slug>'. */
  id: string;
  /** The file or folder it came from, as the person knows it. */
  fileName: string;
  dataset: Dataset;
  /** When it was imported (ms); a new import of the same file gets a new value. */
  importedAt: number;
}

/** The data part of the store; reducers below are pure functions over it. */
export interface TrainingData {
  runs: Record<string, TrainingRun>;
  /** Run ids, oldest first. */
  order: string[];
  /** The run the worker is busy with, if any. */
  currentRunId: string | null;
  /** The run the plots, errors and the Evaluate view show. */
  selectedRunId: string | null;
  /** Past runs whose curves are drawn under the selected run's. */
  overlays: Record<string, boolean>;
  evaluations: Record<string, EvaluationState>;
  /** The latest decision map per run (2-D datasets), apart from the runs so maps do not re-render run lists. */
  boundaries: Record<string, DecisionGrid>;
  /** Loss-plot smoothing weight, 0 (raw) to 0.99. */
  smoothing: number;
  mode: WorkspaceMode;
  /** Imported datasets by id; the controller registers them with the worker. */
  userDatasets: Record<string, ImportedDataset>;
}

export interface TrainingActions {
  /** Folds a worker message into the runs and evaluations. */
  receive(message: WorkerMessage): void;
  /** Records a run that was just posted to the worker, and selects it. */
  beginRun(init: RunInit): void;
  /** Keeps a run that needs no worker (imported weights), and selects it. */
  addFinishedRun(run: TrainingRun): void;
  /** Points an imported run at another dataset to evaluate on; its earlier evaluation is dropped. */
  setImportedRunDataset(runId: string, datasetName: string): void;
  beginEvaluation(runId: string, requestId: string): void;
  failRequest(requestId: string, message: string, hint: string): void;
  selectRun(runId: string | null): void;
  toggleOverlay(runId: string): void;
  removeRun(runId: string): void;
  setSmoothing(weight: number): void;
  setMode(mode: WorkspaceMode): void;
  /** Keeps an imported dataset (replacing one with the same id). */
  addUserDataset(entry: ImportedDataset): void;
}

export type TrainingState = TrainingData & TrainingActions;
export type TrainingStore = StoreApi<TrainingState>;

/** An empty store's data. */
export function initialTrainingData(): TrainingData {
  return { runs: {}, order: [], currentRunId: null, selectedRunId: null, overlays: {}, evaluations: {}, boundaries: {}, smoothing: 0.6, mode: 'design', userDatasets: {} };
}

/** Adds a run in 'starting' state; it becomes current and selected. */
export function addRun(data: TrainingData, init: RunInit): TrainingData {
  const run = createRun(init);
  return { ...data, runs: { ...data.runs, [run.id]: run }, order: [...data.order, run.id], currentRunId: run.id, selectedRunId: run.id };
}

/**
 * The data after one worker message. Returns the same object when nothing React shows changed
 * (progress only mutates the run's buffers and live numbers), so subscribers are not woken per message.
 */
export function reduceTraining(data: TrainingData, message: WorkerMessage): TrainingData {
  const runId = runIdOf(message);
  if (message.type === 'boundary') {
    return data.runs[message.runId] ? { ...data, boundaries: { ...data.boundaries, [message.runId]: message.grid } } : data;
  }
  if (runId !== null) {
    const run = data.runs[runId];
    if (!run) return data; // a message for a run this window no longer knows (removed, or before a reload)
    const next = reduceRun(run, message);
    if (next === run) return data;
    const finished = message.type === 'done' || message.type === 'error';
    return {
      ...data,
      runs: { ...data.runs, [runId]: next },
      currentRunId: finished && data.currentRunId === runId ? null : data.currentRunId,
    };
  }
  if (message.type === 'evaluation') {
    const entry = Object.entries(data.evaluations).find(([, e]) => e.requestId === message.requestId);
    if (!entry) return data;
    return { ...data, evaluations: { ...data.evaluations, [entry[0]]: { status: 'ready', requestId: message.requestId, result: message } } };
  }
  if (message.type === 'requestFailed') return failEvaluation(data, message.requestId, message.message, message.hint);
  return data;
}

function failEvaluation(data: TrainingData, requestId: string, message: string, hint: string): TrainingData {
  const entry = Object.entries(data.evaluations).find(([, e]) => e.requestId === requestId);
  if (!entry) return data;
  return { ...data, evaluations: { ...data.evaluations, [entry[0]]: { status: 'failed', requestId, message, hint } } };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A new training store. */
export function createTrainingStore(initial: Partial<TrainingData> = {}): TrainingStore {
  return createStore<TrainingState>()((set) => {
    const update = (fn: (data: TrainingState) => TrainingData) =>
      set((state) => {
        const next = fn(state);
        return next === state ? state : next;
      });
    return {
      ...initialTrainingData(),
      ...initial,
      receive: (message) => update((s) => reduceTraining(s, message)),
      beginRun: (init) => update((s) => addRun(s, init)),
      setImportedRunDataset: (runId, datasetName) =>
        update((s) => {
          const run = s.runs[runId];
          if (!run?.importedFrom || run.settings.dataset.name === datasetName) return s;
          const settings = { ...run.settings, dataset: { name: datasetName, options: {} } };
          const evaluations = { ...s.evaluations };
          delete evaluations[runId];
          return { ...s, runs: { ...s.runs, [runId]: { ...run, settings, document: { ...run.document, training: settings } } }, evaluations };
        }),
      addFinishedRun: (run) => update((s) => ({ ...s, runs: { ...s.runs, [run.id]: run }, order: [...s.order, run.id], selectedRunId: run.id })),
      beginEvaluation: (runId, requestId) => update((s) => ({ ...s, evaluations: { ...s.evaluations, [runId]: { status: 'pending', requestId } } })),
      failRequest: (requestId, message, hint) => update((s) => failEvaluation(s, requestId, message, hint)),
      selectRun: (selectedRunId) => set({ selectedRunId }),
      toggleOverlay: (runId) => set((s) => ({ overlays: { ...s.overlays, [runId]: !s.overlays[runId] } })),
      removeRun: (runId) =>
        update((s) => {
          if (s.currentRunId === runId) return s; // the worker is still on it; stop it first
          const runs = { ...s.runs };
          delete runs[runId];
          const evaluations = { ...s.evaluations };
          delete evaluations[runId];
          const boundaries = { ...s.boundaries };
          delete boundaries[runId];
          const order = s.order.filter((id) => id !== runId);
          return { ...s, runs, evaluations, boundaries, order, selectedRunId: s.selectedRunId === runId ? (order[order.length - 1] ?? null) : s.selectedRunId };
        }),
      setSmoothing: (weight) => set({ smoothing: clamp(weight, 0, 0.99) }),
      setMode: (mode) => set({ mode }),
      addUserDataset: (entry) => set((s) => ({ userDatasets: { ...s.userDatasets, [entry.id]: entry } })),
    };
  });
}

/** The selected run, or null. */
export const selectSelectedRun = (s: TrainingData): TrainingRun | null => (s.selectedRunId ? (s.runs[s.selectedRunId] ?? null) : null);

/** The run the worker is busy with, or null. */
export const selectCurrentRun = (s: TrainingData): TrainingRun | null => (s.currentRunId ? (s.runs[s.currentRunId] ?? null) : null);
