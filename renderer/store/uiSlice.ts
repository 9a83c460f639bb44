import type { StateCreator } from 'zustand/vanilla';
import type { EditorState, UiSlice } from './types';

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set) => ({
  origin: null,
  measured: {},
  clipboard: null,
  automaticNames: [],
  paletteQuery: '',
  templatePickerOpen: false,
  bottomPanel: 'summary',
  notice: null,
  recentFiles: [],
  focusRequest: null,
  documentEpoch: 0,
  setMeasured: (sizes) => set((s) => ({ measured: { ...s.measured, ...sizes } })),
  setPaletteQuery: (paletteQuery) => set({ paletteQuery }),
  setTemplatePickerOpen: (templatePickerOpen) => set({ templatePickerOpen }),
  setBottomPanel: (bottomPanel) => set({ bottomPanel }),
  notify: (notice) => set({ notice }),
  setRecentFiles: (recentFiles) => set({ recentFiles }),
  focusNode: (nodeId) =>
    set((s) => ({ focusRequest: { nodeId, seq: (s.focusRequest?.seq ?? 0) + 1 }, selectedNodeIds: [nodeId], selectedEdgeIds: [] })),
});
