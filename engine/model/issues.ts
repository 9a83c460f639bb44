/** A problem in the graph, pointing at the node or edge it concerns. */
export interface GraphIssue {
  severity: 'error' | 'warning';
  code: IssueCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

export type IssueCode =
  | 'duplicate-id'
  | 'unknown-node'
  | 'self-loop'
  | 'port-out-of-range'
  | 'port-taken'
  | 'source-has-no-output'
  | 'too-few-inputs'
  | 'too-many-inputs'
  | 'invalid-param'
  | 'cycle'
  | 'shape-mismatch'
  | 'no-input'
  | 'no-output'
  | 'unreachable'
  | 'dead-end'
  | 'double-softmax'
  | 'empty-model'
  | 'too-large';
