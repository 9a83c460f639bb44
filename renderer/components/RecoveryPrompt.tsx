/** Offers back unsaved work from a session that ended without saving. */
import { useEffect, useState } from 'react';
import { useHost } from '../host/HostContext';
import type { ModelDocument } from '../../engine/model';
import type { ProjectRun } from '../../engine/project';
import { checkRecovery } from '../project/autosave';
import { restoreRuns } from '../project/projectRuns';
import { activeTrainingController } from '../training/controller';
import { useEditorStore } from '../store/EditorContext';

interface Found {
  doc: ModelDocument;
  runs: ProjectRun[];
  savedAt: string;
  origin?: string;
}

export function RecoveryPrompt() {
  const host = useHost();
  const store = useEditorStore();
  const [found, setFound] = useState<Found | null>(null);
  useEffect(() => {
    let live = true;
    void checkRecovery(host).then((result) => {
      if (!live) return;
      if (result.status === 'found') setFound(result);
      else if (result.status === 'unreadable') store.getState().notify({ kind: 'error', text: result.message });
    });
    return () => {
      live = false;
    };
  }, [host, store]);
  if (!found) return null;
  const when = new Date(found.savedAt).toLocaleString();
  return (
    <div className="notice notice--recovery" role="alertdialog" data-testid="recovery-prompt">
      <span className="notice__text">
        Unsaved work on “{found.doc.name}”{found.runs.length > 0 ? ` with ${found.runs.length} ${found.runs.length === 1 ? 'run' : 'runs'}` : ''} from {when} was kept. Restore it?
      </span>
      <button
        type="button"
        className="tool-button tool-button--primary"
        data-testid="recovery-restore"
        onClick={() => {
          store.getState().replaceDocument(found.doc, { dirty: true, ...(found.origin ? { origin: found.origin } : {}) });
          // The runs come back unsaved, so autosave keeps holding them until the project is saved.
          const training = activeTrainingController();
          if (training && found.runs.length > 0) {
            restoreRuns(training.store, found.runs);
            const selected = training.store.getState().selectedRunId;
            if (selected) training.evaluate(selected);
          }
          setFound(null);
        }}
      >
        Restore
      </button>
      <button
        type="button"
        className="tool-button"
        data-testid="recovery-discard"
        onClick={() => {
          void host.clearRecovery();
          setFound(null);
        }}
      >
        Discard
      </button>
    </div>
  );
}
