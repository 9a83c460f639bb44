/**
 * The train.* commands (start, continue, pause, resume, stop), registered in the command registry so that the
 * toolbar buttons, shortcuts and the menu share them. They drive the window's training controller.
 */
import type { Command } from '../commands/types';
import { blockingFitProblems } from '../datasets/datasetFit';
import { selectAnalysis } from '../store/selectors';
import type { EditorState } from '../store/types';
import { activeTrainingController } from './controller';
import { canContinueFrom } from './runs';
import type { RunStatus } from './runs';
import { selectCurrentRun, selectSelectedRun } from './store';

/** Status of the run the worker is busy with, or null when idle (or no controller is mounted). */
function currentStatus(): RunStatus | null {
  const controller = activeTrainingController();
  if (!controller) return null;
  return selectCurrentRun(controller.store.getState())?.status ?? null;
}

/** Whether a run can start: a controller, no run in progress, a model without errors that fits its dataset. */
export function canStartTraining(state: Pick<EditorState, 'doc'>): boolean {
  const controller = activeTrainingController();
  if (!controller) return false;
  if (currentStatus() !== null || selectAnalysis(state).errorCount > 0) return false;
  return blockingFitProblems(state.doc, controller.store.getState().userDatasets).length === 0;
}

/** Whether the selected run's kept weights can seed a new run of the current model. */
export function canContinueTraining(state: Pick<EditorState, 'doc'>): boolean {
  const controller = activeTrainingController();
  const run = controller ? selectSelectedRun(controller.store.getState()) : null;
  return run !== null && canContinueFrom(run) && canStartTraining(state);
}

export const TRAIN_COMMANDS: Command[] = [
  {
    id: 'train.start',
    label: 'Train',
    menu: 'Train',
    shortcuts: ['Mod+Enter'],
    groupStart: true,
    enabled: canStartTraining,
    perform() {
      const controller = activeTrainingController();
      if (!controller) return;
      controller.start();
      controller.store.getState().setMode('train');
    },
  },
  {
    id: 'train.continue',
    label: 'Continue Training',
    menu: 'Train',
    enabled: canContinueTraining,
    perform() {
      const controller = activeTrainingController();
      const run = controller ? selectSelectedRun(controller.store.getState()) : null;
      if (!controller || !run) return;
      controller.continueFrom(run.id);
      controller.store.getState().setMode('train');
    },
  },
  {
    id: 'train.pause',
    label: 'Pause Training',
    menu: 'Train',
    enabled: () => currentStatus() === 'running',
    perform: () => activeTrainingController()?.pause(),
  },
  {
    id: 'train.resume',
    label: 'Resume Training',
    menu: 'Train',
    enabled: () => currentStatus() === 'paused',
    perform: () => activeTrainingController()?.resume(),
  },
  {
    id: 'train.stop',
    label: 'Stop Training',
    menu: 'Train',
    shortcuts: ['Mod+.'],
    enabled: () => {
      const status = currentStatus();
      return status === 'running' || status === 'paused' || status === 'starting';
    },
    perform: () => activeTrainingController()?.stop(),
  },
];
