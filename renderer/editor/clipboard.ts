/**
 * Copy, paste and duplicate as pure functions: a copy is plain JSON (layers plus the connections
 * between them); a paste turns it into typed edits with fresh ids, moved to where the store placed it
 * (see placement.ts) so it hides neither the original nor any other layer.
 */
import type { DocumentEdge, DocumentNode, ModelDocument } from '../../engine/model/document';
import { newNodeId } from '../../engine/model/ids';
import type { Edit, XYPosition } from './edits';
import { newEdgeId } from './edits';

export interface ClipboardPayload {
  format: 'netwright-clipboard';
  nodes: DocumentNode[];
  /** Only connections whose two ends were both copied. */
  edges: DocumentEdge[];
}

/** The selected layers and the connections among them; null when nothing is selected. */
export function copyNodes(doc: ModelDocument, nodeIds: readonly string[]): ClipboardPayload | null {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { format: 'netwright-clipboard', nodes, edges };
}

/** Checks that unknown JSON (e.g. from the system clipboard) is a payload this app wrote. */
export function isClipboardPayload(value: unknown): value is ClipboardPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ClipboardPayload>;
  return v.format === 'netwright-clipboard' && Array.isArray(v.nodes) && Array.isArray(v.edges);
}

/**
 * Edits that insert a copy of the payload: every layer gets a new id (so pasting twice never collides),
 * names are kept, positions move by `offset`. Returns the new node ids so the paste can be selected.
 */
export function pasteEdits(doc: ModelDocument, payload: ClipboardPayload, offset: XYPosition): { edits: Edit[]; nodeIds: string[] } {
  const idMap = new Map<string, string>();
  const taken = new Set<string>();
  const edits: Edit[] = [];
  for (const node of payload.nodes) {
    const id = newNodeId(doc, node.type, taken);
    taken.add(id);
    idMap.set(node.id, id);
    edits.push({
      type: 'addNode',
      node: { ...node, id, params: structuredClone(node.params), position: { x: node.position.x + offset.x, y: node.position.y + offset.y } },
    });
  }
  // Edge ids must be unique against the document and against each other.
  let working: ModelDocument = { ...doc, edges: [...doc.edges] };
  for (const edge of payload.edges) {
    const source = idMap.get(edge.source);
    const target = idMap.get(edge.target);
    if (!source || !target) continue;
    const copy: DocumentEdge = { id: newEdgeId(working, source, target, edge.targetPort), source, target, targetPort: edge.targetPort };
    working = { ...working, edges: [...working.edges, copy] };
    edits.push({ type: 'connect', edge: copy });
  }
  return { edits, nodeIds: [...idMap.values()] };
}
