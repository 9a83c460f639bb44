/**
 * Every user edit is one of these typed changes, applied by a pure function. The store records the
 * resulting document diff in history; nothing else mutates the document.
 */
import type { DocumentEdge, DocumentNode, LayoutDirection, ModelDocument, TrainingConfig } from '../../engine/model/document';
import type { ParamValue } from '../../engine/model/program';
import { layoutDirectionOf } from '../../engine/model/document';
import { edgeIdFor } from '../../engine/model/ids';

export interface XYPosition {
  x: number;
  y: number;
}

export type Edit =
  | { type: 'addNode'; node: DocumentNode }
  /** Removes the node and every connection touching it. */
  | { type: 'removeNode'; id: string }
  | { type: 'moveNodes'; positions: Record<string, XYPosition> }
  | { type: 'setParam'; id: string; name: string; value: ParamValue }
  /** false freezes the layer's weights during training; true (the default) removes the flag. */
  | { type: 'setTrainable'; id: string; trainable: boolean }
  /** An empty name clears it, so the node shows its id again. */
  | { type: 'renameNode'; id: string; name: string }
  /** Adds a connection; an existing connection into the same target port is replaced. */
  | { type: 'connect'; edge: DocumentEdge }
  | { type: 'removeEdge'; id: string }
  | { type: 'setTraining'; training: TrainingConfig }
  | { type: 'setDocumentName'; name: string }
  | { type: 'setLayoutDirection'; direction: LayoutDirection };

/**
 * Keeps the ports of a target dense (0, 1, 2, ...) in their current order after a removal, so a merge
 * layer's inputs never have gaps. Edges whose port does not change keep their identity.
 */
function compactPorts(edges: DocumentEdge[], targetIds: Set<string>): DocumentEdge[] {
  if (targetIds.size === 0) return edges;
  const newPort = new Map<string, number>();
  for (const target of targetIds) {
    edges
      .filter((e) => e.target === target)
      .sort((a, b) => a.targetPort - b.targetPort)
      .forEach((e, port) => newPort.set(e.id, port));
  }
  return edges.map((e) => {
    const port = newPort.get(e.id);
    return port === undefined || port === e.targetPort ? e : { ...e, targetPort: port };
  });
}

function updateNode(doc: ModelDocument, id: string, update: (node: DocumentNode) => DocumentNode): ModelDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (n.id !== id) return n;
    const next = update(n);
    changed ||= next !== n;
    return next;
  });
  return changed ? { ...doc, nodes } : doc;
}

function sameValue(a: ParamValue | undefined, b: ParamValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((d, i) => d === b[i]);
  return a === b;
}

/** Applies one edit. Pure; returns the same document object when the edit changes nothing. */
export function applyEdit(doc: ModelDocument, edit: Edit): ModelDocument {
  switch (edit.type) {
    case 'addNode':
      if (doc.nodes.some((n) => n.id === edit.node.id)) return doc;
      return { ...doc, nodes: [...doc.nodes, edit.node] };
    case 'removeNode': {
      if (!doc.nodes.some((n) => n.id === edit.id)) return doc;
      const touching = doc.edges.filter((e) => e.source === edit.id || e.target === edit.id);
      const targets = new Set(touching.map((e) => e.target).filter((t) => t !== edit.id));
      const kept = doc.edges.filter((e) => !touching.includes(e));
      return { ...doc, nodes: doc.nodes.filter((n) => n.id !== edit.id), edges: compactPorts(kept, targets) };
    }
    case 'moveNodes': {
      let changed = false;
      const nodes = doc.nodes.map((n) => {
        const p = edit.positions[n.id];
        if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
        changed = true;
        return { ...n, position: { x: p.x, y: p.y } };
      });
      return changed ? { ...doc, nodes } : doc;
    }
    case 'setParam':
      return updateNode(doc, edit.id, (n) =>
        sameValue(n.params[edit.name], edit.value) ? n : { ...n, params: { ...n.params, [edit.name]: edit.value as DocumentNode['params'][string] } },
      );
    case 'setTrainable':
      return updateNode(doc, edit.id, (n) => {
        if ((n.trainable !== false) === edit.trainable) return n;
        const { trainable: _old, ...rest } = n;
        return edit.trainable ? rest : { ...rest, trainable: false };
      });
    case 'renameNode': {
      const name = edit.name.trim();
      return updateNode(doc, edit.id, (n) => {
        if ((n.name ?? '') === name) return n;
        const { name: _old, ...rest } = n;
        return name ? { ...rest, name } : rest;
      });
    }
    case 'connect': {
      const { edge } = edit;
      const ids = new Set(doc.nodes.map((n) => n.id));
      if (!ids.has(edge.source) || !ids.has(edge.target) || edge.source === edge.target) return doc;
      if (doc.edges.some((e) => e.id === edge.id)) return doc;
      const occupant = doc.edges.find((e) => e.target === edge.target && e.targetPort === edge.targetPort);
      if (occupant && occupant.source === edge.source) return doc;
      const kept = occupant ? doc.edges.filter((e) => e !== occupant) : doc.edges;
      return { ...doc, edges: [...kept, edge] };
    }
    case 'removeEdge': {
      const edge = doc.edges.find((e) => e.id === edit.id);
      if (!edge) return doc;
      return { ...doc, edges: compactPorts(doc.edges.filter((e) => e !== edge), new Set([edge.target])) };
    }
    case 'setTraining':
      return doc.training === edit.training ? doc : { ...doc, training: edit.training };
    case 'setDocumentName':
      return doc.name === edit.name ? doc : { ...doc, name: edit.name };
    case 'setLayoutDirection':
      return layoutDirectionOf(doc) === edit.direction ? doc : { ...doc, layoutDirection: edit.direction };
    default: {
      const unreachable: never = edit;
      return unreachable;
    }
  }
}

/** Applies edits in order. */
export function applyEdits(doc: ModelDocument, edits: readonly Edit[]): ModelDocument {
  return edits.reduce(applyEdit, doc);
}

/** A connection id not yet used in the document (the engine's naming, with a suffix on collision). */
export function newEdgeId(doc: ModelDocument, source: string, target: string, port: number): string {
  const used = new Set(doc.edges.map((e) => e.id));
  const base = edgeIdFor(source, target, port);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}
