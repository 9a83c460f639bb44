/** Design | Train | Evaluate, with the run controls and a compact progress read-out always at hand. */
import './training.css';
import { TrainButtons, TrainProgress } from './TrainControls';
import type { WorkspaceMode } from './store';
import { useTraining } from './TrainingContext';

const MODES: { id: WorkspaceMode; label: string }[] = [
  { id: 'design', label: 'Design' },
  { id: 'train', label: 'Train' },
  { id: 'evaluate', label: 'Evaluate' },
];

export function ModeBar() {
  const mode = useTraining((s) => s.mode);
  const setMode = useTraining((s) => s.setMode);
  return (
    <nav className="mode-bar">
      <div className="mode-tabs" role="tablist" aria-label="Workspace">
        {MODES.map((m) => (
          <button key={m.id} type="button" role="tab" aria-selected={mode === m.id} className={`mode-tab${mode === m.id ? ' is-active' : ''}`} onClick={() => setMode(m.id)} data-testid={`mode-${m.id}`}>
            {m.label}
          </button>
        ))}
      </div>
      {mode !== 'train' && (
        <div className="mode-bar__run">
          <TrainProgress compact />
          <TrainButtons />
        </div>
      )}
    </nav>
  );
}
