/** Freezing a layer is an edit like any other: one undo step, and nothing stored when nothing changes. */
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../engine/model';
import { loadTemplate } from '../../../renderer/app/templates';
import { applyEdit } from '../../../renderer/editor/edits';
import { createEditorStore } from '../../../renderer/store/editorStore';

function mlp() {
  const template = loadTemplate('mlp-mnist');
  if (!template.ok) throw new Error(template.error);
  return template.doc;
}

const hidden = (doc: ReturnType<typeof mlp>) => doc.nodes.find((n) => n.id === 'hidden')!;

describe('setTrainable', () => {
  it('writes trainable: false to freeze and removes the flag to unfreeze, so files stay as before', () => {
    const frozen = applyEdit(mlp(), { type: 'setTrainable', id: 'hidden', trainable: false });
    expect(hidden(frozen).trainable).toBe(false);
    const thawed = applyEdit(frozen, { type: 'setTrainable', id: 'hidden', trainable: true });
    expect('trainable' in hidden(thawed)).toBe(false);
    const compiled = compileGraph(frozen);
    expect(compiled.ok && compiled.program.nodes.find((n) => n.id === 'hidden')!.frozen).toBe(true);
  });

  it('returns the same document when the layer already has that state', () => {
    const doc = mlp();
    expect(applyEdit(doc, { type: 'setTrainable', id: 'hidden', trainable: true })).toBe(doc);
    const frozen = applyEdit(doc, { type: 'setTrainable', id: 'hidden', trainable: false });
    expect(applyEdit(frozen, { type: 'setTrainable', id: 'hidden', trainable: false })).toBe(frozen);
  });

  it('is one undoable step in the editor store', () => {
    const store = createEditorStore(mlp());
    store.getState().edit({ type: 'setTrainable', id: 'hidden', trainable: false });
    expect(hidden(store.getState().getDocument()).trainable).toBe(false);
    expect(store.getState().isDirty()).toBe(true);
    store.getState().undo();
    expect(hidden(store.getState().getDocument()).trainable).toBeUndefined();
    expect(store.getState().isDirty()).toBe(false);
    store.getState().redo();
    expect(hidden(store.getState().getDocument()).trainable).toBe(false);
  });
});
