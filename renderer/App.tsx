/** The designer: toolbar, palette, canvas with summary and problems, inspector. */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { LayerType } from '../engine/model';
import { CommandRunnerContext } from './app/CommandRunner';
import type { CommandRunner } from './app/CommandRunner';
import { createFileActions } from './app/fileActions';
import { useAutosave, useHostMenuAndTitle, useShortcuts } from './app/useAppWiring';
import { hasUnsavedRuns, projectRunsAccess } from './project/projectRuns';
import { runCommand } from './commands/registry';
import type { CanvasControls, CommandContext } from './commands/types';
import { BottomPanel } from './components/BottomPanel';
import { Canvas } from './components/Canvas';
import { Inspector } from './components/Inspector';
import { Notice } from './components/Notice';
import { Palette } from './components/Palette';
import { TemplatePicker } from './components/TemplatePicker';
import { Toolbar } from './components/Toolbar';
import { useHost } from './host/HostContext';
import { useEditorStore } from './store/EditorContext';
import { EvaluationView } from './evaluation/EvaluationView';
import { createTrainingController, setActiveTrainingController } from './training/controller';
import { ModeBar } from './training/ModeBar';
import { createTrainingStore } from './training/store';
import { TrainingProvider } from './training/TrainingContext';
import { TrainView } from './training/TrainView';
import { useStore } from 'zustand';
import { ExportDialog } from './export/ExportDialog';
import { CommandPalette } from './commands/CommandPalette';
import { ShortcutSheet } from './commands/ShortcutSheet';
import type { ModelFileSet } from './host/host';
import { FileDropZone } from './import/FileDropZone';

export function App() {
  const store = useEditorStore();
  const host = useHost();
  const canvas = useRef<CanvasControls | null>(null);

  // Runs live as long as the window; the controller listens only while the app is mounted.
  const training = useMemo(() => createTrainingController(host.training, store, createTrainingStore()), [host, store]);

  const { runner, files } = useMemo(() => {
    const refreshRecent = () => {
      void host.recentFiles().then((files) => store.getState().setRecentFiles(files), () => undefined);
    };
    const files = createFileActions(store, host, {
      confirmDiscard: (name) => window.confirm(`Discard the unsaved changes to “${name}”?`),
      onFilesChanged: refreshRecent,
      trainingStore: () => training.store,
      runs: projectRunsAccess(training),
    });
    refreshRecent();
    const context = (): CommandContext => ({ store, host, files, canvas: canvas.current });
    const runner: CommandRunner = {
      run(id) {
        runCommand(id, context()).catch((err: unknown) => {
          store.getState().notify({ kind: 'error', text: `${id} failed: ${err instanceof Error ? err.message : String(err)}` });
        });
      },
    };
    return { runner, files };
  }, [store, host, training]);
  const onDroppedFiles = useCallback((set: ModelFileSet) => void files.openDropped(set), [files]);
  const onDropError = useCallback((text: string) => store.getState().notify({ kind: 'error', text }), [store]);

  useEffect(() => {
    training.connect();
    setActiveTrainingController(training);
    return () => {
      setActiveTrainingController(null);
      training.dispose();
    };
  }, [training]);
  const mode = useStore(training.store, (s) => s.mode);

  useShortcuts(runner);
  // Train commands read the training store, so its changes refresh the native menu too.
  const unsavedRuns = useCallback(() => hasUnsavedRuns(training.store), [training]);
  useHostMenuAndTitle(store, host, runner, training.store, unsavedRuns);
  useAutosave(store, host, training.store);

  const setControls = useCallback((controls: CanvasControls | null) => {
    canvas.current = controls;
  }, []);
  const addFromPalette = useCallback((type: LayerType) => runner.run(`layer.add:${type}`), [runner]);

  // Closing the window with unsaved work asks first (the browser shows its own wording).
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (store.getState().isDirty() || hasUnsavedRuns(training.store)) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store, training]);

  return (
    <CommandRunnerContext.Provider value={runner}>
      <TrainingProvider controller={training}>
        <ReactFlowProvider>
          <div className="app">
            <Toolbar />
            <ModeBar />
            {/* The designer stays mounted while training so the canvas keeps its viewport. */}
            <div className="workspace" hidden={mode !== 'design'}>
              <Palette onAdd={addFromPalette} />
              <main className="center">
                <Canvas onControls={setControls} />
                <BottomPanel />
              </main>
              <Inspector />
            </div>
            {mode === 'train' && <TrainView />}
            {mode === 'evaluate' && <EvaluationView />}
            <TemplatePicker />
            <ExportDialog />
            <CommandPalette />
            <ShortcutSheet />
            <FileDropZone onFiles={onDroppedFiles} onError={onDropError} />
            <Notice />
          </div>
        </ReactFlowProvider>
      </TrainingProvider>
    </CommandRunnerContext.Provider>
  );
}
