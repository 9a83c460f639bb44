import { analyzeGraph, createEmptyDocument, defaultParams } from '../engine/model';
import type { LayerType, ModelDocument } from '../engine/model';
import type { BenchResult, Suite } from './report';
import { median } from './report';

/** A deep network of `layers` layers: Input, then repeated Dense/BatchNorm/Activation blocks with skip connections. */
export function generateDeepGraph(layers: number): ModelDocument {
  const doc = createEmptyDocument('bench');
  const add = (id: string, type: LayerType, params: Record<string, unknown> = {}) =>
    doc.nodes.push({ id, type, params: { ...defaultParams(type), ...(params as object) }, position: { x: 0, y: doc.nodes.length * 100 } });
  const link = (source: string, target: string, port = 0) => doc.edges.push({ id: `e${doc.edges.length}`, source, target, targetPort: port });
  add('in', 'Input', { shape: [64] });
  let prev = 'in';
  let blockStart = 'in';
  for (let i = 0; doc.nodes.length < layers - 1; i++) {
    const kind = i % 4;
    const id = `n${i}`;
    if (kind === 0) add(id, 'Dense', { units: 64 });
    else if (kind === 1) add(id, 'BatchNorm');
    else if (kind === 2) add(id, 'Activation', { activation: 'relu' });
    else add(id, 'Add');
    link(prev, id);
    if (kind === 3) {
      link(blockStart, id, 1);
      blockStart = id;
    }
    prev = id;
  }
  add('out', 'Output', { loss: 'meanSquaredError' });
  link(prev, 'out');
  return doc;
}

export const modelSuite: Suite = {
  description: 'validation and shape inference of a generated 1,000-layer graph',
  async run() {
    const doc = generateDeepGraph(1000);
    const issues = analyzeGraph(doc).issues;
    if (issues.length > 0) throw new Error(`benchmark graph is invalid: ${issues[0].message}`);
    for (let i = 0; i < 200; i++) analyzeGraph(doc); // warm up the JIT
    const repeats: number[] = [];
    for (let r = 0; r < 7; r++) {
      const runs = 20;
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) analyzeGraph(doc);
      repeats.push((performance.now() - t0) / runs);
    }
    const result: BenchResult = {
      suite: 'model',
      name: 'validate + infer shapes, 1,000 layers',
      unit: 'ms',
      value: median(repeats),
      repeats,
      goal: '< 5 ms',
      higherIsBetter: false,
    };
    return [result];
  },
};
