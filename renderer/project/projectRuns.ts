/**
 * A project's runs on their way to and from a file: finished runs of the training store become the
 * ProjectRuns that engine/project writes, and runs read from a file become TrainingRuns of the same
 * shape as live ones (so Evaluate, export, comparison and continued training treat them alike).
 */
import type { ProjectRun } from '../../engine/project';
import { BATCH_METRIC_STRIDE } from '../../engine/training/protocol';
import type { TrainingController } from '../training/controller';
import { MetricBuffer } from '../training/metricBuffer';
import { isActive } from '../training/runs';
import type { TrainingRun } from '../training/runs';
import type { TrainingData, TrainingStore } from '../training/store';

/** The per-batch rows of a run, flat and in order (oldest first). */
function flatBatches(buffer: MetricBuffer): Float32Array {
  const columns = Array.from({ length: buffer.columns }, (_, c) => buffer.column(c));
  const out = new Float32Array(buffer.length * buffer.columns);
  for (let r = 0; r < buffer.length; r++) for (let c = 0; c < buffer.columns; c++) out[r * buffer.columns + c] = columns[c][r];
  return out;
}

/** A finished run as a file keeps it; null for a run still training (it has no final state to keep). */
export function projectRunOf(run: TrainingRun, classes?: string[]): ProjectRun | null {
  if (isActive(run.status)) return null;
  const status = run.status as ProjectRun['status'];
  return {
    id: run.id,
    label: run.label,
    startedAt: run.startedAt,
    document: run.document,
    status,
    error: run.error,
    totalEpochs: run.totalEpochs,
    batchesPerEpoch: run.batchesPerEpoch,
    threads: run.threads,
    kernels: run.kernels,
    epochs: run.epochs,
    bestEpoch: run.bestEpoch,
    batches: flatBatches(run.batches),
    live: { epoch: run.live.epoch, progress: run.live.progress, elapsedSeconds: run.live.elapsedSeconds, samplesPerSecond: run.live.samplesPerSecond },
    weights: run.weights,
    normalisation: run.normalisation,
    ...(classes ? { classes } : {}),
    ...(run.startedFrom ? { startedFrom: run.startedFrom } : {}),
    ...(run.importedFrom !== undefined ? { importedFrom: run.importedFrom } : {}),
  };
}

/** A run read from a file, shaped like one that just finished in this window. */
export function trainingRunOf(saved: ProjectRun): TrainingRun {
  const batches = new MetricBuffer(BATCH_METRIC_STRIDE, Math.max(1, saved.batches.length / BATCH_METRIC_STRIDE));
  batches.appendRows(saved.batches);
  return {
    id: saved.id,
    label: saved.label,
    startedAt: saved.startedAt,
    document: saved.document,
    settings: saved.document.training,
    status: saved.status,
    totalEpochs: saved.totalEpochs,
    batchesPerEpoch: saved.batchesPerEpoch,
    threads: saved.threads,
    kernels: saved.kernels,
    batches,
    live: { ...saved.live, etaSeconds: null },
    epochs: saved.epochs,
    bestEpoch: saved.bestEpoch,
    weights: saved.weights,
    normalisation: saved.normalisation,
    error: saved.error,
    ...(saved.startedFrom ? { startedFrom: saved.startedFrom } : {}),
    ...(saved.importedFrom !== undefined ? { importedFrom: saved.importedFrom } : {}),
  };
}

/** Class names an evaluation reported for the run, when it has one. */
function classesOf(data: TrainingData, runId: string): string[] | undefined {
  const evaluation = data.evaluations[runId];
  return evaluation?.status === 'ready' && evaluation.result.classes.length ? evaluation.result.classes : undefined;
}

/** Every finished run, oldest first, ready to be written. */
export function finishedProjectRuns(data: TrainingData): ProjectRun[] {
  return data.order.flatMap((id) => {
    const run = data.runs[id];
    const saved = run ? projectRunOf(run, classesOf(data, id)) : null;
    return saved ? [saved] : [];
  });
}

/** What a file would hold of the runs: their ids, in order. Changes when a run ends or is removed. */
export function runsKey(data: TrainingData): string {
  return data.order.filter((id) => data.runs[id] && !isActive(data.runs[id].status)).join('\n');
}

/**
 * Replaces the window's finished runs by `saved` (a file's runs), keeping a run still training.
 * Selects the newest restored run.
 */
export function restoreRuns(store: TrainingStore, saved: readonly ProjectRun[]): void {
  store.setState((s) => {
    const active = s.currentRunId && s.runs[s.currentRunId] && isActive(s.runs[s.currentRunId].status) ? s.runs[s.currentRunId] : null;
    const restored = saved.filter((run) => run.id !== active?.id).map(trainingRunOf);
    const runs: Record<string, TrainingRun> = Object.fromEntries(restored.map((run) => [run.id, run]));
    const order = restored.map((run) => run.id);
    if (active) {
      runs[active.id] = active;
      order.push(active.id);
    }
    const evaluations = active && s.evaluations[active.id] ? { [active.id]: s.evaluations[active.id] } : {};
    const selectedRunId = active?.id ?? order[order.length - 1] ?? null;
    return { runs, order, evaluations, boundaries: {}, overlays: {}, selectedRunId, currentRunId: active?.id ?? null };
  });
}

/** The runs of the last open or save, per training store, to tell unsaved runs from saved ones. */
const savedKeys = new WeakMap<TrainingStore, string>();

/** Records that the store's runs as they are now are in the project file. */
export function markRunsSaved(store: TrainingStore, key = runsKey(store.getState())): void {
  savedKeys.set(store, key);
}

/** True when runs ended (or were removed) since the project was last opened or saved. */
export function hasUnsavedRuns(store: TrainingStore): boolean {
  return runsKey(store.getState()) !== (savedKeys.get(store) ?? '');
}

/** What the file commands need from training: the runs to save, and a place for the runs a file brings. */
export interface ProjectRunsAccess {
  /** Finished runs to write, and the key that marks them saved once written. */
  collect(): { runs: ProjectRun[]; key: string };
  /** Puts a file's runs in place of the window's and evaluates the selected one. */
  restore(runs: readonly ProjectRun[], options?: { saved: boolean }): void;
  markSaved(key: string): void;
  /** True when runs ended since the last open or save (so opening another file would drop them). */
  hasUnsaved(): boolean;
}

/** The access over one window's training controller. */
export function projectRunsAccess(controller: TrainingController): ProjectRunsAccess {
  const store = controller.store;
  return {
    collect: () => {
      const data = store.getState();
      return { runs: finishedProjectRuns(data), key: runsKey(data) };
    },
    restore(runs, options = { saved: true }) {
      restoreRuns(store, runs);
      if (options.saved) markRunsSaved(store);
      const selected = store.getState().selectedRunId;
      if (selected && runs.some((run) => run.id === selected)) controller.evaluate(selected);
    },
    markSaved: (key) => markRunsSaved(store, key),
    hasUnsaved: () => hasUnsavedRuns(store),
  };
}
