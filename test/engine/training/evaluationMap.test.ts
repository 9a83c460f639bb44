import { describe, expect, it } from 'vitest';
import { parseCsv, tabularDataset } from '../../../engine/data';
import { DataRandom } from '../../../engine/data/random';
import { EVALUATION_PREVIEW_LIMIT } from '../../../engine/training/evaluation';
import type { ModelDocument } from '../../../engine/model/document';
import { recordingSession, start, template } from './sessionHelpers';

/** A person's CSV: class 'inside' within a circle, 'outside' around it; `extra` adds a noise column. */
function ringCsv(rows: number, extra: boolean): string {
  const random = new DataRandom(5);
  const lines = [extra ? 'width,height,noise,kind' : 'width,height,kind'];
  for (let i = 0; i < rows; i++) {
    const x = random.uniform(-2, 2);
    const y = random.uniform(-2, 2);
    const noise = extra ? `${random.uniform(0, 1).toFixed(3)},` : '';
    lines.push(`${x.toFixed(4)},${y.toFixed(4)},${noise}${x * x + y * y < 1.3 ? 'inside' : 'outside'}`);
  }
  return lines.join('\n');
}

function ringModel(inputs: number): ModelDocument {
  const document = template('binary-2d.json', { dataset: { name: 'user:ring', options: {} }, epochs: 30, batchSize: 32 });
  return { ...document, nodes: document.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { ...n.params, shape: [inputs] } } : n)) };
}

async function evaluateRing(extra: boolean) {
  const features = extra ? ['width', 'height', 'noise'] : ['width', 'height'];
  const dataset = tabularDataset(parseCsv(ringCsv(600, extra)), { features, target: 'kind', task: 'binary' }, { name: 'ring.csv' });
  const { session, ofType } = recordingSession();
  await session.handle({ type: 'registerDataset', requestId: 'r', id: 'user:ring', dataset });
  const document = ringModel(features.length);
  await session.handle(start(document));
  const done = ofType('done')[0];
  await session.handle({ type: 'evaluate', requestId: 'e', model: { document, weights: done.weights, normalisation: done.normalisation! } });
  await session.dispose();
  return ofType('evaluation')[0];
}

describe("an evaluation's decision map", () => {
  it('comes with a two-column CSV: every test point, and a map that puts the circle inside', async () => {
    const evaluation = await evaluateRing(false);
    expect(evaluation.classes).toEqual(['inside', 'outside']);
    expect(evaluation.sampleIndices).toHaveLength(evaluation.count);
    const map = evaluation.decisionMap!;
    expect(map.values).toHaveLength(map.size * map.size);
    // The grid covers the data (x and y in [-2, 2]) with a margin.
    expect(map.xMin).toBeLessThan(-2);
    expect(map.yMax).toBeGreaterThan(2);
    // P('outside') is low at the centre and high in the corners.
    const at = (fx: number, fy: number) => map.values[Math.round(fy * (map.size - 1)) * map.size + Math.round(fx * (map.size - 1))];
    expect(at(0.5, 0.5)).toBeLessThan(0.5);
    for (const [fx, fy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) expect(at(fx, fy)).toBeGreaterThan(0.5);
  });

  it('is absent with more than two inputs, and only the first page of samples is sent', async () => {
    const evaluation = await evaluateRing(true);
    expect(evaluation.decisionMap).toBeUndefined();
    expect(evaluation.count).toBeGreaterThan(EVALUATION_PREVIEW_LIMIT);
    expect(evaluation.sampleIndices).toHaveLength(EVALUATION_PREVIEW_LIMIT);
    expect(evaluation.samples).toHaveLength(EVALUATION_PREVIEW_LIMIT * 3);
  });
});
