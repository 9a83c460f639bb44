/**
 * Random editing sessions against the real store: whatever a person does, undoing every step returns
 * the document they started from and redoing every step returns the one they ended with.
 */
import { describe, expect, it } from 'vitest';
import { LAYER_TYPES } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import { loadTemplate } from '../../renderer/app/templates';
import { newEdgeId } from '../../renderer/editor/edits';
import { createEditorStore } from '../../renderer/store/editorStore';
import type { EditorStore } from '../../renderer/store/editorStore';

/** mulberry32: a small seeded generator so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomAction(store: EditorStore, random: () => number): void {
  const pick = <T>(list: readonly T[]): T | undefined => (list.length === 0 ? undefined : list[Math.floor(random() * list.length)]);
  const s = store.getState();
  const ids = s.doc.nodes.map((n) => n.id);
  switch (Math.floor(random() * 13)) {
    case 0:
      s.addLayer(pick(LAYER_TYPES)!, { position: { x: random() * 500, y: random() * 500 } });
      return;
    case 1: {
      const source = pick(ids);
      const target = pick(ids);
      if (source && target) s.edit({ type: 'connect', edge: { id: newEdgeId(s.doc, source, target, 0), source, target, targetPort: Math.floor(random() * 3) } });
      return;
    }
    case 2: {
      const id = pick(ids);
      if (id) s.edit({ type: 'removeNode', id });
      return;
    }
    case 3: {
      const edge = pick(s.doc.edges);
      if (edge) s.edit({ type: 'removeEdge', id: edge.id });
      return;
    }
    case 4: {
      const id = pick(ids);
      if (id) s.edit({ type: 'setParam', id, name: pick(['units', 'rate', 'filters'])!, value: Math.floor(random() * 100) });
      return;
    }
    case 5: {
      const id = pick(ids);
      if (id) s.edit({ type: 'renameNode', id, name: random() < 0.3 ? '' : `layer ${Math.floor(random() * 10)}` });
      return;
    }
    case 6: {
      // A drag: many moves of a few nodes inside one batch.
      const moving = ids.filter(() => random() < 0.4);
      s.beginBatch();
      for (let step = 0; step < 5; step++) {
        store.getState().edit({ type: 'moveNodes', positions: Object.fromEntries(moving.map((id) => [id, { x: step * 7, y: random() * 100 }])) });
      }
      store.getState().endBatch();
      return;
    }
    case 7:
      s.edit({ type: 'setTraining', training: { ...s.doc.training, epochs: 1 + Math.floor(random() * 20), batchSize: 1 + Math.floor(random() * 256) } });
      return;
    case 8:
      s.setSelection({ nodes: ids.filter(() => random() < 0.3) });
      store.getState().duplicateSelection();
      return;
    case 9:
      s.setSelection({ nodes: ids.filter(() => random() < 0.3), edges: s.doc.edges.filter(() => random() < 0.3).map((e) => e.id) });
      store.getState().deleteSelection();
      return;
    case 10:
      s.setSelection({ nodes: ids.filter(() => random() < 0.5) });
      store.getState().copySelection();
      store.getState().paste();
      return;
    case 11:
      s.undo();
      return;
    case 12:
      s.redo();
      return;
  }
}

/** Undoes every step; returns how many there were. */
function undoAll(store: EditorStore): number {
  let steps = 0;
  for (; store.getState().history.undo.length > 0; steps++) store.getState().undo();
  return steps;
}

function redoSteps(store: EditorStore, steps: number): void {
  for (let i = 0; i < steps; i++) store.getState().redo();
}

const template = loadTemplate('resnet-small');

describe('undo/redo fuzz', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i: undo all returns the start, redo all returns the end', (seed) => {
    if (!template.ok) throw new Error(template.error);
    const start: ModelDocument = template.doc;
    const store = createEditorStore(start);
    const random = rng(seed);
    for (let i = 0; i < 60; i++) randomAction(store, random);
    const end = store.getState().doc;
    const steps = undoAll(store);
    expect(steps).toBeGreaterThan(0);
    expect(store.getState().doc).toEqual(start);
    expect(store.getState().isDirty()).toBe(false);
    redoSteps(store, steps);
    expect(store.getState().doc).toEqual(end);
  });
});
