/** The React Flow node and edge types the canvas renders, built from the document. */
import type { Edge, Node } from '@xyflow/react';
import type { DocumentEdge, DocumentNode } from '../../engine/model';

export type LayerFlowNode = Node<{ node: DocumentNode }, 'layer'>;
export type ShapeFlowEdge = Edge<{ edge: DocumentEdge }, 'shape'>;

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
