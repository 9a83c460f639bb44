import type { LayoutDirection } from '../../engine/model/document';
import { computeLayout } from '../editor/layout';
import type { EditorStore } from '../store/editorStore';
import { selectLayoutDirection } from '../store/selectors';

/**
 * Lays the whole graph out as a single undoable step: in the document's direction, or in `direction`,
 * which then becomes the document's (changing the direction re-arranges the layers, one undo restores both).
 */
export async function autoLayoutDocument(store: EditorStore, direction?: LayoutDirection): Promise<void> {
  const { doc, measured } = store.getState();
  const target = direction ?? selectLayoutDirection(store.getState());
  const positions = await computeLayout(doc, measured, target);
  // The document may have changed while ELK ran; only move layers that still exist.
  const live = new Set(store.getState().doc.nodes.map((n) => n.id));
  const moves = Object.fromEntries(Object.entries(positions).filter(([id]) => live.has(id)));
  store.getState().edit([{ type: 'setLayoutDirection', direction: target }, { type: 'moveNodes', positions: moves }]);
}
