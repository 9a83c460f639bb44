/** Offers back unsaved work from a session that ended without saving. */
import { useEffect, useState } from 'react';
import { useHost } from '../host/HostContext';
import type { ModelDocument } from '../../engine/model';
import { checkRecovery } from '../project/autosave';
import { useEditorStore } from '../store/EditorContext';

interface Found {
  doc: ModelDocument;
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
        Unsaved work on “{found.doc.name}” from {when} was kept. Restore it?
      </span>
      <button
        type="button"
        className="tool-button tool-button--primary"
        data-testid="recovery-restore"
        onClick={() => {
          store.getState().replaceDocument(found.doc, { dirty: true, ...(found.origin ? { origin: found.origin } : {}) });
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
