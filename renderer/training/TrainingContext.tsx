/** Provides the window's training store and controller to the component tree. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TrainingController } from './controller';
import type { TrainingState, TrainingStore } from './store';

const TrainingContext = createContext<TrainingController | null>(null);

export function TrainingProvider({ controller, children }: { controller: TrainingController; children: ReactNode }) {
  return <TrainingContext.Provider value={controller}>{children}</TrainingContext.Provider>;
}

/** The controller (start, stop, evaluate, predict, preview); throws outside <TrainingProvider>. */
export function useTrainingController(): TrainingController {
  const controller = useContext(TrainingContext);
  if (!controller) throw new Error('useTrainingController must be used inside <TrainingProvider>.');
  return controller;
}

/** The training store itself, for timers that read state without subscribing. */
export function useTrainingStore(): TrainingStore {
  return useTrainingController().store;
}

/** Subscribes to one slice of training state (Object.is comparison). */
export function useTraining<T>(selector: (state: TrainingState) => T): T {
  return useStore(useTrainingStore(), selector);
}
