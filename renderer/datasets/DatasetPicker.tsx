/**
 * The dataset picker: every built-in dataset with its shape, classes, sample counts and task, and the
 * person's imported files; the chosen one's options, how it fits the model (with one-click fixes) and
 * a preview. Choosing one is an undoable edit of document.training.dataset.
 */
import { DATASETS } from '../../engine/data';
import type { DatasetMeta, DatasetOptionSpec } from '../../engine/data';
import { CommitInput } from '../components/CommitInput';
import { useEditor } from '../store/EditorContext';
import { useDataFit } from './datasetFit';
import { DatasetPreview } from './DatasetPreview';
import { isUserDatasetName } from '../../engine/training/protocol';
import { useTraining } from '../training/TrainingContext';
import { fixEdits } from './modelFixes';
import { UserDatasets } from './UserDatasets';
import { datasetMetaByName, missingImportMessage } from './importedNames';

const TASK_LABEL: Record<DatasetMeta['task'], string> = { classification: 'cls', binary: 'cls', regression: 'regr.' };

const GROUPS: { kind: DatasetMeta['kind']; label: string }[] = [
  { kind: 'image', label: 'Images' },
  { kind: 'tabular', label: 'Tables' },
  { kind: 'synthetic', label: 'Generated' },
];

/** 70k, 1.8k, 569: sample totals short enough for one line. */
const compactCount = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

function OptionField({ spec, value, onCommit }: { spec: DatasetOptionSpec; value: number; onCommit: (v: number) => void }) {
  const check = (text: string) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return `${spec.label} must be a number.`;
    if (spec.type === 'integer' && !Number.isInteger(n)) return `${spec.label} must be a whole number.`;
    if (n < spec.min || n > spec.max) return `${spec.label}: from ${spec.min} to ${spec.max}.`;
    return null;
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={`dataset-option-${spec.key}`} title={spec.description}>
        {spec.label}
      </label>
      <CommitInput id={`dataset-option-${spec.key}`} testId={`dataset-option-${spec.key}`} numeric step={spec.type === 'integer' ? 1 : 'any'} value={String(value)} check={check} onCommit={(t) => onCommit(Number(t))} />
    </div>
  );
}

export function DatasetPicker() {
  const training = useEditor((s) => s.doc.training);
  const edit = useEditor((s) => s.edit);
  const userDatasets = useTraining((s) => s.userDatasets);
  const imported = userDatasets[training.dataset.name];
  const isUser = isUserDatasetName(training.dataset.name);
  const selected = datasetMetaByName(training.dataset.name, userDatasets);
  const options = training.dataset.options;

  const choose = (id: string) => {
    if (id === training.dataset.name) return;
    edit({ type: 'setTraining', training: { ...training, dataset: { name: id, options: {} } } });
  };
  const setOption = (key: string, value: number) =>
    edit({ type: 'setTraining', training: { ...training, dataset: { name: training.dataset.name, options: { ...options, [key]: value } } } });
  // How the dataset, with its options, fits the model: the same problems the Problems panel lists.
  const { problems } = useDataFit();
  const notes = problems.map((p) => ({ severity: p.severity === 'error' ? 'warning' : 'info', message: p.message }));
  const fixes = problems.flatMap((p) => (p.fix ? [{ label: p.fix.label, edit: fixEdits(p.fix) }] : []));

  return (
    <section className="dataset-picker" data-testid="dataset-picker">
      <div className="panel-title">Dataset</div>
      {GROUPS.map((group) => (
        <div key={group.kind} className="dataset-group">
          <div className="dataset-group__title">{group.label}</div>
          <ul className="dataset-list" role="listbox" aria-label={group.label}>
            {DATASETS.filter((d) => d.kind === group.kind).map((d) => (
              <li
                key={d.id}
                role="option"
                aria-selected={d.id === training.dataset.name}
                tabIndex={0}
                className={`dataset-item${d.id === training.dataset.name ? ' is-selected' : ''}`}
                onClick={() => choose(d.id)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && choose(d.id)}
                title={`${d.description}\n${d.trainCount.toLocaleString('en-US')} train · ${d.testCount.toLocaleString('en-US')} test`}
                data-testid={`dataset-item-${d.id}`}
              >
                <span className="dataset-item__name">{d.name}</span>
                <span className="dataset-item__meta muted mono">
                  {d.inputShape.join('×')} · {d.task === 'regression' ? 'regr.' : `${d.classes.length} ${TASK_LABEL[d.task]}`} · {compactCount(d.trainCount + d.testCount)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <UserDatasets />
      {!selected && isUser && (
        <div className="dataset-detail">
          <div className="fit-note fit-note--warning" data-testid="dataset-missing-import">
            {missingImportMessage(training.dataset)}
          </div>
        </div>
      )}
      {!selected && !isUser && <div className="fit-note fit-note--warning">“{training.dataset.name}” is not a built-in dataset; training will report whether the worker knows it.</div>}
      {selected && (
        <div className="dataset-detail">
          <p className="muted dataset-detail__description">{selected.description}</p>
          {notes.map((note, i) => (
            <div key={i} className={`fit-note fit-note--${note.severity}`} data-testid="dataset-fit-note">
              {note.message}
            </div>
          ))}
          {fixes.length > 0 && (
            <div className="import-buttons">
              {fixes.map((fix) => (
                <button key={fix.label} type="button" className="tool-button" onClick={() => edit(fix.edit)} data-testid="dataset-fix">
                  {fix.label}
                </button>
              ))}
            </div>
          )}
          {selected.options.length > 0 && (
            <div className="option-grid">
              {selected.options.map((spec) => (
                <OptionField key={spec.key} spec={spec} value={Number(options[spec.key] ?? spec.default)} onCommit={(v) => setOption(spec.key, v)} />
              ))}
            </div>
          )}
          <DatasetPreview key={imported?.importedAt ?? 0} name={training.dataset.name} options={options} inputShape={selected.inputShape} />
        </div>
      )}
    </section>
  );
}
