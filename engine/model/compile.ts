import { analyzeGraph } from './analyze';
import type { GraphAnalysis } from './analyze';
import type { ModelDocument } from './document';
import { isFrozen } from './document';
import type { GraphIssue } from './issues';
import type { LossName, Program, ProgramNode } from './program';
import { PROGRAM_VERSION } from './program';

export type CompileResult = { ok: true; program: Program; analysis: GraphAnalysis } | { ok: false; issues: GraphIssue[]; analysis: GraphAnalysis };

/** Turns a valid document into the engine's Program; an invalid one yields its errors instead. */
export function compileGraph(doc: ModelDocument, analysis: GraphAnalysis = analyzeGraph(doc)): CompileResult {
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return { ok: false, issues: errors, analysis };

  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const sources = new Map<string, string[]>();
  const sorted = [...doc.edges].sort((a, b) => a.targetPort - b.targetPort);
  for (const e of sorted) {
    const list = sources.get(e.target) ?? [];
    list.push(e.source);
    sources.set(e.target, list);
  }
  const nodes: ProgramNode[] = analysis.order.map((id) => {
    const node = byId.get(id)!;
    const info = analysis.nodes[id];
    return {
      id,
      type: node.type,
      params: info.params,
      inputs: sources.get(id) ?? [],
      inputShapes: info.inputShapes as number[][],
      outputShape: info.outputShape as number[],
      ...(isFrozen(node) ? { frozen: true } : {}),
    };
  });
  const program: Program = {
    version: PROGRAM_VERSION,
    nodes,
    inputs: doc.nodes.filter((n) => n.type === 'Input').map((n) => n.id),
    outputs: doc.nodes.filter((n) => n.type === 'Output').map((n) => ({ nodeId: n.id, loss: analysis.nodes[n.id].params.loss as LossName })),
    training: doc.training,
  };
  return { ok: true, program, analysis };
}
