import { describe, expect, it } from 'vitest';
import { analyzeGraph, dataFitProblems } from '../../../engine/model';
import type { DataDescription, DataFitProblem, ModelDocument } from '../../../engine/model';
import { findDataset } from '../../../engine/data';
import { compileGraph } from '../../../engine/model';
import { checkModelFitsData } from '../../../engine/training/fit';
import { SessionFailure } from '../../../engine/training/failures';
import { buildDoc } from './helpers';

const meta = (id: string) => {
  const m = findDataset(id);
  if (!m) throw new Error(`no dataset ${id}`);
  return m;
};

/** Input(shape) -> Dense 128 relu ("hidden") -> [Dense(units) "logits" ->] Output(loss). */
function mlp(options: { shape?: number[]; loss?: string; head?: number | null; hidden?: number } = {}): ModelDocument {
  const { shape = [784], loss = 'sparseCategoricalCrossentropy', head = 10, hidden = 128 } = options;
  const layers: Parameters<typeof buildDoc>[0] = [
    ['input', 'Input', { shape }],
    ['hidden', 'Dense', { units: hidden, activation: 'relu' }],
    ...(head === null ? [] : ([['logits', 'Dense', { units: head }]] as Parameters<typeof buildDoc>[0])),
    ['output', 'Output', { loss }],
  ];
  const ids = layers.map((l) => l[0]);
  return buildDoc(
    layers,
    ids.slice(1).map((id, i) => [ids[i], id]),
  );
}

const problemsOf = (doc: ModelDocument, data: DataDescription) => dataFitProblems(doc, analyzeGraph(doc), data);
const errorsOf = (doc: ModelDocument, data: DataDescription) => problemsOf(doc, data).filter((p) => p.severity === 'error');

/** The document with a fix's changes applied, as the designer's one undoable edit does. */
function applyFix(doc: ModelDocument, problem: DataFitProblem): ModelDocument {
  const next = structuredClone(doc);
  for (const change of problem.fix!.changes) next.nodes.find((n) => n.id === change.nodeId)!.params[change.name] = change.value;
  return next;
}

const threeClassCsv: DataDescription = { name: 'flowers.csv', task: 'classification', inputShape: [4], classes: ['a', 'b', 'c'] };

describe('checking that the model fits its dataset', () => {
  it('accepts a model that fits, noting only a reshape', () => {
    const problems = problemsOf(mlp(), meta('mnist'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ severity: 'info', code: 'input-reshaped', nodeId: 'input' })]);
    expect(problemsOf(mlp({ shape: [2], loss: 'binaryCrossentropy', head: 1 }), meta('moons'))).toEqual([]);
    expect(problemsOf(mlp({ shape: [1], loss: 'huber', head: 1 }), meta('sine'))).toEqual([]);
    expect(problemsOf(mlp({ shape: [4], head: 3 }), threeClassCsv)).toEqual([]);
  });

  it('finds Dense(128) wired straight to the Output on 10-class MNIST, and sets its units to 10', () => {
    const doc = mlp({ head: null });
    const [problem] = errorsOf(doc, meta('mnist'));
    expect(problem).toMatchObject({ code: 'output-units', nodeId: 'output' });
    expect(problem.message).toBe('MNIST has 10 classes, but Output “output” gets 128 values per sample: sparse categorical cross-entropy needs one unit per class.');
    expect(problem.fix).toEqual({ label: 'Set the units of “hidden” to 10', changes: [{ nodeId: 'hidden', name: 'units', value: 10 }] });
    expect(errorsOf(applyFix(doc, problem), meta('mnist'))).toEqual([]);
  });

  it('finds a 3-class CSV behind binary cross-entropy, and switches to sparse categorical cross-entropy with 3 units', () => {
    const doc = mlp({ shape: [4], loss: 'binaryCrossentropy', head: 1 });
    const [problem] = errorsOf(doc, threeClassCsv);
    expect(problem).toMatchObject({ code: 'loss-task', nodeId: 'output' });
    expect(problem.message).toBe('Binary cross-entropy on Output “output” needs 2 classes, but flowers.csv has 3 classes.');
    expect(problem.fix?.label).toBe('Switch the loss to sparse categorical cross-entropy with 3 units');
    expect(errorsOf(applyFix(doc, problem), threeClassCsv)).toEqual([]);
  });

  it('wants one unit for binary cross-entropy', () => {
    const doc = mlp({ shape: [2], loss: 'binaryCrossentropy', head: 2 });
    const [problem] = errorsOf(doc, meta('moons'));
    expect(problem).toMatchObject({ code: 'output-units', fix: { label: 'Set the units of “logits” to 1' } });
    expect(errorsOf(applyFix(doc, problem), meta('moons'))).toEqual([]);
  });

  it('finds a classification loss on a regression dataset, and switches to mean squared error with 1 unit', () => {
    const doc = mlp({ shape: [1] });
    const [problem] = errorsOf(doc, meta('sine'));
    expect(problem).toMatchObject({ code: 'loss-task', nodeId: 'output' });
    expect(problem.message).toContain('a classification loss, but Noisy sine has real-valued targets');
    expect(problem.message).toContain('regression');
    expect(problem.fix?.label).toBe('Switch the loss to mean squared error with 1 unit');
    expect(errorsOf(applyFix(doc, problem), meta('sine'))).toEqual([]);
  });

  it('finds a regression loss on class labels, and switches to a cross-entropy that fits', () => {
    const doc = mlp({ shape: [4], loss: 'meanSquaredError', head: 1 });
    const [problem] = errorsOf(doc, threeClassCsv);
    expect(problem.message).toBe('Output “output” trains with mean squared error, a regression loss, but flowers.csv has 3 classes (class labels).');
    expect(errorsOf(applyFix(doc, problem), threeClassCsv)).toEqual([]);
    const binary = mlp({ shape: [2], loss: 'meanAbsoluteError', head: 1 });
    const [onMoons] = errorsOf(binary, meta('moons'));
    expect(onMoons.fix).toEqual({ label: 'Switch the loss to binary cross-entropy', changes: [{ nodeId: 'output', name: 'loss', value: 'binaryCrossentropy' }] });
  });

  it('finds an Input of the wrong size, naming both shapes, and sets it to the samples’ shape', () => {
    const doc = mlp({ shape: [4] });
    const [problem] = errorsOf(doc, meta('mnist'));
    expect(problem).toMatchObject({ code: 'input-size', nodeId: 'input' });
    expect(problem.message).toBe('MNIST samples are 28×28×1 (784 values), but the Input layer “input” takes 4 values.');
    expect(problem.fix).toEqual({ label: 'Set the Input shape to 28×28×1', changes: [{ nodeId: 'input', name: 'shape', value: [28, 28, 1] }] });
    expect(errorsOf(applyFix(doc, problem), meta('mnist'))).toEqual([]);
  });

  it('offers no units fix when no Dense sets the width, but still names the problem', () => {
    const doc = buildDoc(
      [
        ['input', 'Input', { shape: [5] }],
        ['output', 'Output'],
      ],
      [['input', 'output']],
    );
    const [problem] = errorsOf(doc, { name: 'five', task: 'classification', inputShape: [5], classes: ['a', 'b', 'c'] });
    expect(problem).toMatchObject({ code: 'output-units', fix: null });
  });

  it('refuses the same runs at train time as a model error, not a dataset loading error', () => {
    const compiled = compileGraph(mlp({ head: null }));
    if (!compiled.ok) throw new Error('does not compile');
    let thrown: unknown = null;
    try {
      checkModelFitsData(compiled.program, meta('mnist'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SessionFailure);
    expect(thrown).toMatchObject({ code: 'invalidModel', message: expect.stringContaining('MNIST has 10 classes, but Output “output” gets 128 values') });
    const fits = compileGraph(mlp());
    if (!fits.ok) throw new Error('does not compile');
    expect(() => checkModelFitsData(fits.program, meta('mnist'))).not.toThrow();
  });
});
