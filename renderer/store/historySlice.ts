import type { StateCreator } from 'zustand/vanilla';
import { createHistory, currentStepId, redo, undo } from '../editor/history';
import { pruneSelection } from './graphSlice';
import type { EditorState, HistorySlice } from './types';

export const createHistorySlice: StateCreator<EditorState, [], [], HistorySlice> = (set, get) => ({
  history: createHistory(),
  savedStepId: 0,
  unsavedReplacement: false,
  undo() {
    const state = get();
    const result = undo(state.history, state.doc);
    if (result) set({ ...result, ...pruneSelection(result.doc, state) });
  },
  redo() {
    const state = get();
    const result = redo(state.history, state.doc);
    if (result) set({ ...result, ...pruneSelection(result.doc, state) });
  },
  isDirty: () => selectIsDirty(get()),
  markSaved(origin) {
    set((s) => ({ savedStepId: currentStepId(s.history), unsavedReplacement: false, origin: origin ?? s.origin }));
  },
});

/** Whether the document differs from what was last saved or loaded. */
export function selectIsDirty(state: Pick<EditorState, 'history' | 'savedStepId' | 'unsavedReplacement'>): boolean {
  return state.unsavedReplacement || currentStepId(state.history) !== state.savedStepId;
}
