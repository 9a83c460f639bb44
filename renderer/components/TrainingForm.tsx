/**
 * The model's name and a summary of its training settings, shown in the inspector when nothing is
 * selected; the settings themselves are edited in the Train view. Edits are undoable.
 */
import { useEditor } from '../store/EditorContext';
import { useTraining } from '../training/TrainingContext';
import { CommitInput } from './CommitInput';
import { plural } from '../../engine/model/plural';

export function TrainingForm() {
  const training = useEditor((s) => s.doc.training);
  const name = useEditor((s) => s.doc.name);
  const edit = useEditor((s) => s.edit);
  const setMode = useTraining((s) => s.setMode);

  return (
    <div className="inspector__body">
      <div className="field">
        <label className="field__label" htmlFor="document-name">
          Model name
        </label>
        <CommitInput
          id="document-name"
          testId="document-name"
          value={name}
          check={(t) => (t.trim() ? null : 'The model needs a name.')}
          onCommit={(t) => edit({ type: 'setDocumentName', name: t.trim() })}
        />
      </div>
      <h3 className="inspector__section">Training</h3>
      <p className="inspector__doc" data-testid="training-summary">
        {training.dataset.name} · {training.optimizer.type} {training.optimizer.learningRate} · batch {training.batchSize} · {plural(training.epochs, 'epoch')}
      </p>
      <button type="button" className="tool-button tool-button--outlined" data-testid="open-train-view" onClick={() => setMode('train')}>
        Dataset and training settings…
      </button>
    </div>
  );
}
