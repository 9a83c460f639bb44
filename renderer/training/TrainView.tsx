/** The Train workspace: dataset and settings on the left, controls and live plots in the middle, runs on the right. */
import { findDataset } from '../../engine/data';
import { DatasetPicker } from '../datasets/DatasetPicker';
import { useEditor } from '../store/EditorContext';
import './training.css';
import './sidePanel.css';
import { DecisionBoundary } from './DecisionBoundary';
import { LivePlots } from './LivePlots';
import { RunHistory } from './RunHistory';
import { selectSelectedRun } from './store';
import { TrainButtons, TrainProgress } from './TrainControls';
import { TrainingError } from './TrainingError';
import { TrainingSettings } from './TrainingSettings';
import { useTraining } from './TrainingContext';

/** True for datasets whose samples are points in the plane (a decision map can be drawn). */
export const isPlanar = (datasetId: string): boolean => {
  const meta = findDataset(datasetId);
  return meta !== null && meta.inputShape.length === 1 && meta.inputShape[0] === 2 && meta.task !== 'regression';
};

export function TrainView() {
  const runDataset = useTraining((s) => selectSelectedRun(s)?.settings.dataset.name ?? null);
  const docDataset = useEditor((s) => s.doc.training.dataset.name);
  const planar = isPlanar(runDataset ?? docDataset);
  return (
    <div className="train-view" data-testid="train-view">
      <aside className="train-side">
        <DatasetPicker />
        <TrainingSettings />
      </aside>
      <main className="train-main">
        <div className="train-header">
          <TrainButtons />
          <TrainProgress />
        </div>
        <div className="train-scroll">
          <TrainingError />
          <LivePlots aside={planar ? <DecisionBoundary /> : undefined} />
        </div>
      </main>
      <aside className="train-runs">
        <RunHistory />
      </aside>
    </div>
  );
}
