/**
 * Open and save as the command registry runs them: host I/O plus parsing, with every failure turned
 * into an outcome to show. Nothing here touches the store; the caller applies an `opened` outcome.
 */
import type { ModelDocument } from '../../engine/model';
import type { Host, OpenedFile, SavedFile } from '../host/host';
import { suggestedFileName, type ProjectIssue } from '../../engine/model';
import { readProjectFile, writeProjectFile } from '../../engine/project';
import type { ProjectRun } from '../../engine/project';

export type OpenOutcome =
  | { status: 'cancelled' }
  | { status: 'opened'; doc: ModelDocument; runs: ProjectRun[]; file: { name: string; path?: string }; migratedFrom?: number }
  | { status: 'failed'; message: string; issues: ProjectIssue[] };

export type SaveOutcome = { status: 'cancelled' } | { status: 'saved'; file: SavedFile } | { status: 'failed'; message: string };

/** Where the open project lives, as the last open or save returned it. */
export interface ProjectLocation {
  path?: string;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** What opening `file` gives: its document and runs, or why it cannot be opened (also for files dropped on the window). */
export function toOutcome(file: OpenedFile | null): OpenOutcome {
  if (!file) return { status: 'cancelled' };
  const parsed = readProjectFile(file.data, file.name);
  if (!parsed.ok) return { status: 'failed', message: parsed.message, issues: parsed.issues };
  const location = { name: file.name, ...(file.path ? { path: file.path } : {}) };
  return { status: 'opened', doc: parsed.doc, runs: parsed.runs, file: location, ...(parsed.migratedFrom ? { migratedFrom: parsed.migratedFrom } : {}) };
}

/** Reads a project file the renderer already holds (one dropped on the window), as Open would. */
export function openProjectContent(file: OpenedFile): OpenOutcome {
  try {
    return toOutcome(file);
  } catch (err) {
    return { status: 'failed', message: messageOf(err), issues: [] };
  }
}

/** Asks for a project file and reads it. */
export async function openProject(host: Host): Promise<OpenOutcome> {
  try {
    return toOutcome(await host.openFile());
  } catch (err) {
    return { status: 'failed', message: messageOf(err), issues: [] };
  }
}

/** Reads a file from the recent list. */
export async function openRecentProject(host: Host, path: string): Promise<OpenOutcome> {
  try {
    return toOutcome(await host.openRecent(path));
  } catch (err) {
    return { status: 'failed', message: messageOf(err), issues: [] };
  }
}

/**
 * Saves `doc` with its finished `runs` (plain JSON when there are none, else an archive): to
 * `location.path` when known and `saveAs` is false, else wherever the person chooses.
 */
export async function saveProject(host: Host, doc: ModelDocument, location: ProjectLocation, saveAs: boolean, runs: readonly ProjectRun[] = []): Promise<SaveOutcome> {
  try {
    const saved = await host.saveFile({
      data: writeProjectFile(doc, runs),
      suggestedName: suggestedFileName(doc.name),
      saveAs,
      ...(location.path ? { path: location.path } : {}),
    });
    return saved ? { status: 'saved', file: saved } : { status: 'cancelled' };
  } catch (err) {
    return { status: 'failed', message: messageOf(err) };
  }
}
