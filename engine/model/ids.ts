import type { ModelDocument } from './document';
import type { LayerType } from './layerTypes';

/** A fresh node id like "dense_3": the type in snake case plus the lowest unused number. */
export function newNodeId(doc: Pick<ModelDocument, 'nodes'>, type: LayerType, taken: ReadonlySet<string> = new Set()): string {
  const base = type
    .replace(/2D$/, '2d')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
  const used = new Set(doc.nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!used.has(id) && !taken.has(id)) return id;
  }
}

/** A fresh edge id for a connection. */
export function edgeIdFor(source: string, target: string, port: number): string {
  return `e_${source}_${target}_${port}`;
}
