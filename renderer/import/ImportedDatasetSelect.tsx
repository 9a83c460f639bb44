/**
 * Which dataset an imported run is evaluated on. Imported weights were trained elsewhere, so the
 * person chooses the test data: every built-in or imported dataset the model takes without a warning
 * (input size, task, class count), and the one chosen now.
 */
import { useMemo } from 'react';
import { DATASETS } from '../../engine/data';
import type { DatasetMeta } from '../../engine/data';
import { analyzeGraph } from '../../engine/model';
import { datasetFit } from '../datasets/datasetFit';
import type { TrainingRun } from '../training/runs';
import { useTraining } from '../training/TrainingContext';
import './import.css';

export function ImportedDatasetSelect({ run }: { run: TrainingRun }) {
  const userDatasets = useTraining((s) => s.userDatasets);
  const setDataset = useTraining((s) => s.setImportedRunDataset);
  const current = run.settings.dataset.name;
  const choices = useMemo(() => {
    const analysis = analyzeGraph(run.document);
    const all: DatasetMeta[] = [...DATASETS, ...Object.values(userDatasets).map((d) => ({ ...d.dataset.meta, id: d.id }))];
    return all.filter((meta) => meta.id === current || datasetFit(run.document, analysis, meta).every((note) => note.severity !== 'warning'));
  }, [run.document, userDatasets, current]);
  return (
    <label className="evaluation-header__dataset">
      <span className="muted">on</span>
      <select className="tool-select" value={current} onChange={(e) => setDataset(run.id, e.target.value)} aria-label="Dataset to evaluate the imported weights on" data-testid="evaluation-dataset">
        {!choices.some((meta) => meta.id === current) && <option value={current}>{current}</option>}
        {choices.map((meta) => (
          <option key={meta.id} value={meta.id}>
            {meta.name}
          </option>
        ))}
      </select>
    </label>
  );
}
