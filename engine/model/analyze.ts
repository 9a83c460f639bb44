import { catalog, formatShape, ShapeError } from './catalog';
import type { Params } from './catalog';
import type { DocumentEdge, DocumentNode, ModelDocument } from './document';
import type { GraphIssue } from './issues';
import { resolveParams, validateParam } from './params';
import type { Shape } from './program';
import { CLASSIFICATION_LOSSES } from './catalog';
import { memoryIssues } from './memory';
import { plural } from './plural';

export interface NodeAnalysis {
  params: Params;
  inputShapes: (Shape | null)[];
  outputShape: Shape | null;
  paramCount: number;
  flops: number;
  issues: GraphIssue[];
}

export interface EdgeAnalysis {
  shape: Shape | null;
  issues: GraphIssue[];
}

/** Everything derived from a document: shapes, counts and problems. Recomputed, never stored. */
export interface GraphAnalysis {
  /** Topological order of the nodes that are not in a cycle. */
  order: string[];
  nodes: Record<string, NodeAnalysis>;
  edges: Record<string, EdgeAnalysis>;
  issues: GraphIssue[];
  errorCount: number;
  totalParams: number;
  totalFlops: number;
}

const label = (node: DocumentNode): string => (node.name ? `"${node.name}"` : `"${node.id}"`);

/** Validates the graph and infers every shape. Pure and linear in the size of the graph. */
export function analyzeGraph(doc: ModelDocument): GraphAnalysis {
  const issues: GraphIssue[] = [];
  const nodes: Record<string, NodeAnalysis> = {};
  const edges: Record<string, EdgeAnalysis> = {};
  const byId = new Map<string, DocumentNode>();
  const report = (issue: GraphIssue): void => {
    issues.push(issue);
    if (issue.nodeId && nodes[issue.nodeId]) nodes[issue.nodeId].issues.push(issue);
    if (issue.edgeId && edges[issue.edgeId]) edges[issue.edgeId].issues.push(issue);
  };

  for (const node of doc.nodes) {
    if (byId.has(node.id)) {
      report({ severity: 'error', code: 'duplicate-id', nodeId: node.id, message: `Two layers share the id "${node.id}"; ids must be unique.` });
      continue;
    }
    byId.set(node.id, node);
    nodes[node.id] = { params: resolveParams(node.type, node.params), inputShapes: [], outputShape: null, paramCount: 0, flops: 0, issues: [] };
  }

  // Incoming edges per node, by port; outgoing lists for reachability.
  const incoming = new Map<string, DocumentEdge[]>();
  const outgoing = new Map<string, DocumentEdge[]>();
  for (const id of byId.keys()) {
    incoming.set(id, []);
    outgoing.set(id, []);
  }
  for (const edge of doc.edges) {
    edges[edge.id] = { shape: null, issues: [] };
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      report({ severity: 'error', code: 'unknown-node', edgeId: edge.id, message: `Connection ${edge.id} refers to a layer "${missing}" that does not exist.` });
      continue;
    }
    if (edge.source === edge.target) {
      report({ severity: 'error', code: 'self-loop', edgeId: edge.id, nodeId: edge.target, message: `${label(target)} is connected to itself; remove that connection.` });
      continue;
    }
    if (!catalog[source.type].hasOutput) {
      report({ severity: 'error', code: 'source-has-no-output', edgeId: edge.id, nodeId: source.id, message: `${label(source)} is an Output and ends the network; it cannot feed ${label(target)}.` });
      continue;
    }
    const spec = catalog[target.type];
    if (edge.targetPort >= spec.maxInputs) {
      report({ severity: 'error', code: 'port-out-of-range', edgeId: edge.id, nodeId: target.id, message: `${label(target)} (${target.type}) takes ${spec.maxInputs === 0 ? 'no inputs' : plural(spec.maxInputs, 'input')}; remove the connection from ${label(source)}.` });
      continue;
    }
    const list = incoming.get(target.id)!;
    const taken = list.find((e) => e.targetPort === edge.targetPort);
    if (taken) {
      report({ severity: 'error', code: 'port-taken', edgeId: edge.id, nodeId: target.id, message: `${label(target)} already receives ${label(byId.get(taken.source)!)} on that input; remove one of the two connections.` });
      continue;
    }
    list.push(edge);
    outgoing.get(source.id)!.push(edge);
  }
  for (const list of incoming.values()) list.sort((a, b) => a.targetPort - b.targetPort);

  // Arity and params.
  const paramsValid = new Map<string, boolean>();
  for (const node of byId.values()) {
    const spec = catalog[node.type];
    const count = incoming.get(node.id)!.length;
    if (count < spec.minInputs) {
      const need = spec.minInputs === 1 ? 'an input' : `at least ${spec.minInputs} inputs`;
      report({ severity: 'error', code: 'too-few-inputs', nodeId: node.id, message: `${label(node)} (${node.type}) needs ${need} but has ${count}; connect a layer into it.` });
    }
    let valid = true;
    for (const p of spec.params) {
      const problem = validateParam(p, nodes[node.id].params[p.name]);
      if (problem) {
        valid = false;
        report({ severity: 'error', code: 'invalid-param', nodeId: node.id, message: `${label(node)}: ${problem}` });
      }
    }
    paramsValid.set(node.id, valid);
  }

  // Kahn's algorithm; whatever remains sits on a cycle.
  const order: string[] = [];
  const pending = new Map<string, number>();
  const ready: string[] = [];
  for (const id of byId.keys()) {
    const n = incoming.get(id)!.length;
    pending.set(id, n);
    if (n === 0) ready.push(id);
  }
  while (ready.length > 0) {
    const id = ready.pop()!;
    order.push(id);
    for (const e of outgoing.get(id)!) {
      const left = pending.get(e.target)! - 1;
      pending.set(e.target, left);
      if (left === 0) ready.push(e.target);
    }
  }
  if (order.length < byId.size) {
    const inOrder = new Set(order);
    for (const node of byId.values()) {
      if (!inOrder.has(node.id)) report({ severity: 'error', code: 'cycle', nodeId: node.id, message: `${label(node)} is part of a cycle; networks must flow one way. Remove a connection that loops back.` });
    }
  }

  // Shapes, in topological order; a node with an unknown input stays unknown without a second error.
  for (const id of order) {
    const node = byId.get(id)!;
    const info = nodes[id];
    const spec = catalog[node.type];
    const ins = incoming.get(id)!;
    info.inputShapes = ins.map((e) => nodes[e.source].outputShape);
    for (const e of ins) edges[e.id].shape = nodes[e.source].outputShape;
    const known = info.inputShapes.every((s): s is Shape => s !== null);
    if (!known || !paramsValid.get(id) || ins.length < spec.minInputs) continue;
    const inputShapes = info.inputShapes as Shape[];
    try {
      info.outputShape = spec.inferShape(inputShapes, info.params);
      info.paramCount = spec.paramCount(inputShapes, info.params, info.outputShape);
      info.flops = spec.flops(inputShapes, info.params, info.outputShape);
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      const sources = err.ports.map((p) => byId.get(ins[p].source)!);
      const from = sources.length > 0 ? ` (${err.ports.map((p, i) => `${formatShape(inputShapes[p])} from ${label(sources[i])}`).join(', ')})` : '';
      report({ severity: 'error', code: 'shape-mismatch', nodeId: id, message: `${label(node)}: ${err.message}${from}` });
      for (const p of err.ports) {
        edges[ins[p].id].issues.push({ severity: 'error', code: 'shape-mismatch', edgeId: ins[p].id, nodeId: id, message: `${formatShape(inputShapes[p])} does not fit ${label(node)}: ${err.message}` });
      }
    }
  }

  checkConnectivity(byId, incoming, outgoing, report);
  checkWarnings(byId, incoming, nodes, report);

  let totalParams = 0;
  let totalFlops = 0;
  for (const info of Object.values(nodes)) {
    totalParams += info.paramCount;
    totalFlops += info.flops;
  }
  for (const issue of memoryIssues(doc, nodes, totalParams)) report(issue);
  const errorCount = issues.filter((i) => i.severity === 'error').length;
  return { order, nodes, edges, issues, errorCount, totalParams, totalFlops };
}

type Report = (issue: GraphIssue) => void;

function reachable(starts: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set(starts);
  const stack = [...starts];
  while (stack.length > 0) {
    for (const n of next(stack.pop()!)) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

function checkConnectivity(byId: Map<string, DocumentNode>, incoming: Map<string, DocumentEdge[]>, outgoing: Map<string, DocumentEdge[]>, report: Report): void {
  if (byId.size === 0) {
    report({ severity: 'error', code: 'empty-model', message: 'The model has no layers; add an Input, the layers you want and an Output (or start from a template).' });
    return;
  }
  const all = [...byId.values()];
  const inputs = all.filter((n) => n.type === 'Input').map((n) => n.id);
  const outputs = all.filter((n) => n.type === 'Output').map((n) => n.id);
  if (inputs.length === 0) report({ severity: 'error', code: 'no-input', message: 'The network has no Input layer; add one from the palette and connect it.' });
  if (outputs.length === 0) report({ severity: 'error', code: 'no-output', message: 'The network has no Output layer; add one at the end to choose the loss.' });
  const fed = reachable(inputs, (id) => outgoing.get(id)!.map((e) => e.target));
  const feeding = reachable(outputs, (id) => incoming.get(id)!.map((e) => e.source));
  for (const node of all) {
    if (inputs.length > 0 && !fed.has(node.id) && incoming.get(node.id)!.length > 0) {
      report({ severity: 'error', code: 'unreachable', nodeId: node.id, message: `${label(node)} is not connected to any Input; wire it into the network or delete it.` });
    } else if (outputs.length > 0 && !feeding.has(node.id) && node.type !== 'Output' && (node.type === 'Input' || incoming.get(node.id)!.length > 0)) {
      report({ severity: 'error', code: 'dead-end', nodeId: node.id, message: `${label(node)} does not lead to an Output; connect it onward or delete it.` });
    }
  }
}

function checkWarnings(byId: Map<string, DocumentNode>, incoming: Map<string, DocumentEdge[]>, nodes: Record<string, NodeAnalysis>, report: Report): void {
  for (const node of byId.values()) {
    if (node.type !== 'Output') continue;
    const loss = nodes[node.id].params.loss as string;
    const feeder = incoming.get(node.id)![0];
    if (!feeder || !CLASSIFICATION_LOSSES.includes(loss)) continue;
    const source = byId.get(feeder.source)!;
    if (nodes[source.id].params.activation === 'softmax') {
      report({
        severity: 'warning',
        code: 'double-softmax',
        nodeId: source.id,
        message: `${label(source)} applies softmax, but the ${loss} loss already does; set its activation to none (or remove it) so training sees raw logits.`,
      });
    }
  }
}
