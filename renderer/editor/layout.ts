/** Layered auto-layout with ELK: positions for every layer, flowing left-to-right or top-down. */
import type { ELK, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { ModelDocument } from '../../engine/model';
import type { LayoutDirection } from '../../engine/model/document';
import type { XYPosition } from './edits';

export type { LayoutDirection };


/** Size used for layers the canvas has not measured yet (close to a typical node). */
export const DEFAULT_NODE_SIZE = { width: 200, height: 96 };

let elk: Promise<ELK> | null = null;

/** ELK is large (~1.5 MB), so it loads on the first layout rather than with the app. */
function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ElkConstructor }) => new ElkConstructor());
  return elk;
}

/** Top-left positions for every node; input order breaks ties so the result is stable. */
export async function computeLayout(
  doc: ModelDocument,
  sizes: Record<string, { width: number; height: number }>,
  direction: LayoutDirection,
): Promise<Record<string, XYPosition>> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      // Room between layers for the shape labels on the connections.
      'elk.layered.spacing.nodeNodeBetweenLayers': direction === 'RIGHT' ? '90' : '60',
      'elk.spacing.nodeNode': '40',
      // Skip connections get their own lane instead of running behind the layers they bypass.
      'elk.spacing.edgeNode': '30',
      'elk.layered.spacing.edgeNodeBetweenLayers': '30',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...(sizes[n.id] ?? DEFAULT_NODE_SIZE) })),
    edges: [...doc.edges]
      .sort((a, b) => a.targetPort - b.targetPort)
      .filter((e) => e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const laid = await (await loadElk()).layout(graph);
  const positions: Record<string, XYPosition> = {};
  for (const child of laid.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}
