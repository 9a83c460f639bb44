import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../engine/model';
import { loadTemplate } from '../../../renderer/app/templates';
import { copyNodes, isClipboardPayload, pasteEdits } from '../../../renderer/editor/clipboard';
import { applyEdits } from '../../../renderer/editor/edits';

const template = loadTemplate('resnet-small');

describe('clipboard', () => {
  it('copies only connections whose two ends are copied', () => {
    if (!template.ok) throw new Error(template.error);
    const doc = template.doc;
    const ids = doc.nodes.slice(1, 4).map((n) => n.id);
    const payload = copyNodes(doc, ids)!;
    expect(payload.nodes.map((n) => n.id)).toEqual(ids);
    for (const e of payload.edges) expect(ids.includes(e.source) && ids.includes(e.target)).toBe(true);
    expect(copyNodes(doc, [])).toBeNull();
    expect(isClipboardPayload(JSON.parse(JSON.stringify(payload)))).toBe(true);
    expect(isClipboardPayload({ nodes: [] })).toBe(false);
  });

  it('pasting the whole model yields a second, equally valid model with fresh ids', () => {
    if (!template.ok) throw new Error(template.error);
    const doc = template.doc;
    const payload = copyNodes(doc, doc.nodes.map((n) => n.id))!;
    const { edits, nodeIds } = pasteEdits(doc, payload, { x: 40, y: 40 });
    const pasted = applyEdits(doc, edits);
    expect(pasted.nodes).toHaveLength(doc.nodes.length * 2);
    expect(pasted.edges).toHaveLength(doc.edges.length * 2);
    expect(new Set(pasted.nodes.map((n) => n.id)).size).toBe(pasted.nodes.length);
    expect(new Set(pasted.edges.map((e) => e.id)).size).toBe(pasted.edges.length);
    expect(nodeIds.every((id) => !doc.nodes.some((n) => n.id === id))).toBe(true);
    // The copy infers the same shapes as the original, merge ports included.
    const analysis = analyzeGraph(pasted);
    const originalAnalysis = analyzeGraph(doc);
    doc.nodes.forEach((n, i) => expect(analysis.nodes[nodeIds[i]].outputShape).toEqual(originalAnalysis.nodes[n.id].outputShape));
  });
});
