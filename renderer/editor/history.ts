/**
 * Undo/redo as a stack of document diffs. Pure functions over an immutable HistoryState; the store
 * calls them. Only user edits are recorded: loading or replacing a document starts a fresh history.
 * A batch (a drag, a paste, an auto-layout) collapses into one step: the diff between the document
 * when the batch opened and when it closed.
 */
import type { ModelDocument } from '../../engine/model/document';
import type { DocumentDiff } from './diff';
import { applyDiff, diffDocuments, invertDiff, isEmptyDiff } from './diff';

export interface HistoryStep {
  /** Unique within a session; lets "dirty" compare the current step with the saved one. */
  id: number;
  diff: DocumentDiff;
}

export interface HistoryState {
  undo: HistoryStep[];
  redo: HistoryStep[];
  nextId: number;
  /** Id of the newest step dropped by the limit (0 when none): what an empty undo stack reflects. */
  baseId: number;
  /** Open batch: nesting depth and the document before its first edit. */
  batch: { depth: number; start: ModelDocument } | null;
}

/** Oldest steps are dropped beyond this many. */
export const HISTORY_LIMIT = 500;

/** An empty history. `nextId` continues a previous session's numbering so step ids never repeat. */
export function createHistory(nextId = 1): HistoryState {
  return { undo: [], redo: [], nextId, baseId: 0, batch: null };
}

function pushStep(history: HistoryState, diff: DocumentDiff): HistoryState {
  if (isEmptyDiff(diff)) return history;
  const undo = [...history.undo, { id: history.nextId, diff }];
  let baseId = history.baseId;
  if (undo.length > HISTORY_LIMIT) baseId = undo.splice(0, undo.length - HISTORY_LIMIT).pop()!.id;
  return { ...history, undo, redo: [], nextId: history.nextId + 1, baseId };
}

/** Records the edit that turned `before` into `after` (deferred to the batch end while a batch is open). */
export function recordEdit(history: HistoryState, before: ModelDocument, after: ModelDocument): HistoryState {
  if (before === after || history.batch) return history;
  return pushStep(history, diffDocuments(before, after));
}

/** Opens a batch (nestable); `doc` is the document before the batch's first edit. */
export function beginBatch(history: HistoryState, doc: ModelDocument): HistoryState {
  if (history.batch) return { ...history, batch: { ...history.batch, depth: history.batch.depth + 1 } };
  return { ...history, batch: { depth: 1, start: doc } };
}

/** Closes a batch; the outermost close records the whole batch as one step. */
export function endBatch(history: HistoryState, doc: ModelDocument): HistoryState {
  if (!history.batch) return history;
  if (history.batch.depth > 1) return { ...history, batch: { ...history.batch, depth: history.batch.depth - 1 } };
  return pushStep({ ...history, batch: null }, diffDocuments(history.batch.start, doc));
}

/** Closes every open batch, e.g. before an undo interrupts a drag. */
export function flushBatch(history: HistoryState, doc: ModelDocument): HistoryState {
  return history.batch ? endBatch({ ...history, batch: { ...history.batch, depth: 1 } }, doc) : history;
}

/** Steps back once. Returns null when there is nothing to undo. */
export function undo(history: HistoryState, doc: ModelDocument): { history: HistoryState; doc: ModelDocument } | null {
  const flushed = flushBatch(history, doc);
  const step = flushed.undo[flushed.undo.length - 1];
  if (!step) return null;
  return {
    doc: applyDiff(doc, invertDiff(step.diff)),
    history: { ...flushed, undo: flushed.undo.slice(0, -1), redo: [...flushed.redo, step] },
  };
}

/** Re-applies the last undone step. Returns null when there is nothing to redo. */
export function redo(history: HistoryState, doc: ModelDocument): { history: HistoryState; doc: ModelDocument } | null {
  const flushed = flushBatch(history, doc);
  const step = flushed.redo[flushed.redo.length - 1];
  if (!step) return null;
  return {
    doc: applyDiff(doc, step.diff),
    history: { ...flushed, redo: flushed.redo.slice(0, -1), undo: [...flushed.undo, step] },
  };
}

/** Id of the step the document currently reflects (0 = the state the history started from). */
export function currentStepId(history: HistoryState): number {
  return history.undo[history.undo.length - 1]?.id ?? history.baseId;
}
