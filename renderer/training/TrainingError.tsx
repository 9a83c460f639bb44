/** What went wrong with the selected run, what to do about it, and what survived. */
import { useCommandRunner } from '../app/CommandRunner';
import type { TrainingErrorCode } from '../../engine/training/protocol';
import { hasUsableWeights } from './runs';
import { selectSelectedRun } from './store';
import { useTraining } from './TrainingContext';

const TITLES: Record<TrainingErrorCode, string> = {
  nonFinite: 'The loss stopped being a number',
  invalidModel: 'The model cannot be trained',
  dataset: 'The dataset could not be loaded',
  outOfMemory: 'Out of memory',
  protocol: 'The training worker is out of date',
  crashed: 'The training worker crashed',
  internal: 'Training failed',
};

export function TrainingError() {
  const run = useTraining(selectSelectedRun);
  const setMode = useTraining((s) => s.setMode);
  const runner = useCommandRunner();
  if (!run?.error) return null;
  const { error } = run;
  const kept = run.epochs.length;
  return (
    <div className="training-error" role="alert" data-testid="training-error" data-code={error.code}>
      <div className="training-error__title">{TITLES[error.code]}</div>
      <div className="training-error__message" data-testid="training-error-message">
        {error.message}
      </div>
      {error.hint && (
        <div className="training-error__hint" data-testid="training-error-hint">
          <strong>What to do:</strong> {error.hint}
        </div>
      )}
      <div className="training-error__footer muted">
        {kept > 0 ? `${kept} finished epoch${kept === 1 ? '' : 's'} kept on the plots.` : 'No epoch finished.'}{' '}
        {hasUsableWeights(run) ? `The ${run.bestEpoch !== null ? `best weights (epoch ${run.bestEpoch})` : 'last weights'} are kept and can be evaluated.` : ''}
        <span className="training-error__actions">
          {hasUsableWeights(run) && (
            <button type="button" className="link-button" onClick={() => setMode('evaluate')}>
              Evaluate
            </button>
          )}
          <button type="button" className="link-button" onClick={() => runner.run('train.start')}>
            Train again
          </button>
        </span>
      </div>
    </div>
  );
}
