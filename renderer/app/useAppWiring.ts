/**
 * Connects the editor to its surroundings: keyboard shortcuts and the native menu run registry
 * commands, the window title follows the document, autosave keeps unsaved work recoverable.
 */
import { IS_MAC } from '../commands/platform';
import { useEffect } from 'react';
import { buildMenu, commandForKey } from '../commands/registry';
import type { Host } from '../host/host';
import { formatWindowTitle } from '../host/windowTitle';
import { createAutosaver } from '../project/autosave';
import { finishedProjectRuns, hasUnsavedRuns, runsKey } from '../project/projectRuns';
import type { TrainingStore } from '../training/store';
import type { EditorStore } from '../store/editorStore';
import { selectIsDirty } from '../store/historySlice';
import type { CommandRunner } from './CommandRunner';


function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type);
}

/** Keyboard shortcuts from the registry. */
export function useShortcuts(runner: CommandRunner): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const command = commandForKey(event, IS_MAC, isTextField(event.target));
      if (!command) return;
      event.preventDefault();
      runner.run(command.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [runner]);
}

/** Anything whose changes can flip a command's enabled state (the training store, for train.*). */
interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/**
 * Native menu (rebuilt when an enabled state or the recent list changes), menu clicks and the title.
 * `alsoWatch` lists stores besides the editor's that command predicates read. `unsavedBesides` tells
 * of unsaved work outside the document (runs that ended since the last save): the title shows it, and
 * the desktop app asks before closing over it.
 */
export function useHostMenuAndTitle(store: EditorStore, host: Host, runner: CommandRunner, alsoWatch: Subscribable | null = null, unsavedBesides: (() => boolean) | null = null): void {
  useEffect(() => {
    let lastMenu = '';
    let lastTitle = '';
    const sync = () => {
      const state = store.getState();
      const menu = buildMenu(state);
      const key = JSON.stringify(menu);
      if (key !== lastMenu) {
        lastMenu = key;
        host.setMenu(menu);
      }
      const dirty = selectIsDirty(state) || (unsavedBesides?.() ?? false);
      const title = formatWindowTitle(state.doc.name, dirty);
      if (title !== lastTitle) {
        lastTitle = title;
        host.setTitle(state.doc.name, dirty);
        document.title = title;
      }
    };
    sync();
    const unsubscribeStore = store.subscribe(sync);
    const unsubscribeOther = alsoWatch ? alsoWatch.subscribe(sync) : () => {};
    const unsubscribeMenu = host.onMenuCommand((id) => runner.run(id));
    return () => {
      unsubscribeStore();
      unsubscribeOther();
      unsubscribeMenu();
    };
  }, [store, host, runner, alsoWatch, unsavedBesides]);
}

/**
 * Writes unsaved work to the host's recovery slot while the document is dirty or runs ended since the
 * last save (with their weights); clears it once saved.
 */
export function useAutosave(store: EditorStore, host: Host, training: TrainingStore | null = null): void {
  useEffect(() => {
    const autosaver = createAutosaver({
      host,
      getSnapshot: () => {
        const state = store.getState();
        const unsavedRuns = training !== null && hasUnsavedRuns(training);
        return {
          doc: state.doc,
          dirty: selectIsDirty(state) || unsavedRuns,
          ...(training ? { runs: () => finishedProjectRuns(training.getState()), runsKey: runsKey(training.getState()) } : {}),
          ...(state.origin ? { origin: state.origin } : {}),
        };
      },
      onError: (message) => store.getState().notify({ kind: 'error', text: `Autosave failed: ${message}` }),
    });
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc !== previous.doc || state.savedStepId !== previous.savedStepId) autosaver.notifyChange();
    });
    // A run that ends (or is removed) changes what the file would hold.
    let lastRuns = training ? runsKey(training.getState()) : '';
    const unsubscribeRuns = training
      ? training.subscribe((state) => {
          const key = runsKey(state);
          if (key === lastRuns) return;
          lastRuns = key;
          autosaver.notifyChange();
        })
      : () => undefined;
    const flush = () => void autosaver.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      unsubscribeRuns();
      window.removeEventListener('pagehide', flush);
      autosaver.dispose();
    };
  }, [store, host, training]);
}
