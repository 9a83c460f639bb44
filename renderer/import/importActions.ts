/**
 * File › Import… and files dropped on the window. An imported model opens as a new, unsaved project
 * (after the same "discard unsaved changes?" question Open asks), laid out, with its weights kept as
 * an "Imported weights" run so Evaluate, export and further training can use them at once. A file
 * that cannot be imported leaves the open project as it was and says why.
 */
import { selectLayoutDirection } from '../store/selectors';
import type { ModelDocument } from '../../engine/model';
import type { WeightMap } from '../../engine/training/protocol';
import { applyEdit } from '../editor/edits';
import { computeLayout } from '../editor/layout';
import type { LayoutDirection } from '../editor/layout';
import type { Host, ModelFileSet, OpenedFile } from '../host/host';
import type { EditorStore } from '../store/editorStore';
import { createRun } from '../training/runs';
import type { TrainingRun } from '../training/runs';
import type { TrainingStore } from '../training/store';
import { classifyFiles, readModelFiles } from './readModelFiles';
import { plural } from '../../engine/model/plural';

export interface ImportActionOptions {
  /** Asks before unsaved changes are discarded; resolves true to go ahead. */
  confirmDiscard: (documentName: string) => boolean | Promise<boolean>;
  /** Where the imported weights go as a run; null while no training store is mounted. */
  trainingStore: () => TrainingStore | null;
  /** Opens a dropped project file through the Open command's own path. */
  openProjectFile: (file: OpenedFile) => Promise<void>;
  now?: () => number;
}

export interface ImportActions {
  /** File › Import…: asks the host for the files, then imports them. */
  importModel(): Promise<void>;
  /** Imports files already read (dropped, or picked). */
  importFiles(set: ModelFileSet): Promise<void>;
  /** Files dropped on the window: a project opens, a model imports. */
  openDropped(set: ModelFileSet): Promise<void>;
}

/** The label imported runs carry in the run lists. */
export const IMPORTED_RUN_LABEL = 'Imported weights';

/** A finished run holding imported weights: no training history, inputs used as they come. */
export function importedRun(id: string, document: ModelDocument, weights: WeightMap, fileName: string, at: number): TrainingRun {
  const run = createRun({ id, label: IMPORTED_RUN_LABEL, document: structuredClone(document), startedAt: at });
  run.live.progress = 1;
  return { ...run, status: 'completed', totalEpochs: 0, weights, normalisation: { kind: 'none', offset: [], scale: [] }, importedFrom: fileName };
}

/** The document with its layers placed by auto-layout; the importer's own columns if layout fails. */
async function laidOut(doc: ModelDocument, direction: LayoutDirection): Promise<ModelDocument> {
  try {
    const moved = applyEdit(doc, { type: 'moveNodes', positions: await computeLayout(doc, {}, direction) });
    return applyEdit(moved, { type: 'setLayoutDirection', direction });
  } catch {
    return doc;
  }
}

let sequence = 0;

/** Import actions bound to one editor store and host. */
export function createImportActions(store: EditorStore, host: Host, options: ImportActionOptions): ImportActions {
  const now = options.now ?? (() => Date.now());
  const fail = (text: string): void => store.getState().notify({ kind: 'error', text });

  const importFiles = async (set: ModelFileSet): Promise<void> => {
    const result = readModelFiles(set);
    if (!result.ok) return fail(result.message);
    const state = store.getState();
    if (state.isDirty() && !(await options.confirmDiscard(state.doc.name))) return;
    const doc = await laidOut(result.doc, selectLayoutDirection(store.getState()));
    store.getState().replaceDocument(doc, { dirty: true });
    const training = options.trainingStore();
    training?.getState().addFinishedRun(importedRun(`imported-${now().toString(36)}-${(++sequence).toString(36)}`, doc, result.weights, result.fileName, now()));
    const layers = doc.nodes.length;
    store.getState().notify({
      kind: 'info',
      text: `Imported ${result.fileName}: ${plural(layers, 'layer')} with their weights (run “${IMPORTED_RUN_LABEL}”). Save it to keep it as a project.`,
    });
  };

  return {
    async importModel() {
      let set: ModelFileSet | null;
      try {
        set = await host.openModelFiles();
      } catch (err) {
        return fail(`Could not read the model files: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (set) await importFiles(set);
    },
    importFiles,
    async openDropped(set) {
      const what = classifyFiles(set.files);
      if (what.kind === 'project') {
        await options.openProjectFile({ name: what.file.name, data: what.file.data });
        return;
      }
      await importFiles(set);
    },
  };
}
