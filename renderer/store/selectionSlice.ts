import type { StateCreator } from 'zustand/vanilla';
import type { EditorState, SelectionSlice } from './types';

function toggle(list: readonly string[], id: string, selected: boolean): readonly string[] {
  const has = list.includes(id);
  if (selected === has) return list;
  return selected ? [...list, id] : list.filter((x) => x !== id);
}

export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (set, get) => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  setSelection: ({ nodes, edges }) => set({ selectedNodeIds: nodes ?? [], selectedEdgeIds: edges ?? [] }),
  changeSelection(changes) {
    let { selectedNodeIds, selectedEdgeIds } = get();
    for (const c of changes) {
      if (c.kind === 'node') selectedNodeIds = toggle(selectedNodeIds, c.id, c.selected);
      else selectedEdgeIds = toggle(selectedEdgeIds, c.id, c.selected);
    }
    set({ selectedNodeIds, selectedEdgeIds });
  },
  selectAll: () => set((s) => ({ selectedNodeIds: s.doc.nodes.map((n) => n.id), selectedEdgeIds: s.doc.edges.map((e) => e.id) })),
  clearSelection: () => set({ selectedNodeIds: [], selectedEdgeIds: [] }),
});
