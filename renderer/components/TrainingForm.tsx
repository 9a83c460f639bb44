/** Training settings of the document, shown in the inspector when nothing is selected. Edits are undoable. */
import { OPTIMIZERS, trainingSchema } from '../../engine/model';
import type { TrainingConfig } from '../../engine/model';
import { useEditor } from '../store/EditorContext';
import { CommitInput } from './CommitInput';

/** Dataset names the engine knows; a free-text field still accepts others. */
const SUGGESTED_DATASETS = ['mnist', 'fashion-mnist', 'iris', 'wine', 'breast-cancer', 'digits', 'spirals', 'xor', 'moons', 'circles', 'sine'];

type NumericKey = 'batchSize' | 'epochs' | 'seed' | 'validationSplit';

/** The schema's own message for a candidate value, so the form and file validation agree. */
function schemaError(candidate: TrainingConfig, path: string): string | null {
  const result = trainingSchema.safeParse(candidate);
  if (result.success) return null;
  const issue = result.error.issues.find((i) => i.path.join('.') === path);
  return issue ? issue.message : null;
}

function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function TrainingForm() {
  const training = useEditor((s) => s.doc.training);
  const name = useEditor((s) => s.doc.name);
  const edit = useEditor((s) => s.edit);
  const setTraining = (next: TrainingConfig) => edit({ type: 'setTraining', training: next });

  const numberField = (key: NumericKey, label: string, step: number | 'any') => {
    const check = (text: string) => {
      const n = parseNumber(text);
      if (Number.isNaN(n)) return `${label} must be a number.`;
      const err = schemaError({ ...training, [key]: n }, key);
      return err ? `${label}: ${err}` : null;
    };
    return (
      <div className="field" key={key}>
        <label className="field__label" htmlFor={`training-${key}`}>
          {label}
        </label>
        <CommitInput
          id={`training-${key}`}
          testId={`training-${key}`}
          numeric
          step={step}
          value={String(training[key])}
          check={check}
          onCommit={(text) => setTraining({ ...training, [key]: parseNumber(text) })}
        />
      </div>
    );
  };

  const lrCheck = (text: string) => {
    const n = parseNumber(text);
    if (Number.isNaN(n)) return 'Learning rate must be a number.';
    const err = schemaError({ ...training, optimizer: { ...training.optimizer, learningRate: n } }, 'optimizer.learningRate');
    return err ? `Learning rate: ${err}` : null;
  };

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
      <div className="field">
        <label className="field__label" htmlFor="training-dataset">
          Dataset
        </label>
        <CommitInput
          id="training-dataset"
          testId="training-dataset"
          list="dataset-names"
          value={training.dataset.name}
          check={(t) => (t.trim() ? null : 'Choose a dataset.')}
          onCommit={(t) => setTraining({ ...training, dataset: { name: t.trim(), options: t.trim() === training.dataset.name ? training.dataset.options : {} } })}
        />
        <datalist id="dataset-names">
          {SUGGESTED_DATASETS.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="training-optimizer">
          Optimiser
        </label>
        <select
          id="training-optimizer"
          className="field__input"
          data-testid="training-optimizer"
          value={training.optimizer.type}
          onChange={(e) => setTraining({ ...training, optimizer: { ...training.optimizer, type: e.target.value as TrainingConfig['optimizer']['type'] } })}
        >
          {OPTIMIZERS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="training-learningRate">
          Learning rate
        </label>
        <CommitInput
          id="training-learningRate"
          testId="training-learningRate"
          numeric
          step="any"
          value={String(training.optimizer.learningRate)}
          check={lrCheck}
          onCommit={(t) => setTraining({ ...training, optimizer: { ...training.optimizer, learningRate: parseNumber(t) } })}
        />
      </div>
      {numberField('batchSize', 'Batch size', 1)}
      {numberField('epochs', 'Epochs', 1)}
      {numberField('validationSplit', 'Validation split', 'any')}
      {numberField('seed', 'Seed', 1)}
    </div>
  );
}
