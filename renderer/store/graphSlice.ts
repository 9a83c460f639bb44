import { layoutDirectionOf } from '../../engine/model/document';
import type { StateCreator } from 'zustand/vanilla';
import { catalog, defaultParams, newNodeId } from '../../engine/model';
import type { DocumentNode, ModelDocument } from '../../engine/model';
import type { ClipboardPayload } from '../editor/clipboard';
import { copyNodes, pasteEdits } from '../editor/clipboard';
import type { Edit, XYPosition } from '../editor/edits';
import { applyEdit, applyEdits, newEdgeId } from '../editor/edits';
import { beginBatch, createHistory, endBatch, recordEdit } from '../editor/history';
import { DEFAULT_NODE_SIZE } from '../editor/layout';
import { boundsOf, placeAfter, placeInView } from '../editor/placement';
import type { Rect } from '../editor/placement';
import { datasetChanged, isUnnamed, nameForDataset, nameFromFile } from '../editor/modelName';
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

/** The layers' rectangles on the canvas, at their measured sizes (a typical size until measured). */
function rectsOf(nodes: readonly DocumentNode[], measured: EditorState['measured']): Rect[] {
  return nodes.map((n) => ({ ...n.position, ...(measured[n.id] ?? DEFAULT_NODE_SIZE) }));
}

/**
 * Where a new box of `size` goes: after the given layers (the selection) when there are any, else in
 * free space in view, else (no canvas to ask) after every layer. Never on top of a layer.
 */
function placeNew(state: EditorState, after: readonly string[], size: { width: number; height: number }, view?: Rect): XYPosition {
  const { doc, measured } = state;
  const layoutDirection = layoutDirectionOf(doc);
  const obstacles = rectsOf(doc.nodes, measured);
  const anchors = rectsOf(
    doc.nodes.filter((n) => after.includes(n.id)),
    measured,
  );
  if (anchors.length > 0) return placeAfter(anchors, size, obstacles, layoutDirection);
  if (view) return placeInView(view, size, obstacles, layoutDirection);
  if (obstacles.length === 0) return { x: 0, y: 0 };
  return placeAfter(obstacles, size, obstacles, layoutDirection);
}

export const createGraphSlice =
  (initialDoc: ModelDocument): StateCreator<EditorState, [], [], GraphSlice> =>
  (set, get) => {
    /** Pastes a copy after the selection (or in view), so it never hides the original or any layer. */
    const insert = (payload: ClipboardPayload, view?: Rect): void => {
      const state = get();
      const group = boundsOf(payload.nodes.map((n) => ({ ...n.position, ...(state.measured[n.id] ?? DEFAULT_NODE_SIZE) })));
      const spot = placeNew(state, state.selectedNodeIds, { width: group.width, height: group.height }, view);
      const { edits, nodeIds } = pasteEdits(state.doc, payload, { x: spot.x - group.x, y: spot.y - group.y });
      get().edit(edits);
      set({ selectedNodeIds: nodeIds, selectedEdgeIds: [] });
    };
    return {
      doc: initialDoc,
      getDocument: () => get().doc,
      edit(edits) {
        const state = get();
        const list: readonly Edit[] = Array.isArray(edits) ? edits : [edits as Edit];
        let next = applyEdits(state.doc, list);
        if (next === state.doc) return;
        let { automaticNames } = state;
        // A model the person has not named follows its dataset, in the same undo step as the pick.
        if (datasetChanged(state.doc, next) && automaticNames.includes(next.name)) {
          next = applyEdit(next, { type: 'setDocumentName', name: nameForDataset(next) });
          if (!automaticNames.includes(next.name)) automaticNames = [...automaticNames, next.name];
        }
        set({ doc: next, automaticNames, history: recordEdit(state.history, state.doc, next), ...pruneSelection(next, state, state.doc) });
      },
      beginBatch: () => set((s) => ({ history: beginBatch(s.history, s.doc) })),
      endBatch: () => set((s) => ({ history: endBatch(s.history, s.doc) })),
      replaceDocument(loaded, options = {}) {
        const history = createHistory(get().history.nextId);
        // A file whose document has no name is named after the file.
        const doc = options.fileName && isUnnamed(loaded.name) ? { ...loaded, name: nameFromFile(options.fileName) } : loaded;
        // Only a blank document or a template has a name the app chose; a file's or a recovered draft's is the person's.
        const fresh = !options.origin && !options.fileName && !options.dirty;
        set({
          doc,
          automaticNames: fresh ? [doc.name] : [],
          history,
          savedStepId: 0,
          unsavedReplacement: options.dirty ?? false,
          origin: options.origin ?? null,
          selectedNodeIds: [],
          selectedEdgeIds: [],
          measured: {},
          documentEpoch: get().documentEpoch + 1,
        });
      },
      addLayer(type, options = {}) {
        const { doc } = get();
        const id = newNodeId(doc, type);
        const source = options.connectFrom ? doc.nodes.find((n) => n.id === options.connectFrom) : undefined;
        const after = source ? [source.id] : get().selectedNodeIds;
        const position = options.position ?? placeNew(get(), after, DEFAULT_NODE_SIZE, options.view);
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
        if (payload) set({ clipboard: payload });
      },
      paste(view) {
        const { clipboard } = get();
        if (clipboard) insert(clipboard, view);
      },
      duplicateSelection(view) {
        const payload = copyNodes(get().doc, get().selectedNodeIds);
        if (payload) insert(payload, view);
      },
    };
  };
