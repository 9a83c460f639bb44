/**
 * Builds the node and edge arrays handed to React Flow from the document and its derived data.
 *
 * React Flow compares node and edge objects by identity, and every layer and connection component
 * re-renders when its object changes. So the builders reuse the previous object for every element
 * whose inputs did not change: while a layer is dragged, only that layer's object is new, and the
 * derived data each element shows (shapes, issues, connection count) rides along in `data` instead
 * of every element subscribing to the store and re-running a selector on every frame.
 * The builders are pure memos: the same inputs always give equal outputs.
 */
import type { DocumentEdge, DocumentNode, EdgeAnalysis, GraphAnalysis, NodeAnalysis } from '../../engine/model';
import type { LayerFlowNode, ShapeFlowEdge } from './flowTypes';
import { SOURCE_HANDLE, targetHandleId } from './flowTypes';

/** Sizes React Flow measured, keyed by node id; it needs them back on every node it is given. */
export type MeasuredSizes = Readonly<Record<string, { width: number; height: number }>>;

export interface FlowNodeInputs {
  nodes: readonly DocumentNode[];
  selected: readonly string[];
  measured: MeasuredSizes;
  analysis: GraphAnalysis;
  /** Connections entering each layer, by layer id. */
  inputCounts: ReadonlyMap<string, number>;
  vertical: boolean;
}

export interface FlowEdgeInputs {
  edges: readonly DocumentEdge[];
  selected: readonly string[];
  analysis: GraphAnalysis;
}

function sameNodeInputs(old: LayerFlowNode, node: DocumentNode, selected: boolean, size: MeasuredSizes[string] | undefined, info: NodeAnalysis | undefined, inputs: number, vertical: boolean): boolean {
  const data = old.data;
  return data.node === node && old.selected === selected && old.measured === size && data.info === info && data.inputsConnected === inputs && data.vertical === vertical;
}

/** A builder of React Flow nodes that keeps the object of every node whose inputs did not change. */
export function createFlowNodeBuilder(): (inputs: FlowNodeInputs) => LayerFlowNode[] {
  let cache = new Map<string, LayerFlowNode>();
  return ({ nodes, selected, measured, analysis, inputCounts, vertical }) => {
    const selectedSet = new Set(selected);
    const next = new Map<string, LayerFlowNode>();
    const list = nodes.map((node) => {
      const isSelected = selectedSet.has(node.id);
      const size = measured[node.id];
      const info = analysis.nodes[node.id];
      const inputs = inputCounts.get(node.id) ?? 0;
      const old = cache.get(node.id);
      const flowNode: LayerFlowNode =
        old && sameNodeInputs(old, node, isSelected, size, info, inputs, vertical)
          ? old
          : {
              id: node.id,
              type: 'layer',
              position: node.position,
              data: { node, info, inputsConnected: inputs, vertical },
              selected: isSelected,
              measured: size,
              domAttributes: { 'data-testid': `node-${node.id}` } as LayerFlowNode['domAttributes'],
            };
      next.set(node.id, flowNode);
      return flowNode;
    });
    cache = next;
    return list;
  };
}

/** A builder of React Flow edges that keeps the object of every edge whose inputs did not change. */
export function createFlowEdgeBuilder(): (inputs: FlowEdgeInputs) => ShapeFlowEdge[] {
  let cache = new Map<string, ShapeFlowEdge>();
  return ({ edges, selected, analysis }) => {
    const selectedSet = new Set(selected);
    const next = new Map<string, ShapeFlowEdge>();
    const list = edges.map((edge) => {
      const isSelected = selectedSet.has(edge.id);
      const info: EdgeAnalysis | undefined = analysis.edges[edge.id];
      const old = cache.get(edge.id);
      const flowEdge: ShapeFlowEdge =
        old && old.data?.edge === edge && old.data.info === info && old.selected === isSelected
          ? old
          : {
              id: edge.id,
              type: 'shape',
              source: edge.source,
              target: edge.target,
              sourceHandle: SOURCE_HANDLE,
              targetHandle: targetHandleId(edge.targetPort),
              data: { edge, info },
              selected: isSelected,
            };
      next.set(edge.id, flowEdge);
      return flowEdge;
    });
    cache = next;
    return list;
  };
}
