/** Runs that start from earlier weights: continue training, fine-tune with new or frozen layers. */
import { describe, expect, it } from 'vitest';
import type { ModelDocument } from '../../../engine/model';
import { planStartingWeights } from '../../../engine/training/initialWeights';
import { SessionFailure } from '../../../engine/training/failures';
import type { DoneMessage, ErrorMessage, InputNormalisation } from '../../../engine/training/protocol';
import { recordingSession, start, template } from './sessionHelpers';

const moons = (epochs: number, training: Partial<ModelDocument['training']> = {}) =>
  template('binary-2d.json', { dataset: { name: 'moons', options: { samples: 400 } }, epochs, batchSize: 32, ...training });

function failureOf(fn: () => unknown): SessionFailure {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SessionFailure);
    return error as SessionFailure;
  }
  throw new Error('expected a SessionFailure');
}

async function trainOnce(document: ModelDocument, extra: Parameters<typeof start>[2] = {}, runId = 'run-1') {
  const { session, ofType } = recordingSession();
  await session.handle(start(document, runId, extra));
  await session.dispose();
  const end = [...ofType('done'), ...ofType('error')];
  return end[0] as DoneMessage | ErrorMessage;
}

describe('planStartingWeights', () => {
  const model = { 'a/kernel': [4, 3], 'a/bias': [3], 'head/kernel': [3, 2], 'head/bias': [2] };

  it('loads what fits, ignores weights of removed layers and keeps new layers fresh', () => {
    const plan = planStartingWeights(model, { 'a/kernel': new Float32Array(12), 'a/bias': new Float32Array(3), 'gone/kernel': new Float32Array(5) });
    expect(plan).toEqual({ loaded: ['a/kernel', 'a/bias'], ignored: ['gone/kernel'], fresh: ['head/kernel', 'head/bias'] });
  });

  it('names the layer, the weight and both shapes when a weight does not fit', () => {
    const failure = failureOf(() => planStartingWeights(model, { 'a/kernel': new Float32Array(20) }, { 'a/kernel': [4, 5] }));
    expect(failure.code).toBe('invalidModel');
    expect(failure.message).toBe('The starting weights do not fit layer a: weight a/kernel is [4, 5] in the starting weights, but the model needs [4, 3] (12 values).');
    expect(failure.hint).toMatch(/layer a/);
  });

  it('compares shapes, not only sizes, when the shapes are known; sizes otherwise', () => {
    expect(() => planStartingWeights(model, { 'a/kernel': new Float32Array(12) }, { 'a/kernel': [3, 4] })).toThrow(/is \[3, 4\].*needs \[4, 3\]/);
    expect(failureOf(() => planStartingWeights(model, { 'a/bias': new Float32Array(7) })).message).toMatch(/weight a\/bias has 7 values in the starting weights, but the model needs \[3\]/);
  });

  it('refuses weights of which nothing belongs to the model', () => {
    expect(failureOf(() => planStartingWeights(model, { 'x/kernel': new Float32Array(1) })).message).toMatch(/None of the starting weights.*x/);
  });
});

describe('a run that starts from earlier weights', () => {
  it('continues where the previous run ended: its first epoch is close to the previous last loss, far below a fresh start', async () => {
    const first = (await trainOnce(moons(12))) as DoneMessage;
    expect(first.type).toBe('done');
    const fresh = (await trainOnce(moons(1))) as DoneMessage;
    const continued = (await trainOnce(moons(1), { initialWeights: first.weights, initialNormalisation: first.normalisation }, 'run-2')) as DoneMessage;
    expect(continued.type).toBe('done');
    const last = first.epochs.at(-1)!.trainLoss;
    const resumed = continued.epochs[0].trainLoss;
    expect(Math.abs(resumed - last)).toBeLessThan(0.5 * last);
    expect(resumed).toBeLessThan(0.5 * fresh.epochs[0].trainLoss);
    expect(continued.normalisation).toEqual(first.normalisation);
  });

  it('reuses the given input transform instead of fitting a new one', async () => {
    const saved: InputNormalisation = { kind: 'standardise', offset: [0.25, -0.5], scale: [2, 3] };
    const { weights } = (await trainOnce(moons(1))) as DoneMessage;
    const done = (await trainOnce(moons(1), { initialWeights: weights, initialNormalisation: saved })) as DoneMessage;
    expect(done.normalisation).toEqual(saved);
  });

  it('fine-tunes a model with a new head and a frozen layer: loaded layers start from the weights, the new one fresh, the frozen one stays', async () => {
    const first = (await trainOnce(moons(3))) as DoneMessage;
    const base = moons(2);
    // hidden1 frozen; the last Dense ("logit") replaced by a new head with a new id.
    const rename = (id: string) => (id === 'logit' ? 'newHead' : id);
    const tuned: ModelDocument = {
      ...base,
      nodes: base.nodes.map((n) => ({ ...n, id: rename(n.id), ...(n.id === 'hidden1' ? { trainable: false } : {}) })),
      edges: base.edges.map((e) => ({ ...e, source: rename(e.source), target: rename(e.target) })),
    };
    const done = (await trainOnce(tuned, { initialWeights: first.weights, initialNormalisation: first.normalisation })) as DoneMessage;
    expect(done.type).toBe('done');
    expect(done.weights['hidden1/kernel']).toEqual(first.weights['hidden1/kernel']);
    expect(done.weights['hidden1/bias']).toEqual(first.weights['hidden1/bias']);
    expect(done.weights['newHead/kernel']).toBeDefined();
    expect(done.weights['logit/kernel']).toBeUndefined();
    expect(done.weights['hidden2/kernel']).not.toEqual(first.weights['hidden2/kernel']);
  });

  it('fails with a message naming the weight and both shapes when a layer changed size, and keeps no weights', async () => {
    const first = (await trainOnce(moons(1))) as DoneMessage;
    const base = moons(1);
    const wider: ModelDocument = { ...base, nodes: base.nodes.map((n) => (n.id === 'hidden2' ? { ...n, params: { ...n.params, units: 8 } } : n)) };
    const shapes = { 'hidden2/kernel': [32, 32], 'hidden2/bias': [32] };
    const failed = (await trainOnce(wider, { initialWeights: first.weights, initialShapes: shapes })) as ErrorMessage;
    expect(failed.type).toBe('error');
    expect(failed.code).toBe('invalidModel');
    expect(failed.message).toMatch(/layer hidden2: weight hidden2\/kernel is \[32, 32\] in the starting weights, but the model needs \[32, 8\]/);
    expect(failed.weights).toBeNull();
  });

  it('refuses a saved transform that does not fit the dataset', async () => {
    const first = (await trainOnce(moons(1))) as DoneMessage;
    const failed = (await trainOnce(moons(1), { initialWeights: first.weights, initialNormalisation: { kind: 'standardise', offset: [0, 0, 0], scale: [1, 1, 1] } })) as ErrorMessage;
    expect(failed.type).toBe('error');
    expect(failed.message).toMatch(/normalised over 3 feature\(s\).*2 per sample/);
  });
});

describe('a model whose every weighted layer is frozen', () => {
  it('is refused before training, saying what to do', async () => {
    const base = moons(1);
    const allFrozen: ModelDocument = { ...base, nodes: base.nodes.map((n) => (n.type === 'Dense' ? { ...n, trainable: false } : n)) };
    const failed = (await trainOnce(allFrozen)) as ErrorMessage;
    expect(failed.type).toBe('error');
    expect(failed.code).toBe('invalidModel');
    expect(failed.message).toMatch(/Every layer with weights is frozen/);
    expect(failed.hint).toMatch(/Trainable/);
    expect(failed.weights).toBeNull();
  });
});
