import { describe, expect, it } from 'vitest';
import { analyzeGraph, createEmptyDocument } from '../../../engine/model';
import { loadTemplate } from '../../../renderer/app/templates';
import { createEditorStore } from '../../../renderer/store/editorStore';
import { inputCountsOf, selectAnalysis, selectSummary } from '../../../renderer/store/selectors';
import { DEFAULT_NODE_SIZE } from '../../../renderer/editor/layout';
import { overlaps } from '../../../renderer/editor/placement';
import type { ModelDocument } from '../../../engine/model';

/** No two layers overlap at the size the canvas gives an unmeasured layer. */
function expectNoOverlap(doc: ModelDocument): void {
  const rects = doc.nodes.map((n) => ({ id: n.id, ...n.position, ...DEFAULT_NODE_SIZE }));
  const clashes = rects.flatMap((a, i) => rects.slice(i + 1).filter((b) => overlaps(a, b)).map((b) => `${a.id}/${b.id}`));
  expect(clashes).toEqual([]);
}

function mlpStore() {
  const template = loadTemplate('mlp-mnist');
  if (!template.ok) throw new Error(template.error);
  return createEditorStore(template.doc);
}

describe('editor store', () => {
  it('an edit is undoable and marks the document dirty until saved', () => {
    const store = mlpStore();
    expect(store.getState().isDirty()).toBe(false);
    store.getState().edit({ type: 'setParam', id: 'hidden', name: 'units', value: 64 });
    expect(store.getState().isDirty()).toBe(true);
    store.getState().markSaved('/tmp/model.netwright');
    expect(store.getState().isDirty()).toBe(false);
    expect(store.getState().origin).toBe('/tmp/model.netwright');
    store.getState().undo();
    expect(store.getState().getDocument().nodes.find((n) => n.id === 'hidden')!.params.units).toBe(128);
    expect(store.getState().isDirty()).toBe(true);
    store.getState().redo();
    expect(store.getState().isDirty()).toBe(false);
  });

  it('replaceDocument starts a fresh, clean history', () => {
    const store = mlpStore();
    store.getState().edit({ type: 'removeNode', id: 'hidden' });
    store.getState().replaceDocument(createEmptyDocument('Fresh'), { origin: 'fresh.netwright' });
    const state = store.getState();
    expect(state.doc.name).toBe('Fresh');
    expect(state.history.undo).toHaveLength(0);
    expect(state.isDirty()).toBe(false);
    expect(state.origin).toBe('fresh.netwright');
    state.undo();
    expect(store.getState().doc.name).toBe('Fresh');
  });

  it('replaceDocument with dirty: true keeps recovered work marked unsaved', () => {
    const store = mlpStore();
    store.getState().replaceDocument(createEmptyDocument('Recovered'), { dirty: true });
    expect(store.getState().isDirty()).toBe(true);
    store.getState().markSaved('r.netwright');
    expect(store.getState().isDirty()).toBe(false);
  });

  it('derived shapes follow the document and are memoised per document', () => {
    const store = mlpStore();
    const first = selectAnalysis(store.getState());
    expect(selectAnalysis(store.getState())).toBe(first);
    expect(first.nodes.hidden.outputShape).toEqual([128]);
    store.getState().edit({ type: 'setParam', id: 'hidden', name: 'units', value: 32 });
    const second = selectAnalysis(store.getState());
    expect(second.nodes.hidden.outputShape).toEqual([32]);
    expect(second.edges[store.getState().doc.edges.find((e) => e.source === 'hidden')!.id].shape).toEqual([32]);
    expect(selectSummary(store.getState()).totalParams).toBe(784 * 32 + 32 + 32 * 10 + 10);
  });

  it('moving layers reuses the analysis, which never depends on positions', () => {
    const store = mlpStore();
    const before = selectAnalysis(store.getState());
    store.getState().edit({ type: 'moveNodes', positions: { hidden: { x: 999, y: 5 } } });
    const after = selectAnalysis(store.getState());
    expect(after).toBe(before);
    expect(after).toEqual(analyzeGraph(store.getState().doc));
  });

  it('moving layers keeps the summary; renaming one renews it', () => {
    const store = mlpStore();
    const before = selectSummary(store.getState());
    store.getState().edit({ type: 'moveNodes', positions: { hidden: { x: 999, y: 5 }, logits: { x: 1, y: 2 } } });
    expect(selectSummary(store.getState())).toBe(before);
    store.getState().edit({ type: 'renameNode', id: 'hidden', name: 'features' });
    const renamed = selectSummary(store.getState());
    expect(renamed.rows.find((r) => r.nodeId === 'hidden')!.name).toBe('features');
    expect(renamed.totalParams).toBe(before.totalParams);
  });

  it('input counts follow the connections', () => {
    const store = mlpStore();
    const counts = inputCountsOf(store.getState().doc.edges);
    expect(counts.get('hidden')).toBe(1);
    expect(counts.get('input')).toBeUndefined();
    store.getState().edit({ type: 'removeNode', id: 'input' });
    expect(inputCountsOf(store.getState().doc.edges).get('hidden')).toBeUndefined();
  });

  it('moving selected layers keeps the selection; removing a selected layer drops it', () => {
    const store = mlpStore();
    store.getState().setSelection({ nodes: ['hidden', 'logits'] });
    const selection = store.getState().selectedNodeIds;
    store.getState().edit({ type: 'moveNodes', positions: { hidden: { x: 10, y: 10 } } });
    expect(store.getState().selectedNodeIds).toBe(selection);
    store.getState().edit({ type: 'removeNode', id: 'logits' });
    expect(store.getState().selectedNodeIds).toEqual(['hidden']);
  });

  it('addLayer after a selected layer wires it in and selects the new layer', () => {
    const store = mlpStore();
    const id = store.getState().addLayer('Dropout', { connectFrom: 'hidden' });
    const state = store.getState();
    expectNoOverlap(state.doc);
    expect(state.doc.nodes.find((n) => n.id === id)!.position.x).toBeGreaterThan(state.doc.nodes.find((n) => n.id === 'hidden')!.position.x);
    expect(state.selectedNodeIds).toEqual([id]);
    expect(state.doc.edges.some((e) => e.source === 'hidden' && e.target === id && e.targetPort === 0)).toBe(true);
    state.undo();
    expect(store.getState().doc.nodes.some((n) => n.id === id)).toBe(false);
    expect(store.getState().selectedNodeIds).toEqual([]);
  });

  it('deleting the selection removes layers with their connections in one step', () => {
    const store = mlpStore();
    const before = store.getState().doc;
    store.getState().setSelection({ nodes: ['hidden', 'logits'] });
    store.getState().deleteSelection();
    const after = store.getState().doc;
    expect(after.nodes.map((n) => n.id)).toEqual(['input', 'output']);
    expect(after.edges).toHaveLength(0);
    expect(store.getState().history.undo).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc).toEqual(before);
  });

  it('copy then paste twice makes two independent copies with connections between the copied layers', () => {
    const store = mlpStore();
    store.getState().setSelection({ nodes: ['hidden', 'logits'] });
    store.getState().copySelection();
    store.getState().paste();
    const firstPaste = store.getState().selectedNodeIds;
    store.getState().paste();
    const secondPaste = store.getState().selectedNodeIds;
    const doc = store.getState().doc;
    expect(doc.nodes).toHaveLength(8);
    expect(new Set([...firstPaste, ...secondPaste]).size).toBe(4);
    const internal = doc.edges.filter((e) => secondPaste.includes(e.source) && secondPaste.includes(e.target));
    expect(internal).toHaveLength(1);
    const [a, b] = secondPaste.map((id) => doc.nodes.find((n) => n.id === id)!);
    expect(b.params).toEqual(doc.nodes.find((n) => n.id === 'logits')!.params);
    // Each paste lands after the one before it (the selection), keeping the copied layers' arrangement.
    const [firstA, firstB] = firstPaste.map((id) => doc.nodes.find((n) => n.id === id)!);
    expect(a.position.x).toBeGreaterThan(firstB.position.x);
    expect({ x: b.position.x - a.position.x, y: b.position.y - a.position.y }).toEqual({ x: firstB.position.x - firstA.position.x, y: firstB.position.y - firstA.position.y });
    expectNoOverlap(store.getState().doc);
  });

  it('a pasted copy lands after the selection without overlapping any layer, in one undo step', () => {
    const store = mlpStore();
    store.getState().setSelection({ nodes: ['hidden'] });
    store.getState().copySelection();
    const before = store.getState().doc;
    store.getState().paste();
    const [copy] = store.getState().selectedNodeIds;
    const placed = store.getState().doc.nodes.find((n) => n.id === copy)!;
    const hidden = before.nodes.find((n) => n.id === 'hidden')!;
    expect(placed.position.x).toBeGreaterThan(hidden.position.x + DEFAULT_NODE_SIZE.width);
    expectNoOverlap(store.getState().doc);
    store.getState().undo();
    expect(store.getState().doc).toEqual(before);
  });

  it('with nothing selected, added and pasted layers go in free space in view', () => {
    const store = createEditorStore(createEmptyDocument());
    const view = { x: 0, y: 0, width: 1200, height: 800 };
    const first = store.getState().addLayer('Dense', { view });
    store.getState().copySelection();
    store.getState().clearSelection();
    store.getState().paste(view);
    store.getState().clearSelection();
    store.getState().addLayer('Dense', { view });
    const doc = store.getState().doc;
    expect(doc.nodes).toHaveLength(3);
    expect(doc.nodes.find((n) => n.id === first)!.position).toEqual({ x: 500, y: 352 });
    for (const n of doc.nodes) {
      expect(n.position.x).toBeGreaterThanOrEqual(0);
      expect(n.position.y).toBeGreaterThanOrEqual(0);
      expect(n.position.x + DEFAULT_NODE_SIZE.width).toBeLessThanOrEqual(1200);
      expect(n.position.y + DEFAULT_NODE_SIZE.height).toBeLessThanOrEqual(800);
    }
    expectNoOverlap(doc);
  });

  it('a dropped layer keeps exactly the position it was dropped at, even on top of another', () => {
    const store = mlpStore();
    const hidden = store.getState().doc.nodes.find((n) => n.id === 'hidden')!;
    const id = store.getState().addLayer('Dense', { position: hidden.position });
    expect(store.getState().doc.nodes.find((n) => n.id === id)!.position).toEqual(hidden.position);
  });

  it('selectAll selects every layer and connection; undo drops selected ids that no longer exist', () => {
    const store = mlpStore();
    store.getState().selectAll();
    expect(store.getState().selectedNodeIds).toHaveLength(4);
    expect(store.getState().selectedEdgeIds).toHaveLength(3);
    const id = store.getState().addLayer('Dense');
    store.getState().setSelection({ nodes: [id, 'hidden'] });
    store.getState().undo();
    expect(store.getState().selectedNodeIds).toEqual(['hidden']);
  });

  it('a drag batch is one undo step', () => {
    const store = mlpStore();
    const start = store.getState().doc;
    store.getState().beginBatch();
    for (let x = 0; x < 20; x++) store.getState().edit({ type: 'moveNodes', positions: { hidden: { x, y: x } } });
    store.getState().endBatch();
    expect(store.getState().history.undo).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc).toEqual(start);
  });
});
