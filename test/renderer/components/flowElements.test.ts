import { describe, expect, it } from 'vitest';
import { createEmptyDocument, defaultParams } from '../../../engine/model';
import type { LayerType, ModelDocument } from '../../../engine/model';
import { applyEdit } from '../../../renderer/editor/edits';
import { createFlowEdgeBuilder, createFlowNodeBuilder } from '../../../renderer/components/flowElements';
import type { MeasuredSizes } from '../../../renderer/components/flowElements';
import { analysisOf, inputCountsOf } from '../../../renderer/store/selectors';

const NO_SIZES: MeasuredSizes = {};

/** Input, then `blocks` residual blocks (Dense, Activation, Add of the block's input), then Output. */
function residualChain(blocks: number): ModelDocument {
  const doc = createEmptyDocument('chain');
  const add = (id: string, type: LayerType, params: Record<string, unknown> = {}) =>
    doc.nodes.push({ id, type, params: { ...defaultParams(type), ...params } as ModelDocument['nodes'][number]['params'], position: { x: doc.nodes.length * 260, y: 0 } });
  const link = (source: string, target: string, port = 0) => doc.edges.push({ id: `e${doc.edges.length}`, source, target, targetPort: port });
  add('in', 'Input', { shape: [16] });
  let prev = 'in';
  for (let b = 0; b < blocks; b++) {
    add(`dense${b}`, 'Dense', { units: 16 });
    add(`act${b}`, 'Activation', { activation: 'relu' });
    add(`add${b}`, 'Add');
    link(prev, `dense${b}`);
    link(`dense${b}`, `act${b}`);
    link(`act${b}`, `add${b}`);
    link(prev, `add${b}`, 1);
    prev = `add${b}`;
  }
  add('out', 'Output', { loss: 'meanSquaredError' });
  link(prev, 'out');
  return doc;
}

function nodeInputs(doc: ModelDocument, selected: readonly string[] = [], vertical = false) {
  return { nodes: doc.nodes, selected, measured: NO_SIZES, analysis: analysisOf(doc), inputCounts: inputCountsOf(doc.edges), vertical };
}

// React Flow re-renders exactly the elements whose objects are new, so these identities are what keep
// a drag on a large canvas from re-rendering every layer and connection.
describe('canvas elements built from the document', () => {
  const doc = residualChain(10);

  it('moving one layer gives a new object for that layer only, and keeps every connection object', () => {
    const buildNodes = createFlowNodeBuilder();
    const buildEdges = createFlowEdgeBuilder();
    const before = buildNodes(nodeInputs(doc));
    const edgesBefore = buildEdges({ edges: doc.edges, selected: [], analysis: analysisOf(doc) });
    const moved = doc.nodes[10].id;
    const next = applyEdit(doc, { type: 'moveNodes', positions: { [moved]: { x: 5000, y: 7 } } });

    const after = buildNodes(nodeInputs(next));
    const edgesAfter = buildEdges({ edges: next.edges, selected: [], analysis: analysisOf(next) });

    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed).toEqual([moved]);
    expect(after.find((n) => n.id === moved)!.position).toEqual({ x: 5000, y: 7 });
    expect(edgesAfter.every((e, i) => e === edgesBefore[i])).toBe(true);
  });

  it('selecting a layer or a connection renews just that element', () => {
    const buildNodes = createFlowNodeBuilder();
    const buildEdges = createFlowEdgeBuilder();
    const before = buildNodes(nodeInputs(doc));
    const edgesBefore = buildEdges({ edges: doc.edges, selected: [], analysis: analysisOf(doc) });
    const after = buildNodes(nodeInputs(doc, [doc.nodes[3].id]));
    const edgesAfter = buildEdges({ edges: doc.edges, selected: [doc.edges[2].id], analysis: analysisOf(doc) });
    expect(after.filter((n, i) => n !== before[i]).map((n) => [n.id, n.selected])).toEqual([[doc.nodes[3].id, true]]);
    expect(edgesAfter.filter((e, i) => e !== edgesBefore[i]).map((e) => [e.id, e.selected])).toEqual([[doc.edges[2].id, true]]);
  });

  it('each layer carries its shapes, problems and connection count; each connection its shape', () => {
    const nodes = createFlowNodeBuilder()(nodeInputs(doc));
    const analysis = analysisOf(doc);
    const counts = new Map<string, number>();
    for (const e of doc.edges) counts.set(e.target, (counts.get(e.target) ?? 0) + 1);
    for (const n of nodes) {
      expect(n.data.info).toBe(analysis.nodes[n.id]);
      expect(n.data.inputsConnected).toBe(counts.get(n.id) ?? 0);
    }
    expect(Math.max(...nodes.map((n) => n.data.inputsConnected))).toBeGreaterThan(1);
    const edges = createFlowEdgeBuilder()({ edges: doc.edges, selected: [], analysis });
    for (const e of edges) expect(e.data!.info).toBe(analysis.edges[e.id]);
  });

  it('an edit that changes shapes reaches the layers and connections it affects', () => {
    const buildNodes = createFlowNodeBuilder();
    const buildEdges = createFlowEdgeBuilder();
    const dense = doc.nodes.find((n) => n.id === 'dense9')!;
    buildNodes(nodeInputs(doc));
    buildEdges({ edges: doc.edges, selected: [], analysis: analysisOf(doc) });
    const next = applyEdit(doc, { type: 'setParam', id: dense.id, name: 'units', value: 3 });
    const nodes = buildNodes(nodeInputs(next));
    const edges = buildEdges({ edges: next.edges, selected: [], analysis: analysisOf(next) });
    expect(nodes.find((n) => n.id === dense.id)!.data.info!.outputShape).toEqual([3]);
    const outgoing = next.edges.find((e) => e.source === dense.id)!;
    expect(edges.find((e) => e.id === outgoing.id)!.data!.info!.shape).toEqual([3]);
  });

  it('switching the layout direction reaches every layer', () => {
    const buildNodes = createFlowNodeBuilder();
    buildNodes(nodeInputs(doc));
    expect(buildNodes(nodeInputs(doc, [], true)).every((n) => n.data.vertical)).toBe(true);
  });
});
