/**
 * Derived data, memoised on the document object: every component asking for the analysis of the same
 * document gets the same result object, and a new document is analysed once.
 */
import { analyzeGraph, modelSummary } from '../../engine/model';
import type { GraphAnalysis, ModelDocument, ModelSummary } from '../../engine/model';
import type { EditorState } from './types';

const analyses = new WeakMap<ModelDocument, GraphAnalysis>();
const summaries = new WeakMap<ModelDocument, ModelSummary>();
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

/** The layer table with totals. */
export function selectSummary(state: Pick<EditorState, 'doc'>): ModelSummary {
  let summary = summaries.get(state.doc);
  if (!summary) {
    summary = modelSummary(state.doc, analysisOf(state.doc));
    summaries.set(state.doc, summary);
  }
  return summary;
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
