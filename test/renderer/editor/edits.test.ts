import { describe, expect, it } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import type { DocumentNode, ModelDocument } from '../../../engine/model';
import { applyDiff, diffDocuments, invertDiff, isEmptyDiff } from '../../../renderer/editor/diff';
import { applyEdit, applyEdits, newEdgeId } from '../../../renderer/editor/edits';

const node = (id: string, type: DocumentNode['type'] = 'Dense', x = 0): DocumentNode => ({ id, type, params: {}, position: { x, y: 0 } });

function chain(): ModelDocument {
  return applyEdits(createEmptyDocument(), [
    { type: 'addNode', node: node('in', 'Input') },
    { type: 'addNode', node: node('a') },
    { type: 'addNode', node: node('b') },
    { type: 'addNode', node: node('sum', 'Add') },
    { type: 'connect', edge: { id: 'e1', source: 'in', target: 'a', targetPort: 0 } },
    { type: 'connect', edge: { id: 'e2', source: 'in', target: 'b', targetPort: 0 } },
    { type: 'connect', edge: { id: 'e3', source: 'a', target: 'sum', targetPort: 0 } },
    { type: 'connect', edge: { id: 'e4', source: 'b', target: 'sum', targetPort: 1 } },
  ]);
}

describe('applyEdit', () => {
  it('removing a layer removes its connections and closes the gap in a merge layer’s inputs', () => {
    const doc = applyEdit(chain(), { type: 'removeNode', id: 'a' });
    expect(doc.nodes.map((n) => n.id)).toEqual(['in', 'b', 'sum']);
    expect(doc.edges.map((e) => [e.id, e.targetPort])).toEqual([
      ['e2', 0],
      ['e4', 0],
    ]);
  });

  it('connecting into an occupied port replaces the old connection', () => {
    const doc = applyEdit(chain(), { type: 'connect', edge: { id: 'e5', source: 'in', target: 'sum', targetPort: 1 } });
    expect(doc.edges.find((e) => e.id === 'e4')).toBeUndefined();
    expect(doc.edges.filter((e) => e.target === 'sum').map((e) => e.source)).toEqual(['a', 'in']);
  });

  it('refuses self loops and connections to missing layers', () => {
    const start = chain();
    expect(applyEdit(start, { type: 'connect', edge: { id: 'x', source: 'a', target: 'a', targetPort: 0 } })).toBe(start);
    expect(applyEdit(start, { type: 'connect', edge: { id: 'x', source: 'zz', target: 'a', targetPort: 0 } })).toBe(start);
  });

  it('returns the same document for edits that change nothing, so history records nothing', () => {
    const start = applyEdit(chain(), { type: 'setParam', id: 'a', name: 'units', value: 64 });
    expect(applyEdit(start, { type: 'setParam', id: 'a', name: 'units', value: 64 })).toBe(start);
    expect(applyEdit(start, { type: 'moveNodes', positions: { a: { x: 0, y: 0 } } })).toBe(start);
    expect(applyEdit(start, { type: 'renameNode', id: 'a', name: '  ' })).toBe(start);
  });

  it('renaming to blank clears the name', () => {
    const named = applyEdit(chain(), { type: 'renameNode', id: 'a', name: 'hidden' });
    expect(named.nodes[1].name).toBe('hidden');
    expect('name' in applyEdit(named, { type: 'renameNode', id: 'a', name: '' }).nodes[1]).toBe(false);
  });

  it('edge ids stay unique when the same pair is connected twice', () => {
    const doc = chain();
    const id = newEdgeId(doc, 'in', 'a', 0);
    const again = applyEdit(doc, { type: 'connect', edge: { id, source: 'in', target: 'a', targetPort: 0 } });
    expect(new Set(again.edges.map((e) => e.id)).size).toBe(again.edges.length);
  });
});

describe('document diffs', () => {
  it('undoing a removal in the middle restores the exact order', () => {
    const before = chain();
    const after = applyEdits(before, [
      { type: 'removeNode', id: 'a' },
      { type: 'addNode', node: node('c') },
      { type: 'setParam', id: 'b', name: 'units', value: 3 },
    ]);
    const diff = diffDocuments(before, after);
    expect(diff.nodes.removed.map((r) => r.record.id)).toEqual(['a']);
    expect(diff.nodes.added.map((r) => r.record.id)).toEqual(['c']);
    expect(applyDiff(after, invertDiff(diff))).toEqual(before);
    expect(applyDiff(before, diff)).toEqual(after);
  });

  it('a diff holds only the records that changed', () => {
    const before = chain();
    const after = applyEdit(before, { type: 'moveNodes', positions: { b: { x: 5, y: 5 } } });
    const diff = diffDocuments(before, after);
    expect(diff.nodes.updated.map((u) => u.after.id)).toEqual(['b']);
    expect(diff.edges.added.length + diff.edges.removed.length + diff.edges.updated.length).toBe(0);
    expect(isEmptyDiff(diffDocuments(before, before))).toBe(true);
  });
});
