/**
 * Train / Pause / Resume / Stop, as buttons over the train.* commands, and the run's progress bar.
 * The progress numbers change ~10 times a second, so they are written into the DOM on the live timer
 * rather than rendered by React.
 */
import { useEffect, useRef } from 'react';
import { useCommandRunner } from '../app/CommandRunner';
import { trainBlockedReason, useDataFit } from '../datasets/datasetFit';
import { useEditor } from '../store/EditorContext';
import '../components/problems.css';
import { selectAnalysis } from '../store/selectors';
import { formatDuration, formatRate } from './format';
import { isActive } from './runs';
import type { RunStatus } from './runs';
import { selectCurrentRun, selectSelectedRun } from './store';
import { useTraining, useTrainingStore } from './TrainingContext';
import { useTicker } from './useTicker';

const STATUS_TEXT: Record<RunStatus, string> = {
  starting: 'Starting…',
  running: 'Training',
  paused: 'Paused',
  completed: 'Completed',
  stopped: 'Stopped',
  earlyStopping: 'Stopped early',
  failed: 'Failed',
};

/** The four run buttons; only the ones that apply are enabled. Train says why when it is not. */
export function TrainButtons() {
  const runner = useCommandRunner();
  const status = useTraining((s) => selectCurrentRun(s)?.status ?? null);
  const errors = useEditor((s) => selectAnalysis(s).errorCount);
  const { dataset, blocking } = useDataFit();
  const blocked = trainBlockedReason(errors, blocking, dataset?.name);
  const setMode = useTraining((s) => s.setMode);
  const setPanel = useEditor((s) => s.setBottomPanel);
  const showProblems = () => {
    setMode('design');
    setPanel('issues');
  };
  const running = status === 'running' || status === 'starting';
  return (
    <div className="train-buttons">
      {blocked && status === null && (
        <button type="button" className="link-button train-blocked" title={blocked} onClick={showProblems} data-testid="train-blocked">
          {errors > 0 ? 'Fix the model first' : `Model does not fit ${dataset?.name ?? 'the dataset'}`}
        </button>
      )}
      <button
        type="button"
        className="tool-button tool-button--primary"
        disabled={status !== null || blocked !== null}
        title={blocked ?? 'Train the model (Ctrl+Enter)'}
        onClick={() => runner.run('train.start')}
        data-testid="train-start"
      >
        ▶ Train
      </button>
      {status === 'paused' ? (
        <button type="button" className="tool-button tool-button--outlined" onClick={() => runner.run('train.resume')} data-testid="train-resume">
          ▶ Resume
        </button>
      ) : (
        <button type="button" className="tool-button tool-button--outlined" disabled={status !== 'running'} onClick={() => runner.run('train.pause')} data-testid="train-pause">
          ❚❚ Pause
        </button>
      )}
      <button type="button" className="tool-button tool-button--outlined" disabled={!running && status !== 'paused'} onClick={() => runner.run('train.stop')} data-testid="train-stop">
        ■ Stop
      </button>
    </div>
  );
}

/** Epoch x/y, a bar, samples/s, elapsed and ETA of the selected run. */
export function TrainProgress({ compact = false }: { compact?: boolean }) {
  const store = useTrainingStore();
  const run = useTraining(selectSelectedRun);
  const bar = useRef<HTMLDivElement>(null);
  const epochText = useRef<HTMLSpanElement>(null);
  const speedText = useRef<HTMLSpanElement>(null);
  const timeText = useRef<HTMLSpanElement>(null);

  const update = () => {
    const current = selectSelectedRun(store.getState());
    if (!current || !bar.current || !epochText.current || !speedText.current || !timeText.current) return;
    const { live } = current;
    const epoch = Math.max(live.epoch, current.epochs.length);
    bar.current.style.width = `${(Math.min(1, live.progress) * 100).toFixed(2)}%`;
    // Imported weights have no epochs: say where they came from instead.
    epochText.current.textContent = current.importedFrom ? `from ${current.importedFrom}` : `Epoch ${Math.min(epoch, current.totalEpochs)}/${current.totalEpochs}`;
    speedText.current.textContent = formatRate(live.samplesPerSecond);
    timeText.current.textContent = `${formatDuration(live.elapsedSeconds)} elapsed · ETA ${isActive(current.status) ? formatDuration(live.etaSeconds) : '–'}`;
  };
  useTicker(update, run !== null && isActive(run.status));
  // A different run selected, or the run changed state: redraw once.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(update, [run]);

  if (!run) {
    return (
      <div className={`progress${compact ? ' progress--compact' : ''}`} data-testid="train-progress">
        <span className="muted">No run yet — press Train.</span>
      </div>
    );
  }
  return (
    <div className={`progress progress--${run.status}${compact ? ' progress--compact' : ''}`} data-testid="train-progress" data-status={run.status}>
      <span className={`status-pill status-pill--${run.status}`} data-testid="train-status">
        {run.importedFrom ? 'Imported' : STATUS_TEXT[run.status]}
      </span>
      <span className="progress__label">{run.label}</span>
      <span ref={epochText} className="mono progress__epoch" data-testid="train-epoch" />
      <div className="progress__track">
        <div ref={bar} className="progress__bar" />
      </div>
      <span ref={speedText} className="mono progress__speed" title="Training samples per second" data-testid="train-speed" />
      <span ref={timeText} className="mono muted progress__time" data-testid="train-time" />
    </div>
  );
}
