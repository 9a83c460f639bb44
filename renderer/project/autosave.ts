/**
 * Autosave for crash recovery. While the project has unsaved changes (edits, or runs that ended since
 * the last save), the latest state — the document and its finished runs with their weights — is written to
 * the host's recovery slot a short while after editing pauses (and at least every `maxWaitMs` during
 * long edits); once the project is saved again, the slot is cleared. Never throws into the caller.
 */
import type { ModelDocument } from '../../engine/model';
import type { Host } from '../host/host';
import { serializeProject } from '../../engine/model';
import { readProjectFile, writeProjectFile } from '../../engine/project';
import type { ProjectRun } from '../../engine/project';

export interface AutosaveSnapshot {
  doc: ModelDocument;
  /** True when the document or the runs differ from the saved file. */
  dirty: boolean;
  /** The finished runs to keep (called only when `runsKey` changed since the last write). */
  runs?: () => ProjectRun[];
  /** Identifies the runs `runs()` would return; equal keys are not written twice. */
  runsKey?: string;
  /** The project's file name or path, shown when offering the work back. */
  origin?: string;
}

export interface AutosaverOptions {
  host: Pick<Host, 'writeRecovery' | 'clearRecovery'>;
  getSnapshot: () => AutosaveSnapshot;
  /** Quiet time after the last change before a snapshot is written. */
  intervalMs?: number;
  /** Longest a change waits while edits keep coming. Defaults to five intervals. */
  maxWaitMs?: number;
  /** Told when a snapshot cannot be written (disk full, storage refused), once per distinct message. */
  onError?: (message: string) => void;
  now?: () => Date;
}

export interface Autosaver {
  /** Call on every document change (the store's subscribe). */
  notifyChange(): void;
  /** Writes (or clears) right away; for saving, closing the tab, or tests. */
  flush(): Promise<void>;
  /** Stops the timer; pending changes are not written. */
  dispose(): void;
}

export const DEFAULT_AUTOSAVE_INTERVAL_MS = 2000;

/** Creates the autosaver; nothing is written until `notifyChange()` or `flush()`. */
export function createAutosaver(options: AutosaverOptions): Autosaver {
  const intervalMs = options.intervalMs ?? DEFAULT_AUTOSAVE_INTERVAL_MS;
  const maxWaitMs = options.maxWaitMs ?? intervalMs * 5;
  const now = options.now ?? (() => new Date());
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPendingAt: number | null = null;
  /** Content of the snapshot in the slot; null when this autosaver knows the slot is empty. */
  let written: string | null = null;
  let holdsSnapshot = false;
  let lastError: string | null = null;
  let running: Promise<void> = Promise.resolve();
  let disposed = false;

  const report = (err: unknown): void => {
    const message = err instanceof Error ? err.message : String(err);
    if (message !== lastError) options.onError?.(message);
    lastError = message;
  };

  const writeOnce = async (): Promise<void> => {
    const snapshot = options.getSnapshot();
    if (snapshot.dirty) {
      const content = `${serializeProject(snapshot.doc)}\u0000${snapshot.runsKey ?? ''}`;
      if (content === written) return;
      // Recovery keeps the weights a run evaluates with, not its last-epoch copy: the slot stays bounded.
      const runs = (snapshot.runs?.() ?? []).map(({ lastWeights: _last, ...run }) => run);
      const data = writeProjectFile(snapshot.doc, runs);
      await options.host.writeRecovery({ savedAt: now().toISOString(), data, ...(snapshot.origin ? { origin: snapshot.origin } : {}) });
      written = content;
      holdsSnapshot = true;
    } else if (holdsSnapshot) {
      await options.host.clearRecovery();
      written = null;
      holdsSnapshot = false;
    }
    lastError = null;
  };

  // Runs are chained so two writes never race and the last state always lands last.
  const run = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    firstPendingAt = null;
    running = running.then(() => writeOnce().catch(report));
    return running;
  };

  return {
    notifyChange() {
      if (disposed) return;
      const at = Date.now();
      firstPendingAt ??= at;
      if (timer) clearTimeout(timer);
      const delay = Math.max(0, Math.min(intervalMs, firstPendingAt + maxWaitMs - at));
      timer = setTimeout(() => void run(), delay);
    },
    flush: () => (disposed ? running : run()),
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type RecoveryCheck =
  | { status: 'none' }
  | { status: 'found'; doc: ModelDocument; runs: ProjectRun[]; savedAt: string; origin?: string }
  | { status: 'unreadable'; message: string };

/**
 * At startup: is there unsaved work from a session that ended without saving? `found` offers it back
 * (restore with the store's replaceDocument and keep it dirty, put the runs back with
 * projectRuns' restoreRuns, or drop it all with host.clearRecovery()).
 */
export async function checkRecovery(host: Pick<Host, 'readRecovery'>): Promise<RecoveryCheck> {
  try {
    const snapshot = await host.readRecovery();
    if (!snapshot) return { status: 'none' };
    const parsed = readProjectFile(snapshot.data, snapshot.origin ?? 'unsaved work');
    if (!parsed.ok) return { status: 'unreadable', message: parsed.message };
    return { status: 'found', doc: parsed.doc, runs: parsed.runs, savedAt: snapshot.savedAt, ...(snapshot.origin ? { origin: snapshot.origin } : {}) };
  } catch (err) {
    return { status: 'unreadable', message: `Unsaved work from the last session could not be read: ${(err as Error).message}` };
  }
}
