import type { GraphAnalysis } from './analyze';
import { formatShape } from './catalog';
import type { ModelDocument } from './document';

export interface SummaryRow {
  nodeId: string;
  name: string;
  type: string;
  outputShape: string;
  params: number;
  flops: number;
}

export interface ModelSummary {
  rows: SummaryRow[];
  totalParams: number;
  totalFlops: number;
}

/** Layer table in topological order (cyclic nodes last), with totals. */
export function modelSummary(doc: ModelDocument, analysis: GraphAnalysis): ModelSummary {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const ordered = [...analysis.order, ...doc.nodes.map((n) => n.id).filter((id) => !analysis.order.includes(id))];
  const rows = ordered
    .filter((id) => byId.has(id) && analysis.nodes[id])
    .map((id) => {
      const node = byId.get(id)!;
      const info = analysis.nodes[id];
      return { nodeId: id, name: node.name ?? id, type: node.type, outputShape: formatShape(info.outputShape), params: info.paramCount, flops: info.flops };
    });
  return { rows, totalParams: analysis.totalParams, totalFlops: analysis.totalFlops };
}

/** 1234567 -> "1.23M"; for FLOPs and parameter totals on narrow UI. */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}
