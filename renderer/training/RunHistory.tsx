/** The runs of this window, newest first: settings, result, overlay toggle, continue training; click to select. */
import './runHistory.css';
import { isFrozen } from '../../engine/model';
import { useEditor } from '../store/EditorContext';
import { selectAnalysis } from '../store/selectors';
import { formatMetric, formatPercent } from './format';
import { OVERLAY_COLOURS } from './plotData';
import { canContinueFrom, isActive, resultEpoch } from './runs';
import type { TrainingRun } from './runs';
import { selectCurrentRun } from './store';
import { useTraining, useTrainingController } from './TrainingContext';

function settingsLine(run: TrainingRun): string {
  const t = run.settings;
  if (run.importedFrom) return `${t.dataset.name} · imported from ${run.importedFrom}`;
  const frozen = run.document.nodes.filter(isFrozen).length;
  return `${t.dataset.name} · ${t.optimizer.type} ${t.optimizer.learningRate} · batch ${t.batchSize} · ${t.epochs} ep${frozen > 0 ? ` · ${frozen} frozen` : ''}`;
}

function RunRow({ run, selected, overlay, colour }: { run: TrainingRun; selected: boolean; overlay: boolean; colour: string | null }) {
  const selectRun = useTraining((s) => s.selectRun);
  const toggleOverlay = useTraining((s) => s.toggleOverlay);
  const removeRun = useTraining((s) => s.removeRun);
  const controller = useTrainingController();
  const busy = useTraining((s) => selectCurrentRun(s) !== null);
  const errors = useEditor((s) => selectAnalysis(s).errorCount);
  const result = resultEpoch(run);
  // The kept epoch's validation figures; the training ones, named as such, when there is no validation split.
  const validated = result !== null && result.valLoss !== null;
  const split = validated ? 'val' : 'train';
  const accuracy = validated ? result.valAccuracy : (result?.trainAccuracy ?? null);
  const loss = validated ? result.valLoss : (result?.trainLoss ?? null);
  return (
    <li className={`run${selected ? ' is-selected' : ''}`} onClick={() => selectRun(run.id)} data-testid={`run-item-${run.id}`} data-status={run.status}>
      <div className="run__head">
        <span className={`status-dot status-dot--${run.status}`} title={run.status} />
        <span className="run__label">{run.label}</span>
        <span className="run__time muted">{new Date(run.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>
        {!selected && (
          <label className="run__overlay" title="Draw this run's curves on the plots" onClick={(e) => e.stopPropagation()}>
            <input type="checkbox" checked={overlay} onChange={() => toggleOverlay(run.id)} data-testid={`run-overlay-${run.id}`} />
            <span className="run__swatch" style={{ background: overlay && colour ? colour : 'transparent' }} />
          </label>
        )}
      </div>
      <div className="run__settings muted">{settingsLine(run)}</div>
      {run.startedFrom && (
        <div className="run__from muted" data-testid={`run-from-${run.id}`} title="This run started from that run's kept weights">
          ↳ from {run.startedFrom.label}
        </div>
      )}
      <div className="run__metrics mono">
        <span title={`${validated ? 'Validation' : 'Training'} loss of the kept epoch`}>
          {split} loss {formatMetric(loss)}
        </span>
        {accuracy !== null && <span title={`${validated ? 'Validation' : 'Training'} accuracy of the kept epoch`}>{split} acc {formatPercent(accuracy)}</span>}
        {run.bestEpoch !== null && (
          <span className="muted" title="The epoch whose weights are kept">
            best epoch {run.bestEpoch}
          </span>
        )}
      </div>
      {run.error && <div className="run__error">{run.error.message}</div>}
      {canContinueFrom(run) && (
        <button
          type="button"
          className="run__continue"
          disabled={busy || errors > 0}
          title={
            errors > 0
              ? 'Fix the problems in the model first'
              : `Train the current model and settings again, starting from ${run.label}'s kept weights (frozen layers stay as they are)`
          }
          onClick={(e) => {
            e.stopPropagation();
            controller.continueFrom(run.id);
          }}
          data-testid={`run-continue-${run.id}`}
        >
          ▶ Continue training
        </button>
      )}
      {!isActive(run.status) && (
        <button
          type="button"
          className="run__remove"
          title="Remove this run"
          onClick={(e) => {
            e.stopPropagation();
            removeRun(run.id);
          }}
        >
          ×
        </button>
      )}
    </li>
  );
}

export function RunHistory() {
  const order = useTraining((s) => s.order);
  const runs = useTraining((s) => s.runs);
  const selectedRunId = useTraining((s) => s.selectedRunId);
  const overlays = useTraining((s) => s.overlays);
  const overlayIds = order.filter((id) => id !== selectedRunId && overlays[id]);
  return (
    <section className="run-history" data-testid="run-history">
      <div className="panel-title">Runs</div>
      {order.length === 0 ? (
        <p className="muted run-history__empty">Runs appear here. Tick a past run to overlay its curves.</p>
      ) : (
        <ul className="run-list">
          {[...order].reverse().map((id) => {
            const i = overlayIds.indexOf(id);
            return <RunRow key={id} run={runs[id]} selected={id === selectedRunId} overlay={!!overlays[id]} colour={i >= 0 ? OVERLAY_COLOURS[i % OVERLAY_COLOURS.length] : null} />;
          })}
        </ul>
      )}
    </section>
  );
}
