/**
 * Turns runs' ring buffers into the aligned arrays uPlot draws: one x axis (the step, or the epoch),
 * one array per series, null where a run has no value. Pure, so the plots' contents are testable.
 */
import { smoothSeries } from '../../engine/metrics';
import { BATCH_METRIC_COLUMNS } from '../../engine/training/protocol';
import type { TrainingRun } from './runs';

/** Points per series at most; longer runs are thinned evenly (the smoothing runs on every batch first). */
export const MAX_PLOT_POINTS = 3000;

export type BatchMetric = 'loss' | 'accuracy';

const STEP = BATCH_METRIC_COLUMNS.indexOf('step');

/** uPlot's aligned data: x then the series. */
export interface AlignedSeries {
  x: number[];
  series: (number | null)[][];
}

interface StepSeries {
  steps: Float32Array;
  values: ArrayLike<number>;
}

/** Aligns series that each cover a run of consecutive steps onto one shared, thinned step axis. */
export function alignBySteps(list: StepSeries[], maxPoints = MAX_PLOT_POINTS): AlignedSeries {
  let first = Infinity;
  let last = -Infinity;
  for (const s of list) {
    if (s.steps.length === 0) continue;
    first = Math.min(first, s.steps[0]);
    last = Math.max(last, s.steps[s.steps.length - 1]);
  }
  if (!Number.isFinite(first)) return { x: [], series: list.map(() => []) };
  const span = last - first + 1;
  const stride = Math.max(1, Math.ceil(span / maxPoints));
  const x: number[] = [];
  for (let step = first; step <= last; step += stride) x.push(step);
  if (x[x.length - 1] !== last) x.push(last);
  const series = list.map(({ steps, values }) => {
    const out: (number | null)[] = new Array<number | null>(x.length).fill(null);
    if (steps.length === 0) return out;
    const start = steps[0];
    for (let i = 0; i < x.length; i++) {
      const at = x[i] - start;
      // Steps are consecutive within a run, so the row of step s is s - first step.
      if (at >= 0 && at < steps.length) {
        const v = values[at];
        out[i] = Number.isFinite(v) ? v : null;
      }
    }
    return out;
  });
  return { x, series };
}

/** Raw and smoothed values of one batch metric of a run. */
export function batchMetricSeries(run: TrainingRun, metric: BatchMetric, smoothing: number): { steps: Float32Array; raw: Float32Array; smooth: Float32Array } {
  const steps = run.batches.column(STEP);
  const raw = run.batches.column(BATCH_METRIC_COLUMNS.indexOf(metric));
  const smooth = smoothSeries(raw, smoothing) as Float32Array;
  return { steps, raw, smooth };
}

/** The selected run's raw and smoothed curve followed by each overlaid run's smoothed curve. */
export function batchPlotData(run: TrainingRun | null, overlays: TrainingRun[], metric: BatchMetric, smoothing: number): AlignedSeries {
  const list: StepSeries[] = [];
  if (run) {
    const s = batchMetricSeries(run, metric, smoothing);
    list.push({ steps: s.steps, values: s.raw }, { steps: s.steps, values: s.smooth });
  } else {
    list.push({ steps: new Float32Array(0), values: [] }, { steps: new Float32Array(0), values: [] });
  }
  for (const other of overlays) {
    const s = batchMetricSeries(other, metric, smoothing);
    list.push({ steps: s.steps, values: s.smooth });
  }
  return alignBySteps(list);
}

/** Per-epoch train/validation loss and accuracy of the run, then each overlay's validation loss. */
export function epochPlotData(run: TrainingRun | null, overlays: TrainingRun[]): AlignedSeries {
  const count = Math.max(run?.epochs.length ?? 0, ...overlays.map((o) => o.epochs.length), 0);
  const x = Array.from({ length: count }, (_, i) => i + 1);
  const pick = (r: TrainingRun | null, value: (e: TrainingRun['epochs'][number]) => number | null) => {
    // Indexed by epoch number, so a long run costs one pass rather than a search per epoch.
    const byEpoch: (number | null)[] = new Array<number | null>(count).fill(null);
    for (const e of r?.epochs ?? []) {
      const v = value(e);
      if (e.epoch >= 1 && e.epoch <= count && v !== null && Number.isFinite(v)) byEpoch[e.epoch - 1] = v;
    }
    return byEpoch;
  };
  return {
    x,
    series: [
      pick(run, (e) => e.trainLoss),
      pick(run, (e) => e.valLoss),
      pick(run, (e) => e.trainAccuracy),
      pick(run, (e) => e.valAccuracy),
      ...overlays.map((o) => pick(o, (e) => e.valLoss ?? e.trainLoss)),
    ],
  };
}

/** Colours for overlaid runs, in order. */
export const OVERLAY_COLOURS = ['#c792ea', '#e8b04f', '#5fc48f', '#f2727a', '#7fdbca', '#f78c6c'];
