/**
 * The editor store: one zustand store built from typed slices (graph, history, selection, ui).
 * The document is the single source of truth; shapes, issues and the summary are derived by the
 * memoised selectors in selectors.ts and never stored.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ModelDocument } from '../../engine/model';
import { createGraphSlice } from './graphSlice';
import { createHistorySlice } from './historySlice';
import { createSelectionSlice } from './selectionSlice';
import type { EditorState } from './types';
import { createUiSlice } from './uiSlice';

export type EditorStore = StoreApi<EditorState>;

/** A new editor store holding `doc`, with an empty history. */
export function createEditorStore(doc: ModelDocument): EditorStore {
  return createStore<EditorState>()((...args) => ({
    ...createHistorySlice(...args),
    ...createSelectionSlice(...args),
    ...createUiSlice(...args),
    ...createGraphSlice(doc)(...args),
    // The first document is a blank one or a template: its name is the app's until someone types one.
    automaticNames: [doc.name],
  }));
}

export { selectIsDirty } from './historySlice';
export type { EditorState } from './types';
