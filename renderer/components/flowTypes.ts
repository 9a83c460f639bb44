/** The React Flow node and edge types the canvas renders, built from the document. */
import type { Edge, Node } from '@xyflow/react';
import type { DocumentEdge, DocumentNode, EdgeAnalysis, NodeAnalysis } from '../../engine/model';

/** What a layer shows, derived once per change of the document rather than by each layer per frame. */
export type LayerNodeData = {
  node: DocumentNode;
  /** Shapes, counts and problems; undefined only while the analysis has not seen the layer. */
  info: NodeAnalysis | undefined;
  /** Connections entering the layer: a merge layer shows one free input beyond them. */
  inputsConnected: number;
  /** Top-down layout: inputs on top, output at the bottom. */
  vertical: boolean;
};

/** What a connection shows: the tensor shape it carries and its problems. */
export type ShapeEdgeData = { edge: DocumentEdge; info: EdgeAnalysis | undefined };

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

/** Handle ids: one source handle, and one target handle per input port. */
export const SOURCE_HANDLE = 'out';
export const targetHandleId = (port: number): string => `in-${port}`;

/** The input port a target handle id stands for; null for anything else. */
export function portOfHandle(handle: string | null | undefined): number | null {
  const match = /^in-(\d+)$/.exec(handle ?? '');
  return match ? Number(match[1]) : null;
}

/** MIME type of a palette drag. */
export const LAYER_DRAG_TYPE = 'application/x-netwright-layer';
