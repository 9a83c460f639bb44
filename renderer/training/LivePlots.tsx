/**
 * The live plots of the selected run: loss and accuracy per batch (raw faint, smoothed bold, overlaid
 * past runs) and train vs validation per epoch. Charts are created once; data flows on the timer.
 */
import { useRef } from 'react';
import type { ReactNode } from 'react';
import { batchPlotData, epochPlotData, OVERLAY_COLOURS } from './plotData';
import type { AlignedSeries, BatchMetric } from './plotData';
import { isActive } from './runs';
import type { TrainingRun } from './runs';
import { selectSelectedRun } from './store';
import type { TrainingState } from './store';
import { useTraining, useTrainingStore } from './TrainingContext';
import type { ChartSeries } from './UPlotChart';
import { UPlotChart } from './UPlotChart';

const TRAIN_COLOUR = '#6ea8fe';
const VAL_COLOUR = '#f78c6c';

function overlayRuns(s: TrainingState): TrainingRun[] {
  return s.order.filter((id) => id !== s.selectedRunId && s.overlays[id] && s.runs[id]).map((id) => s.runs[id]);
}

/** A reader that only rebuilds arrays when the buffers grew or the view changed. */
function useChangeAwareReader(build: (state: TrainingState) => AlignedSeries, key: (state: TrainingState) => string) {
  const store = useTrainingStore();
  const last = useRef('');
  return (force: boolean): AlignedSeries | null => {
    const state = store.getState();
    const k = key(state);
    if (!force && k === last.current) return null;
    last.current = k;
    return build(state);
  };
}

const runKey = (r: TrainingRun | null) => (r ? `${r.id}:${r.batches.appended}:${r.epochs.length}:${r.status}` : '-');

function BatchPlot({ metric, overlayIds, live, revision }: { metric: BatchMetric; overlayIds: string[]; live: boolean; revision: string }) {
  const read = useChangeAwareReader(
    (s) => batchPlotData(selectSelectedRun(s), overlayRuns(s), metric, metric === 'loss' ? s.smoothing : Math.min(s.smoothing, 0.9)),
    (s) => `${runKey(selectSelectedRun(s))}|${s.smoothing}|${overlayRuns(s).map(runKey).join(',')}`,
  );
  const labels = useTraining((s) => overlayIds.map((id) => s.runs[id]?.label ?? id).join('\n')).split('\n');
  const series: ChartSeries[] = [
    { label: 'raw', stroke: metric === 'loss' ? 'rgba(110, 168, 254, 0.28)' : 'rgba(95, 196, 143, 0.28)', width: 1 },
    { label: 'smoothed', stroke: metric === 'loss' ? TRAIN_COLOUR : '#5fc48f', width: 2 },
    ...overlayIds.map((_id, i) => ({ label: labels[i], stroke: OVERLAY_COLOURS[i % OVERLAY_COLOURS.length], width: 1.5, dash: [4, 3] })),
  ];
  return (
    <UPlotChart
      testId={metric === 'loss' ? 'plot-loss' : 'plot-accuracy'}
      title={metric === 'loss' ? 'Loss per batch' : 'Accuracy per batch'}
      xLabel="step"
      series={series}
      yRange={metric === 'accuracy' ? [0, 1] : undefined}
      read={read}
      live={live}
      revision={revision}
    />
  );
}

function EpochPlot({ overlayIds, live, revision }: { overlayIds: string[]; live: boolean; revision: string }) {
  const read = useChangeAwareReader(
    (s) => epochPlotData(selectSelectedRun(s), overlayRuns(s)),
    (s) => `${runKey(selectSelectedRun(s))}|${overlayRuns(s).map(runKey).join(',')}`,
  );
  const labels = useTraining((s) => overlayIds.map((id) => s.runs[id]?.label ?? id).join('\n')).split('\n');
  const series: ChartSeries[] = [
    { label: 'train loss', stroke: TRAIN_COLOUR, width: 2 },
    { label: 'val loss', stroke: VAL_COLOUR, width: 2 },
    { label: 'train acc', stroke: TRAIN_COLOUR, width: 1.5, dash: [5, 4], scale: 'y2' },
    { label: 'val acc', stroke: VAL_COLOUR, width: 1.5, dash: [5, 4], scale: 'y2' },
    ...overlayIds.map((_id, i) => ({ label: `${labels[i]} val loss`, stroke: OVERLAY_COLOURS[i % OVERLAY_COLOURS.length], width: 1.5, dash: [2, 3] })),
  ];
  return <UPlotChart testId="plot-epochs" integerX title="Per epoch: train vs validation" xLabel="epoch" y2Label="accuracy" series={series} read={read} live={live} revision={revision} />;
}

/** The three live charts and the smoothing slider; `aside` (the decision map) sits beside the batch plots. */
export function LivePlots({ aside }: { aside?: ReactNode }) {
  const selected = useTraining(selectSelectedRun);
  const overlayIds = useTraining((s) => s.order.filter((id) => id !== s.selectedRunId && s.overlays[id]).join(','));
  const smoothing = useTraining((s) => s.smoothing);
  const setSmoothing = useTraining((s) => s.setSmoothing);
  const ids = overlayIds ? overlayIds.split(',') : [];
  const live = selected !== null && isActive(selected.status);
  // Epochs arriving during a run are picked up by the charts' 10 Hz ticker; a redraw per epoch would
  // swamp the main thread on small datasets that finish dozens of epochs a second.
  const revision = `${selected?.id ?? '-'}|${selected?.status ?? ''}|${smoothing}|${overlayIds}`;
  return (
    <section className="plots">
      <div className="plots__toolbar">
        <label className="smoothing" title="Exponential moving average of the batch curves, as TensorBoard draws them.">
          <span className="muted">Smoothing</span>
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} data-testid="smoothing-slider" />
          <span className="mono smoothing__value">{smoothing.toFixed(2)}</span>
        </label>
      </div>
      <div className={aside ? 'plots__grid plots__grid--with-aside' : 'plots__grid'}>
        <BatchPlot metric="loss" overlayIds={ids} live={live} revision={revision} />
        <BatchPlot metric="accuracy" overlayIds={ids} live={live} revision={revision} />
        {aside}
        <div className="plots__wide">
          <EpochPlot overlayIds={ids} live={live} revision={revision} />
        </div>
      </div>
    </section>
  );
}
