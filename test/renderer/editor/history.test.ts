import { describe, expect, it } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import type { ModelDocument } from '../../../engine/model';
import { applyEdit } from '../../../renderer/editor/edits';
import { beginBatch, createHistory, currentStepId, endBatch, HISTORY_LIMIT, recordEdit, redo, undo } from '../../../renderer/editor/history';

const add = (doc: ModelDocument, id: string) => applyEdit(doc, { type: 'addNode', node: { id, type: 'Dense', params: {}, position: { x: 0, y: 0 } } });

describe('history', () => {
  it('undo and redo walk the recorded steps', () => {
    const d0 = createEmptyDocument();
    const d1 = add(d0, 'a');
    const d2 = add(d1, 'b');
    let h = recordEdit(recordEdit(createHistory(), d0, d1), d1, d2);
    const u1 = undo(h, d2)!;
    expect(u1.doc).toEqual(d1);
    const u2 = undo(u1.history, u1.doc)!;
    expect(u2.doc).toEqual(d0);
    expect(undo(u2.history, u2.doc)).toBeNull();
    const r1 = redo(u2.history, u2.doc)!;
    expect(r1.doc).toEqual(d1);
    h = recordEdit(r1.history, r1.doc, add(r1.doc, 'c'));
    expect(h.redo).toEqual([]);
  });

  it('a batch of many edits (a drag) is one step', () => {
    const d0 = add(createEmptyDocument(), 'a');
    let h = beginBatch(createHistory(), d0);
    let doc = d0;
    for (let x = 1; x <= 30; x++) {
      const next = applyEdit(doc, { type: 'moveNodes', positions: { a: { x, y: x } } });
      h = recordEdit(h, doc, next);
      doc = next;
    }
    h = endBatch(h, doc);
    expect(h.undo).toHaveLength(1);
    expect(h.undo[0].diff.nodes.updated).toHaveLength(1);
    expect(undo(h, doc)!.doc).toEqual(d0);
  });

  it('a batch that changes nothing leaves no step', () => {
    const d0 = createEmptyDocument();
    expect(endBatch(beginBatch(createHistory(), d0), d0).undo).toHaveLength(0);
  });

  it('undo during an open batch first closes it', () => {
    const d0 = createEmptyDocument();
    const d1 = add(d0, 'a');
    const h = recordEdit(beginBatch(createHistory(), d0), d0, d1);
    const result = undo(h, d1)!;
    expect(result.doc).toEqual(d0);
    expect(result.history.batch).toBeNull();
  });

  it('keeps at most HISTORY_LIMIT steps and still knows which step is current', () => {
    let doc = createEmptyDocument();
    let h = createHistory();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      const next = add(doc, `n${i}`);
      h = recordEdit(h, doc, next);
      doc = next;
    }
    expect(h.undo).toHaveLength(HISTORY_LIMIT);
    while (h.undo.length > 0) ({ history: h, doc } = undo(h, doc)!);
    expect(currentStepId(h)).toBe(5);
    expect(doc.nodes).toHaveLength(5);
  });
});
