/**
 * The person's own data in the dataset picker: "Import CSV…" and "Import image folder…", the imported
 * datasets of this window, and the dialogs between. Using an import registers it with the training
 * worker and selects it (an undoable edit of document.training.dataset).
 */
import { useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { parseCsv } from '../../engine/data';
import type { CsvTable, Dataset } from '../../engine/data';
import { isUserDatasetName } from '../../engine/training/protocol';
import { useEditor } from '../store/EditorContext';
import { useTraining, useTrainingController } from '../training/TrainingContext';
import { importedFileName, missingImportMessage, userDatasetId } from './importedNames';
import { CsvImportDialog } from './CsvImportDialog';
import { ImageFolderDialog } from './ImageFolderDialog';
import type { PickedFile } from './ImageFolderDialog';
import { groupByClassFolder } from './imageFolder';
import type { ClassFolders } from './imageFolder';
import './datasetImport.css';

type Dialog = { kind: 'csv'; fileName: string; table: CsvTable } | { kind: 'images'; groups: ClassFolders<PickedFile> } | null;

export function UserDatasets() {
  const controller = useTrainingController();
  const imported = useTraining((s) => s.userDatasets);
  const training = useEditor((s) => s.doc.training);
  const edit = useEditor((s) => s.edit);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<{ message: string; hint: string } | null>(null);
  const csvInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const current = training.dataset.name;

  const select = (id: string, fileName: string) => {
    if (current === id && training.dataset.options.file === fileName) return;
    edit({ type: 'setTraining', training: { ...training, dataset: { name: id, options: { file: fileName } } } });
  };
  const use = async (dataset: Dataset, fileName: string) => {
    const id = userDatasetId(fileName);
    await controller.registerDataset({ id, fileName, dataset, importedAt: Date.now() });
    select(id, fileName);
  };

  const onCsv = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    file.text().then(
      (text) => {
        try {
          setDialog({ kind: 'csv', fileName: file.name, table: parseCsv(text) });
        } catch (err) {
          setError({ message: `${file.name}: ${err instanceof Error ? err.message : String(err)}`, hint: (err as { hint?: string }).hint ?? '' });
        }
      },
      (err: unknown) => setError({ message: `${file.name} could not be read: ${String(err)}`, hint: '' }),
    );
  };
  const onFolder = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    setError(null);
    setDialog({ kind: 'images', groups: groupByClassFolder(files.map((file) => ({ path: file.webkitRelativePath || file.name, type: file.type || undefined, file }))) });
  };

  const entries = Object.values(imported);
  const missing = isUserDatasetName(current) && !imported[current];
  return (
    <div className="dataset-group" data-testid="user-datasets">
      <div className="dataset-group__title">Your data</div>
      <ul className="dataset-list" role="listbox" aria-label="Your data">
        {entries.map((entry) => (
          <li
            key={entry.id}
            role="option"
            aria-selected={entry.id === current}
            tabIndex={0}
            className={`dataset-item${entry.id === current ? ' is-selected' : ''}`}
            onClick={() => select(entry.id, entry.fileName)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && select(entry.id, entry.fileName)}
            title={entry.dataset.meta.description}
            data-testid={`dataset-item-${entry.id}`}
          >
            <span className="dataset-item__name">{entry.fileName}</span>
            <span className="dataset-item__meta muted mono">
              {entry.dataset.meta.inputShape.join('×')} · {entry.dataset.meta.task === 'regression' ? 'regr.' : `${entry.dataset.meta.classes.length} cls`} ·{' '}
              {entry.dataset.train.count + entry.dataset.test.count}
            </span>
          </li>
        ))}
        {missing && (
          <li role="option" aria-selected tabIndex={0} className="dataset-item is-selected is-missing" title={missingImportMessage(training.dataset)}>
            <span className="dataset-item__name">{importedFileName(training.dataset)}</span>
            <span className="dataset-item__meta muted">not loaded</span>
          </li>
        )}
      </ul>
      <div className="import-buttons">
        <button type="button" className="tool-button" onClick={() => csvInput.current?.click()} data-testid="import-csv">
          Import CSV…
        </button>
        <button type="button" className="tool-button" onClick={() => folderInput.current?.click()} data-testid="import-folder">
          Import image folder…
        </button>
        <input ref={csvInput} type="file" accept=".csv,.tsv,.txt,text/csv" hidden onChange={onCsv} data-testid="import-csv-input" />
        <input ref={folderInput} type="file" hidden multiple {...{ webkitdirectory: '' }} onChange={onFolder} data-testid="import-folder-input" />
      </div>
      {error && (
        <div className="fit-note fit-note--warning" role="alert">
          {error.message} {error.hint && <span className="muted">{error.hint}</span>}
        </div>
      )}
      {dialog?.kind === 'csv' && <CsvImportDialog fileName={dialog.fileName} table={dialog.table} onClose={() => setDialog(null)} onUse={(dataset) => use(dataset, dialog.fileName)} />}
      {dialog?.kind === 'images' && <ImageFolderDialog groups={dialog.groups} onClose={() => setDialog(null)} onUse={(dataset, name) => use(dataset, name)} />}
    </div>
  );
}
