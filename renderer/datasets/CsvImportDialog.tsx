/**
 * The column picker for a CSV file: a preview of its first rows with, per column, its kind
 * (numeric or categorical), a target radio and a feature checkbox; the task, the test fraction, the
 * input width the model will get, and the problems (line, column) to fix. "Use this data" builds the
 * dataset, hands it to the worker and selects it as an undoable edit.
 */
import { useMemo, useState } from 'react';
import { inferColumns } from '../../engine/data';
import type { CsvTable, DatasetTask } from '../../engine/data';
import { useEditor } from '../store/EditorContext';
import { selectAnalysis } from '../store/selectors';
import { buildCsvDataset, chooseTarget, choiceProblems, classCount, initialCsvChoice, inputWidth, setKind, toggleFeature } from './csvImport';
import type { CsvProblem } from './csvImport';
import { modelFixes } from './modelFixes';
import type { TabularDataset } from '../../engine/data';
import { plural } from '../../engine/model/plural';

const PREVIEW_ROWS = 8;
const TASKS: { value: DatasetTask; label: string }[] = [
  { value: 'classification', label: 'Classification' },
  { value: 'binary', label: 'Binary (2 classes)' },
  { value: 'regression', label: 'Regression' },
];

function Problems({ problems }: { problems: CsvProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="import-problems" role="alert" data-testid="csv-problems">
      {problems.map((p, i) => (
        <li key={i}>
          {p.message}
          {p.hint && <span className="muted"> {p.hint}</span>}
        </li>
      ))}
    </ul>
  );
}

export interface CsvImportDialogProps {
  fileName: string;
  table: CsvTable;
  onClose(): void;
  /** Registers and selects the built dataset; rejects with a message to show. */
  onUse(dataset: TabularDataset): Promise<void>;
}

export function CsvImportDialog({ fileName, table, onClose, onUse }: CsvImportDialogProps) {
  const columns = useMemo(() => inferColumns(table), [table]);
  const [choice, setChoice] = useState(() => initialCsvChoice(table, columns));
  const [failure, setFailure] = useState<CsvProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const doc = useEditor((s) => s.doc);
  const analysis = useEditor(selectAnalysis);
  const edit = useEditor((s) => s.edit);

  const problems = choiceProblems(table, columns, choice);
  const width = inputWidth(columns, choice);
  const classes = classCount(columns, choice);
  const oneHot = choice.features.filter((f) => choice.kinds[f] === 'categorical');
  const targetInfo = columns.find((c) => c.name === choice.target);
  const fixes = modelFixes(doc, analysis, { inputShape: [width], task: choice.task, classes: choice.task === 'regression' ? [] : (targetInfo?.categories ?? []) });
  const badLines = new Map([...problems, ...(failure ? [failure] : [])].filter((p) => p.line !== undefined).map((p) => [p.line!, p.column]));

  const use = () => {
    setFailure(null);
    const built = buildCsvDataset(table, columns, choice, fileName);
    if (!built.ok) {
      setFailure(built.problem);
      return;
    }
    setBusy(true);
    onUse(built.dataset).then(
      () => onClose(),
      (error: unknown) => {
        setBusy(false);
        setFailure({ message: error instanceof Error ? error.message : String(error), hint: (error as { hint?: string }).hint ?? '' });
      },
    );
  };

  return (
    <div className="modal-backdrop" role="presentation" onClick={onClose}>
      <div className="modal import-dialog" role="dialog" aria-modal="true" aria-labelledby="csv-import-title" onClick={(e) => e.stopPropagation()} data-testid="csv-import">
        <div className="modal__header">
          <h2 id="csv-import-title">Import {fileName}</h2>
          <span className="muted">
            {plural(table.rows.length, 'row')} · {plural(table.columns.length, 'column')}{table.hasHeader ? '' : ' · no header row'}
          </span>
        </div>
        <div className="table-scroll import-table">
          <table className="summary">
            <thead>
              <tr>
                <th className="import-table__line">line</th>
                {columns.map((c) => (
                  <th key={c.name} className={c.name === choice.target ? 'is-target' : choice.features.includes(c.name) ? 'is-feature' : 'is-unused'}>
                    <div className="import-col__name" title={c.name}>
                      {c.name}
                    </div>
                    <select
                      aria-label={`Kind of ${c.name}`}
                      value={choice.kinds[c.name]}
                      disabled={c.kind === 'categorical'}
                      title={c.kind === 'categorical' ? 'Holds text, so it is read as categories.' : `${c.categories.length} distinct values`}
                      onChange={(e) => setChoice(setKind(table, columns, choice, c.name, e.target.value as 'numeric' | 'categorical'))}
                    >
                      <option value="numeric">numeric</option>
                      <option value="categorical">categorical</option>
                    </select>
                    <label className="import-col__pick">
                      <input type="radio" name="csv-target" checked={choice.target === c.name} onChange={() => setChoice(chooseTarget(table, choice, c.name))} /> target
                    </label>
                    <label className="import-col__pick">
                      <input type="checkbox" checked={choice.features.includes(c.name)} disabled={choice.target === c.name} onChange={() => setChoice(toggleFeature(table, choice, c.name))} /> feature
                    </label>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.slice(0, PREVIEW_ROWS).map((row, r) => {
                const line = table.lines[r];
                const badColumn = badLines.get(line);
                return (
                  <tr key={r} className={badLines.has(line) ? 'is-bad' : undefined}>
                    <td className="muted mono import-table__line">{line}</td>
                    {row.map((field, c) => (
                      <td key={c} className={`mono${table.columns[c] === badColumn ? ' is-bad-cell' : ''}`}>
                        {field}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="import-options">
          <label>
            Task{' '}
            <select value={choice.task} onChange={(e) => setChoice({ ...choice, task: e.target.value as DatasetTask })} data-testid="csv-task">
              {TASKS.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Test fraction{' '}
            <input type="number" min={0} max={0.9} step={0.05} value={choice.testFraction} onChange={(e) => setChoice({ ...choice, testFraction: Number(e.target.value) })} />
          </label>
          <label>
            <input type="checkbox" checked={choice.dropMissing} onChange={(e) => setChoice({ ...choice, dropMissing: e.target.checked })} /> Skip rows with missing values
          </label>
        </div>
        <p className="import-summary" data-testid="csv-summary">
          Predicts <strong>{choice.target}</strong> from {plural(choice.features.length, 'column')}: the model's input is <strong>{width}</strong> {width === 1 ? 'value' : 'values'} wide
          {oneHot.length > 0 && ` (${oneHot.join(', ')} one-hot)`}
          {choice.task !== 'regression' && (
            <>
              ; <strong>{classes}</strong> classes
            </>
          )}
          .
        </p>
        {fixes.length > 0 && (
          <div className="fit-note fit-note--warning">
            The model does not fit this data yet.{' '}
            {fixes.map((fix) => (
              <button key={fix.label} type="button" className="tool-button import-fix" onClick={() => edit(fix.edit)}>
                {fix.label}
              </button>
            ))}
          </div>
        )}
        <Problems problems={failure ? [failure, ...problems] : problems} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="tool-button--primary" disabled={busy || problems.length > 0} onClick={use} data-testid="csv-use">
            {busy ? 'Loading…' : 'Use this data'}
          </button>
        </div>
      </div>
    </div>
  );
}
