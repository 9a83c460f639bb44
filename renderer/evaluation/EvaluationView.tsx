/**
 * The Evaluate workspace: test loss and accuracy of a run's weights, the confusion matrix (a cell lists
 * its samples), per-class scores, ROC curves (or regression errors), pages of test samples, and "Try it"
 * — for 2-D inputs, the decision map with the test points, where a click predicts.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode, Ref } from 'react';
import { datasetMetaByName } from '../datasets/importedNames';
import { ImportedDatasetSelect } from '../import/ImportedDatasetSelect';
import { formatMetric, formatPercent } from '../training/format';
import { hasUsableWeights, isActive } from '../training/runs';
import { selectSelectedRun } from '../training/store';
import { useTraining, useTrainingController } from '../training/TrainingContext';
import './evaluation.css';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DecisionMap } from './DecisionMap';
import { summarise } from './evaluationModel';
import type { SampleFilter } from './samplePaging';
import { errorCount } from './samplePaging';
import { PerClassTable } from './PerClassTable';
import { RegressionView } from './RegressionView';
import { RocPlot } from './RocPlot';
import { SampleGrid } from './SampleGrid';
import { TryIt } from './TryIt';

function Card({ title, area, children, cardRef }: { title: string; area: string; children: ReactNode; cardRef?: Ref<HTMLElement> }) {
  return (
    <section ref={cardRef} className={`card card--${area}`}>
      <h3 className="card__title">{title}</h3>
      {children}
    </section>
  );
}

export function EvaluationView() {
  const controller = useTrainingController();
  const run = useTraining(selectSelectedRun);
  const order = useTraining((s) => s.order);
  const runs = useTraining((s) => s.runs);
  const selectRun = useTraining((s) => s.selectRun);
  const evaluation = useTraining((s) => (s.selectedRunId ? s.evaluations[s.selectedRunId] : undefined));
  const result = evaluation?.status === 'ready' ? evaluation.result : null;
  const summary = useMemo(() => (result ? summarise(result) : null), [result]);
  const usable = run !== null && hasUsableWeights(run);
  // A run opened from a project file comes without results: evaluate it once it is shown.
  const unevaluated = usable && !isActive(run.status) && evaluation === undefined ? run.id : null;
  useEffect(() => {
    if (unevaluated) controller.evaluate(unevaluated);
  }, [controller, unevaluated]);
  const userDatasets = useTraining((s) => s.userDatasets);
  const meta = run ? datasetMetaByName(run.settings.dataset.name, userDatasets) : null;
  const classes = summary?.kind === 'classification' ? summary.classes : (meta?.classes ?? []);
  // The worker reports samples in the model's input shape (784 for an MLP); draw them in the dataset's (28×28×1).
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  const displayShape = result && meta && size(meta.inputShape) === size(result.sampleShape) ? meta.inputShape : (result?.sampleShape ?? meta?.inputShape ?? []);
  // What the sample grid lists; a new evaluation starts on its mistakes (or on everything when there are none).
  const initialFilter = useMemo<SampleFilter>(() => ({ kind: summary && errorCount(summary) === 0 ? 'all' : 'errors' }), [summary]);
  const [chosen, setChosen] = useState<{ summary: typeof summary; filter: SampleFilter } | null>(null);
  const filter = chosen && chosen.summary === summary ? chosen.filter : initialFilter;
  const setFilter = (next: SampleFilter) => setChosen({ summary, filter: next });
  const samplesCard = useRef<HTMLElement>(null);
  const selectedCell = filter.kind === 'cell' ? filter : null;
  const selectCell = (truth: number, predicted: number) => {
    if (selectedCell?.truth === truth && selectedCell.predicted === predicted) setFilter(initialFilter);
    else {
      setFilter({ kind: 'cell', truth, predicted });
      samplesCard.current?.scrollIntoView({ block: 'nearest' });
    }
  };

  return (
    <div className="evaluation-view" data-testid="evaluation-view">
      <header className="evaluation-header">
        <select className="tool-select" value={run?.id ?? ''} onChange={(e) => selectRun(e.target.value || null)} aria-label="Run to evaluate" data-testid="evaluation-run">
          {order.length === 0 && <option value="">No runs yet</option>}
          {[...order].reverse().map((id) => (
            <option key={id} value={id}>
              {runs[id].label} — {runs[id].settings.dataset.name} ({runs[id].status})
            </option>
          ))}
        </select>
        {run?.importedFrom && <ImportedDatasetSelect run={run} />}
        <button type="button" className="tool-button tool-button--outlined" disabled={!usable || evaluation?.status === 'pending'} onClick={() => run && controller.evaluate(run.id)} data-testid="evaluate-run">
          {evaluation?.status === 'pending' ? 'Evaluating…' : 'Evaluate on test set'}
        </button>
        {run?.error && usable && (
          <span className="evaluation-header__note" title={run.error.message}>
            This run failed; its surviving weights are evaluated. {run.error.message}
          </span>
        )}
        {result && (
          <div className="metric-row metric-row--header">
            <div className="metric">
              <span className="metric__label">Test loss</span>
              <span className="metric__value mono" data-testid="test-loss">{formatMetric(result.loss)}</span>
            </div>
            {summary?.kind === 'classification' && (
              <div className="metric">
                <span className="metric__label">Test accuracy</span>
                <span className="metric__value mono" data-testid="test-accuracy">{formatPercent(summary.accuracy)}</span>
              </div>
            )}
            <div className="metric">
              <span className="metric__label">Test samples</span>
              <span className="metric__value mono">{result.count.toLocaleString('en-US')}</span>
            </div>
          </div>
        )}
      </header>

      {!run && <p className="evaluation-empty muted">Train a model first: its test-set results appear here when the run ends.</p>}
      {run && !usable && <p className="evaluation-empty muted">{isActive(run.status) ? `${run.label} is still training; it is evaluated when it ends.` : `${run.label} has no weights to evaluate.`}</p>}
      {evaluation?.status === 'failed' && (
        <div className="training-error" role="alert" data-testid="evaluation-error">
          <div className="training-error__title">Evaluation failed</div>
          <div>{evaluation.message}</div>
          {evaluation.hint && <div className="training-error__hint">{evaluation.hint}</div>}
        </div>
      )}
      {usable && evaluation?.status === 'pending' && <p className="evaluation-empty muted">Running the test set through {run.label}…</p>}

      {result && summary && run && (
        <div className={`evaluation-grid evaluation-grid--${summary.kind}${result.decisionMap && summary.kind === 'classification' ? ' evaluation-grid--map' : ''}`}>
          {summary.kind === 'classification' ? (
            <>
              <Card title="Confusion matrix" area="cm">
                <ConfusionMatrix matrix={summary.confusion} classes={summary.classes} selected={selectedCell} onSelect={selectCell} />
              </Card>
              <Card title="Per-class scores" area="table">
                <PerClassTable report={summary.report} classes={summary.classes} />
              </Card>
              <Card title="ROC" area="roc">
                <RocPlot curves={summary.roc} classes={summary.classes} macroAuc={summary.macroAuc} />
              </Card>
            </>
          ) : (
            <Card title="Predicted vs actual" area="cm">
              <RegressionView summary={summary} />
            </Card>
          )}
          {result.decisionMap && summary.kind === 'classification' ? (
            <Card title="Decision map · click to predict" area="try">
              <DecisionMap key={run.id} run={run} result={result} summary={summary} />
            </Card>
          ) : (
            <Card title="Try it" area="try">
              <TryIt key={run.id} run={run} classes={classes} result={result} shape={displayShape} />
            </Card>
          )}
          <Card title="Test samples" area="samples" cardRef={samplesCard}>
            <SampleGrid run={run} result={result} summary={summary} shape={displayShape} filter={filter} onFilter={setFilter} />
          </Card>
        </div>
      )}
    </div>
  );
}
