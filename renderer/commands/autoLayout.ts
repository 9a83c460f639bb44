import { computeLayout } from '../editor/layout';
import type { EditorStore } from '../store/editorStore';

/** Lays the whole graph out in the chosen direction as a single undoable step. */
export async function autoLayoutDocument(store: EditorStore): Promise<void> {
  const { doc, measured, layoutDirection } = store.getState();
  const positions = await computeLayout(doc, measured, layoutDirection);
  // The document may have changed while ELK ran; only move layers that still exist.
  const live = new Set(store.getState().doc.nodes.map((n) => n.id));
  const moves = Object.fromEntries(Object.entries(positions).filter(([id]) => live.has(id)));
  store.getState().edit({ type: 'moveNodes', positions: moves });
}
