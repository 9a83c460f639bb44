import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, compileGraph, parseDocument } from '../../../engine/model';
import type { GraphAnalysis, IssueCode } from '../../../engine/model';
import { buildDoc, tinyMlp } from './helpers';

const codes = (a: GraphAnalysis): IssueCode[] => a.issues.map((i) => i.code);

describe('graph validation', () => {
  it('accepts a valid network and infers every edge shape', () => {
    const a = analyzeGraph(tinyMlp(10));
    expect(a.issues).toEqual([]);
    expect(a.nodes.d.outputShape).toEqual([10]);
    expect(a.edges.e_in_d_0.shape).toEqual([4]);
    expect(a.edges.e_d_out_0.shape).toEqual([10]);
    expect(a.totalParams).toBe(4 * 10 + 10);
    expect(a.order.indexOf('in')).toBeLessThan(a.order.indexOf('d'));
  });

  it('every template is valid out of the box', () => {
    const dir = new URL('../../../templates/', import.meta.url);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const parsed = parseDocument(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
      expect(parsed.ok, f).toBe(true);
      if (!parsed.ok) continue;
      const a = analyzeGraph(parsed.doc);
      expect(a.issues, f).toEqual([]);
      expect(compileGraph(parsed.doc).ok, f).toBe(true);
    }
  });

  it('reports a shape mismatch naming both shapes and both nodes, on the node and on the edges', () => {
    const doc = buildDoc(
      [
        ['in', 'Input', { shape: [4] }],
        ['a', 'Dense', { units: 8 }],
        ['b', 'Dense', { units: 6 }],
        ['sum', 'Add'],
        ['out', 'Output'],
      ],
      [
        ['in', 'a'],
        ['in', 'b'],
        ['a', 'sum', 0],
        ['b', 'sum', 1],
        ['sum', 'out'],
      ],
    );
    const a = analyzeGraph(doc);
    const mismatch = a.issues.find((i) => i.code === 'shape-mismatch')!;
    expect(mismatch.nodeId).toBe('sum');
    expect(mismatch.message).toContain('8');
    expect(mismatch.message).toContain('6');
    expect(mismatch.message).toContain('"a"');
    expect(mismatch.message).toContain('"b"');
    expect(a.edges.e_a_sum_0.issues.length).toBe(1);
    expect(a.edges.e_b_sum_1.issues.length).toBe(1);
    // downstream stays unknown without a cascade of errors
    expect(a.nodes.out.outputShape).toBeNull();
    expect(a.issues.filter((i) => i.severity === 'error')).toHaveLength(1);
  });

  it('finds cycles and points at every node on them', () => {
    const doc = buildDoc(
      [
        ['in', 'Input', { shape: [4] }],
        ['add', 'Add'],
        ['d', 'Dense', { units: 4 }],
        ['out', 'Output'],
      ],
      [
        ['in', 'add', 0],
        ['d', 'add', 1],
        ['add', 'd'],
        ['d', 'out'],
      ],
    );
    const a = analyzeGraph(doc);
    const cyc = a.issues.filter((i) => i.code === 'cycle').map((i) => i.nodeId).sort();
    expect(cyc).toEqual(['add', 'd', 'out']);
  });

  it('reports missing input, missing output and dangling layers', () => {
    const noIo = buildDoc([['d', 'Dense']], []);
    expect(codes(analyzeGraph(noIo))).toEqual(expect.arrayContaining(['no-input', 'no-output', 'too-few-inputs']));

    const dangling = buildDoc(
      [
        ['in', 'Input', { shape: [4] }],
        ['d', 'Dense'],
        ['side', 'Dense'],
        ['out', 'Output'],
      ],
      [
        ['in', 'd'],
        ['d', 'out'],
        ['in', 'side'],
      ],
    );
    const a = analyzeGraph(dangling);
    expect(a.issues.find((i) => i.code === 'dead-end')?.nodeId).toBe('side');
  });

  it('reports wrong arity, taken ports, edges to unknown nodes and edges out of an Output', () => {
    const doc = buildDoc(
      [
        ['in', 'Input', { shape: [4] }],
        ['in2', 'Input', { shape: [4] }],
        ['d', 'Dense'],
        ['cat', 'Concatenate'],
        ['out', 'Output'],
        ['after', 'Dense'],
      ],
      [
        ['in', 'd'],
        ['in2', 'd', 0],
        ['in', 'd', 1],
        ['in', 'cat', 0],
        ['d', 'out'],
        ['out', 'after'],
        ['ghost', 'd', 0],
      ],
    );
    const a = analyzeGraph(doc);
    const byCode = (c: IssueCode) => a.issues.filter((i) => i.code === c);
    expect(byCode('port-taken')[0].edgeId).toBe('e_in2_d_0');
    expect(byCode('port-out-of-range')[0].edgeId).toBe('e_in_d_1');
    expect(byCode('too-few-inputs').map((i) => i.nodeId)).toEqual(expect.arrayContaining(['cat', 'after']));
    expect(byCode('source-has-no-output')[0].edgeId).toBe('e_out_after_0');
    expect(byCode('unknown-node')[0].edgeId).toBe('e_ghost_d_0');
    for (const issue of a.issues) expect(issue.nodeId ?? issue.edgeId, issue.message).toBeDefined();
  });

  it('reports invalid params on the node and does not infer its shape', () => {
    const doc = tinyMlp(0);
    const a = analyzeGraph(doc);
    expect(a.issues[0]).toMatchObject({ code: 'invalid-param', nodeId: 'd' });
    expect(a.issues[0].message).toMatch(/Units must be at least 1/);
    expect(a.nodes.d.outputShape).toBeNull();
  });

  it('warns about a softmax feeding a cross-entropy output', () => {
    const doc = buildDoc(
      [
        ['in', 'Input', { shape: [4] }],
        ['d', 'Dense', { units: 3, activation: 'softmax' }],
        ['out', 'Output'],
      ],
      [
        ['in', 'd'],
        ['d', 'out'],
      ],
    );
    const a = analyzeGraph(doc);
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ severity: 'warning', code: 'double-softmax', nodeId: 'd' });
    expect(compileGraph(doc).ok).toBe(true);
  });

  it('compiles to a topologically ordered program with inputs in port order', () => {
    const doc = buildDoc(
      [
        ['out', 'Output'],
        ['cat', 'Concatenate'],
        ['b', 'Dense', { units: 3 }],
        ['a', 'Dense', { units: 5 }],
        ['in', 'Input', { shape: [4] }],
      ],
      [
        ['in', 'a'],
        ['in', 'b'],
        ['b', 'cat', 1],
        ['a', 'cat', 0],
        ['cat', 'out'],
      ],
    );
    const result = compileGraph(doc);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ids = result.program.nodes.map((n) => n.id);
    expect(ids[0]).toBe('in');
    expect(ids.at(-1)).toBe('out');
    const cat = result.program.nodes.find((n) => n.id === 'cat')!;
    expect(cat.inputs).toEqual(['a', 'b']);
    expect(cat.outputShape).toEqual([8]);
    expect(result.program.outputs).toEqual([{ nodeId: 'out', loss: 'sparseCategoricalCrossentropy' }]);
    expect(result.program.nodes.find((n) => n.id === 'a')!.params.useBias).toBe(true);
  });

  it('refuses to compile a document with errors and returns them', () => {
    const result = compileGraph(tinyMlp(0));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].nodeId).toBe('d');
  });
});
