/**
 * The File commands over the host: new, open, open recent, save, save as, load template. Unsaved work
 * is never dropped without asking; every failure becomes a notice the person can read.
 */
import { selectLayoutDirection } from '../store/selectors';
import { createEmptyDocument } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import type { FileActions } from '../commands/types';
import type { Host } from '../host/host';
import { createImportActions } from '../import/importActions';
import type { OpenOutcome } from '../project/projectActions';
import { openProject, openProjectContent, openRecentProject, saveProject } from '../project/projectActions';
import type { ProjectRunsAccess } from '../project/projectRuns';
import type { EditorStore } from '../store/editorStore';
import type { TrainingStore } from '../training/store';
import { loadLaidOutTemplate } from './templates';

export interface FileActionOptions {
  /** Asks before unsaved changes are discarded; resolves true to go ahead. */
  confirmDiscard: (documentName: string) => boolean | Promise<boolean>;
  /** Called after a document is opened or saved, e.g. to refresh the recent-files menu. */
  onFilesChanged?: () => void;
  /** Where imported weights are kept as a run (File › Import…); imports keep no weights without it. */
  trainingStore?: () => TrainingStore | null;
  /** The window's runs: saved with the project, replaced by an opened project's. Absent: documents only. */
  runs?: ProjectRunsAccess;
}

/** File actions bound to one store and host. */
export function createFileActions(store: EditorStore, host: Host, options: FileActionOptions): FileActions {
  const mayDiscard = async (): Promise<boolean> => {
    const state = store.getState();
    return (!state.isDirty() && !options.runs?.hasUnsaved()) || options.confirmDiscard(state.doc.name);
  };

  const load = (doc: ModelDocument, file?: { origin: string; name: string }): void => {
    store.getState().replaceDocument(doc, file ? { origin: file.origin, fileName: file.name } : {});
  };

  const applyOpened = (outcome: OpenOutcome): void => {
    const { notify } = store.getState();
    switch (outcome.status) {
      case 'cancelled':
        return;
      case 'failed':
        notify({ kind: 'error', text: outcome.message });
        return;
      case 'opened':
        load(outcome.doc, { origin: outcome.file.path ?? outcome.file.name, name: outcome.file.name });
        options.runs?.restore(outcome.runs);
        notify(
          outcome.migratedFrom
            ? { kind: 'info', text: `${outcome.file.name} was made by an older version (format ${outcome.migratedFrom}); it will be saved in the current format.` }
            : null,
        );
        options.onFilesChanged?.();
        return;
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  };

  const save = async (saveAs: boolean): Promise<void> => {
    const state = store.getState();
    // The origin is a path (Electron) or a file-handle key (browser); either host writes back to it.
    const location = state.origin ? { path: state.origin } : {};
    const collected = options.runs?.collect() ?? { runs: [], key: '' };
    const outcome = await saveProject(host, state.doc, location, saveAs, collected.runs);
    switch (outcome.status) {
      case 'cancelled':
        return;
      case 'failed':
        state.notify({ kind: 'error', text: `Could not save: ${outcome.message}` });
        return;
      case 'saved': {
        // Edits made while the dialog was open are not in the file, so only mark saved if nothing changed.
        const now = store.getState();
        if (now.doc === state.doc) now.markSaved(outcome.file.path ?? outcome.file.name);
        options.runs?.markSaved(collected.key);
        now.notify({ kind: 'info', text: `Saved ${outcome.file.name}.` });
        options.onFilesChanged?.();
        return;
      }
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  };

  const imports = createImportActions(store, host, {
    confirmDiscard: options.confirmDiscard,
    trainingStore: options.trainingStore ?? (() => null),
    async openProjectFile(file) {
      if (!(await mayDiscard())) return;
      applyOpened(openProjectContent(file));
    },
  });

  return {
    async newDocument() {
      if (await mayDiscard()) load(createEmptyDocument());
    },
    async open() {
      if (!(await mayDiscard())) return;
      applyOpened(await openProject(host));
    },
    async openRecent(path) {
      if (!(await mayDiscard())) return;
      applyOpened(await openRecentProject(host, path));
    },
    save: () => save(false),
    saveAs: () => save(true),
    async loadTemplate(id) {
      const template = await loadLaidOutTemplate(id, selectLayoutDirection(store.getState()));
      if (!template.ok) {
        store.getState().notify({ kind: 'error', text: template.error });
        return;
      }
      if (await mayDiscard()) load(template.doc);
    },
    importModel: () => imports.importModel(),
    openDropped: (files) => imports.openDropped(files),
  };
}
