/**
 * Derived data, memoised on the document object: every component asking for the analysis of the same
 * document gets the same result object, and a new document is analysed once. What does not depend on
 * positions (analysis, summary, input counts) is also kept across documents that differ only in where
 * layers sit, so dragging a layer recomputes none of it.
 */
import { layoutDirectionOf } from '../../engine/model/document';
import type { LayoutDirection } from '../../engine/model/document';
import { analyzeGraph, modelSummary } from '../../engine/model';
import type { DocumentEdge, GraphAnalysis, ModelDocument, ModelSummary } from '../../engine/model';
import type { EditorState } from './types';

const analyses = new WeakMap<ModelDocument, GraphAnalysis>();
// Keyed by analysis: it is reused exactly when the structure, layer names and types are unchanged,
// which is everything a summary reads.
const summaries = new WeakMap<GraphAnalysis, ModelSummary>();
const inputCounts = new WeakMap<readonly DocumentEdge[], ReadonlyMap<string, number>>();
let lastAnalysed: { doc: ModelDocument; analysis: GraphAnalysis } | null = null;

/** True when two documents differ at most in layer positions, which analysis never reads. */
function sameStructure(a: ModelDocument, b: ModelDocument): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i];
    return n === m || (n.id === m.id && n.type === m.type && n.params === m.params && n.name === m.name);
  });
}

/**
 * Shapes, parameter counts and issues of a document. A drag produces a new document per frame but
 * the same structure, so the previous analysis object is reused and nodes do not re-render.
 */
export function analysisOf(doc: ModelDocument): GraphAnalysis {
  let analysis = analyses.get(doc);
  if (!analysis) {
    analysis = lastAnalysed && sameStructure(lastAnalysed.doc, doc) ? lastAnalysed.analysis : analyzeGraph(doc);
    analyses.set(doc, analysis);
  }
  lastAnalysed = { doc, analysis };
  return analysis;
}

export const selectAnalysis = (state: Pick<EditorState, 'doc'>): GraphAnalysis => analysisOf(state.doc);

/** The layer table with totals; the same object for as long as the structure and names stay the same. */
export function selectSummary(state: Pick<EditorState, 'doc'>): ModelSummary {
  const analysis = analysisOf(state.doc);
  let summary = summaries.get(analysis);
  if (!summary) {
    summary = modelSummary(state.doc, analysis);
    summaries.set(analysis, summary);
  }
  return summary;
}

/**
 * How many connections enter each layer. Edits that leave the connections alone keep the edge array,
 * so this is counted once per structural change instead of once per layer per store update.
 */
export function inputCountsOf(edges: readonly DocumentEdge[]): ReadonlyMap<string, number> {
  let counts = inputCounts.get(edges);
  if (!counts) {
    const next = new Map<string, number>();
    for (const edge of edges) next.set(edge.target, (next.get(edge.target) ?? 0) + 1);
    inputCounts.set(edges, next);
    counts = next;
  }
  return counts;
}

/** The single selected layer, or null when zero or several are selected. */
export function selectSingleSelectedNode(state: Pick<EditorState, 'doc' | 'selectedNodeIds'>) {
  if (state.selectedNodeIds.length !== 1) return null;
  return state.doc.nodes.find((n) => n.id === state.selectedNodeIds[0]) ?? null;
}

export const selectCanUndo = (state: Pick<EditorState, 'history'>): boolean => state.history.undo.length > 0 || state.history.batch !== null;
export const selectCanRedo = (state: Pick<EditorState, 'history'>): boolean => state.history.redo.length > 0;
export const selectHasSelection = (state: Pick<EditorState, 'selectedNodeIds' | 'selectedEdgeIds'>): boolean =>
  state.selectedNodeIds.length > 0 || state.selectedEdgeIds.length > 0;

/** The direction the canvas lays layers out in, as the document says. */
export const selectLayoutDirection = (state: Pick<EditorState, 'doc'>): LayoutDirection => layoutDirectionOf(state.doc);
