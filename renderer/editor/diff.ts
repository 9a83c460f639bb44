/**
 * Record-level diffs between two model documents: what one undo step holds. A diff names the records
 * added, updated and removed (with their array positions so undo restores the exact order), never a
 * whole-graph snapshot.
 */
import type { DocumentEdge, DocumentNode, ModelDocument } from '../../engine/model/document';

/** A record placed at `index` of its array: the after-state index for additions, before-state for removals. */
export interface PlacedRecord<R> {
  record: R;
  index: number;
}

export interface RecordChanges<R> {
  added: PlacedRecord<R>[];
  updated: { before: R; after: R }[];
  removed: PlacedRecord<R>[];
}

/** The document fields outside the node and edge lists. */
export type DocumentMeta = Pick<ModelDocument, 'name' | 'description' | 'training' | 'layoutDirection'>;

export interface DocumentDiff {
  nodes: RecordChanges<DocumentNode>;
  edges: RecordChanges<DocumentEdge>;
  meta: { before: DocumentMeta; after: DocumentMeta } | null;
}

interface Identified {
  id: string;
}

/**
 * Compares two versions of a record list. Records are immutable, so "updated" means a different object.
 * Invariant relied upon: edits never reorder surviving records, they only insert, replace or remove.
 */
export function diffRecords<R extends Identified>(before: readonly R[], after: readonly R[]): RecordChanges<R> {
  const beforeById = new Map(before.map((r) => [r.id, r]));
  const afterIds = new Set(after.map((r) => r.id));
  const changes: RecordChanges<R> = { added: [], updated: [], removed: [] };
  before.forEach((record, index) => {
    if (!afterIds.has(record.id)) changes.removed.push({ record, index });
  });
  after.forEach((record, index) => {
    const previous = beforeById.get(record.id);
    if (!previous) changes.added.push({ record, index });
    else if (previous !== record) changes.updated.push({ before: previous, after: record });
  });
  return changes;
}

function metaOf(doc: ModelDocument): DocumentMeta {
  return { name: doc.name, description: doc.description, training: doc.training, layoutDirection: doc.layoutDirection };
}

/** The diff that turns `before` into `after`. */
export function diffDocuments(before: ModelDocument, after: ModelDocument): DocumentDiff {
  const metaChanged =
    before.name !== after.name || before.description !== after.description || before.training !== after.training || before.layoutDirection !== after.layoutDirection;
  return {
    nodes: diffRecords(before.nodes, after.nodes),
    edges: diffRecords(before.edges, after.edges),
    meta: metaChanged ? { before: metaOf(before), after: metaOf(after) } : null,
  };
}

function isEmptyChanges<R>(changes: RecordChanges<R>): boolean {
  return changes.added.length === 0 && changes.updated.length === 0 && changes.removed.length === 0;
}

/** True when applying the diff would change nothing. */
export function isEmptyDiff(diff: DocumentDiff): boolean {
  return isEmptyChanges(diff.nodes) && isEmptyChanges(diff.edges) && diff.meta === null;
}

function applyRecordChanges<R extends Identified>(list: readonly R[], changes: RecordChanges<R>): R[] {
  if (isEmptyChanges(changes)) return list as R[];
  const removed = new Set(changes.removed.map((p) => p.record.id));
  const updated = new Map(changes.updated.map((u) => [u.after.id, u.after]));
  const next = list.filter((r) => !removed.has(r.id)).map((r) => updated.get(r.id) ?? r);
  // Inserting in ascending after-state index rebuilds the after-state order exactly.
  for (const placed of [...changes.added].sort((a, b) => a.index - b.index)) {
    next.splice(Math.min(placed.index, next.length), 0, placed.record);
  }
  return next;
}

/** Applies a diff to a document. Pure: returns a new document, sharing untouched records. */
export function applyDiff(doc: ModelDocument, diff: DocumentDiff): ModelDocument {
  const next: ModelDocument = { ...doc, nodes: applyRecordChanges(doc.nodes, diff.nodes), edges: applyRecordChanges(doc.edges, diff.edges) };
  if (diff.meta) Object.assign(next, diff.meta.after);
  return next;
}

function invertChanges<R>(changes: RecordChanges<R>): RecordChanges<R> {
  return {
    added: changes.removed,
    removed: changes.added,
    updated: changes.updated.map(({ before, after }) => ({ before: after, after: before })),
  };
}

/** The diff that undoes `diff`. */
export function invertDiff(diff: DocumentDiff): DocumentDiff {
  return {
    nodes: invertChanges(diff.nodes),
    edges: invertChanges(diff.edges),
    meta: diff.meta ? { before: diff.meta.after, after: diff.meta.before } : null,
  };
}
