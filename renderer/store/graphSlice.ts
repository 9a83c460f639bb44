import type { StateCreator } from 'zustand/vanilla';
import { catalog, defaultParams, newNodeId } from '../../engine/model';
import type { DocumentNode, ModelDocument } from '../../engine/model';
import type { ClipboardPayload } from '../editor/clipboard';
import { copyNodes, PASTE_OFFSET, pasteEdits } from '../editor/clipboard';
import type { Edit } from '../editor/edits';
import { applyEdits, newEdgeId } from '../editor/edits';
import { beginBatch, createHistory, endBatch, recordEdit } from '../editor/history';
import type { EditorState, GraphSlice } from './types';

/** True when `after` has exactly the node ids of `before`, in order, and the same connections. */
function sameMembers(before: ModelDocument, after: ModelDocument): boolean {
  if (before.edges !== after.edges || before.nodes.length !== after.nodes.length) return false;
  return after.nodes.every((n, i) => n.id === before.nodes[i].id);
}

/**
 * Drops selected ids that no longer exist, keeping the array identity when nothing changed. Given the
 * previous document, edits that cannot remove anything (a move on every frame of a drag) skip the id sets.
 */
export function pruneSelection(
  doc: ModelDocument,
  state: Pick<EditorState, 'selectedNodeIds' | 'selectedEdgeIds'>,
  previous?: ModelDocument,
): Partial<EditorState> {
  if (state.selectedNodeIds.length === 0 && state.selectedEdgeIds.length === 0) return {};
  if (previous && sameMembers(previous, doc)) return {};
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  const nodes = state.selectedNodeIds.filter((id) => nodeIds.has(id));
  const edges = state.selectedEdgeIds.filter((id) => edgeIds.has(id));
  const patch: Partial<EditorState> = {};
  if (nodes.length !== state.selectedNodeIds.length) patch.selectedNodeIds = nodes;
  if (edges.length !== state.selectedEdgeIds.length) patch.selectedEdgeIds = edges;
  return patch;
}

/** Where a new layer goes when the caller gives no position: right of the rightmost layer. */
function nextFreePosition(doc: ModelDocument): { x: number; y: number } {
  if (doc.nodes.length === 0) return { x: 0, y: 0 };
  const right = doc.nodes.reduce((best, n) => (n.position.x > best.position.x ? n : best));
  return { x: right.position.x + 260, y: right.position.y };
}

export const createGraphSlice =
  (initialDoc: ModelDocument): StateCreator<EditorState, [], [], GraphSlice> =>
  (set, get) => {
    const insert = (payload: ClipboardPayload, offset: number): void => {
      const { edits, nodeIds } = pasteEdits(get().doc, payload, offset);
      get().edit(edits);
      set({ selectedNodeIds: nodeIds, selectedEdgeIds: [] });
    };
    return {
      doc: initialDoc,
      getDocument: () => get().doc,
      edit(edits) {
        const state = get();
        const list: readonly Edit[] = Array.isArray(edits) ? edits : [edits as Edit];
        const next = applyEdits(state.doc, list);
        if (next === state.doc) return;
        set({ doc: next, history: recordEdit(state.history, state.doc, next), ...pruneSelection(next, state, state.doc) });
      },
      beginBatch: () => set((s) => ({ history: beginBatch(s.history, s.doc) })),
      endBatch: () => set((s) => ({ history: endBatch(s.history, s.doc) })),
      replaceDocument(doc, options = {}) {
        const history = createHistory(get().history.nextId);
        set({
          doc,
          history,
          savedStepId: 0,
          unsavedReplacement: options.dirty ?? false,
          origin: options.origin ?? null,
          selectedNodeIds: [],
          selectedEdgeIds: [],
          measured: {},
          pasteCount: 0,
          documentEpoch: get().documentEpoch + 1,
        });
      },
      addLayer(type, options = {}) {
        const { doc } = get();
        const id = newNodeId(doc, type);
        const source = options.connectFrom ? doc.nodes.find((n) => n.id === options.connectFrom) : undefined;
        const position = options.position ?? (source ? { x: source.position.x + 260, y: source.position.y } : nextFreePosition(doc));
        const node: DocumentNode = { id, type, params: structuredClone(defaultParams(type)) as DocumentNode['params'], position };
        const edits: Edit[] = [{ type: 'addNode', node }];
        if (source && catalog[source.type].hasOutput && catalog[type].maxInputs > 0) {
          edits.push({ type: 'connect', edge: { id: newEdgeId(doc, source.id, id, 0), source: source.id, target: id, targetPort: 0 } });
        }
        get().edit(edits);
        set({ selectedNodeIds: [id], selectedEdgeIds: [] });
        return id;
      },
      deleteSelection() {
        const { selectedNodeIds, selectedEdgeIds } = get();
        const edits: Edit[] = [
          ...selectedEdgeIds.map((id): Edit => ({ type: 'removeEdge', id })),
          ...selectedNodeIds.map((id): Edit => ({ type: 'removeNode', id })),
        ];
        if (edits.length > 0) get().edit(edits);
      },
      copySelection() {
        const { doc, selectedNodeIds } = get();
        const payload = copyNodes(doc, selectedNodeIds);
        if (payload) set({ clipboard: payload, pasteCount: 0 });
      },
      paste() {
        const { clipboard, pasteCount } = get();
        if (!clipboard) return;
        set({ pasteCount: pasteCount + 1 });
        insert(clipboard, PASTE_OFFSET * (pasteCount + 1));
      },
      duplicateSelection() {
        const payload = copyNodes(get().doc, get().selectedNodeIds);
        if (payload) insert(payload, PASTE_OFFSET);
      },
    };
  };
