/**
 * Fine-tuning against PyTorch (training.json, section "freezing"): frozen layers with
 * requires_grad=False, a frozen BatchNorm in eval mode, ten steps of the rest learning through them.
 */
import { describe, expect, it } from 'vitest';
import { compileGraph, createEmptyDocument, defaultParams, edgeIdFor } from '../../../engine/model';
import type { DocumentNode, Program } from '../../../engine/model';
import { buildModel } from '../../../engine/runtime';
import type { Kernels } from '../../../engine/kernels/api';
import { expectClose, GOLDEN_TOLERANCE, loadGolden } from '../../golden/loadGolden';
import type { FreezingCase, GoldenTensor } from '../../golden/loadGolden';
import { allKernels } from './helpers';

const golden = loadGolden('training');
const settings = golden.meta.settings as { stepsPerEpoch: number };
const ourName = (name: string) => name.replace('.', '/');

/** The fixture's model as a document with its frozen layers marked, compiled as the app compiles it. */
function programFor(c: FreezingCase): Program {
  const fixture = golden.models[c.model];
  const doc = createEmptyDocument('freezing');
  const node = (id: string, type: DocumentNode['type'], params: Record<string, unknown>, i: number): DocumentNode => ({
    id,
    type,
    params: { ...defaultParams(type), ...params } as DocumentNode['params'],
    position: { x: 0, y: i * 100 },
    ...(c.frozen.includes(id) ? { trainable: false } : {}),
  });
  doc.nodes = [node('input', 'Input', { shape: fixture.input }, 0)];
  for (const [i, layer] of fixture.layers.entries()) {
    const name = layer.name as string;
    if (layer.type === 'Dense') doc.nodes.push(node(name, 'Dense', { units: layer.units, activation: layer.activation }, i + 1));
    else if (layer.type === 'BatchNorm') doc.nodes.push(node(name, 'BatchNorm', { epsilon: layer.epsilon, momentum: layer.momentum }, i + 1));
    else throw new Error(`fixture layer type ${String(layer.type)} not mapped`);
  }
  doc.nodes.push(node('output', 'Output', { loss: c.loss }, doc.nodes.length));
  doc.edges = doc.nodes.slice(1).map((n, i) => ({ id: edgeIdFor(doc.nodes[i].id, n.id, 0), source: doc.nodes[i].id, target: n.id, targetPort: 0 }));
  doc.training = { ...doc.training, optimizer: c.optimizer, batchSize: c.batchSize, epochs: c.steps / settings.stepsPerEpoch };
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
  return compiled.program;
}

const rows = (t: GoldenTensor, start: number, count: number) => {
  const perRow = t.data.length / t.shape[0];
  return t.data.slice(start * perRow, (start + count) * perRow);
};

function runCase(k: Kernels, c: FreezingCase): void {
  const model = buildModel(programFor(c), k, { stepsPerEpoch: settings.stepsPerEpoch });
  const initial: Record<string, Float32Array> = {};
  for (const [name, t] of Object.entries(golden.models[c.model].initialWeights)) initial[ourName(name)] = t.data;
  model.setWeights(initial);
  const data = golden.datasets[c.dataset];
  const batchFor = (step: number) => {
    const start = c.batchSize * (step % settings.stepsPerEpoch);
    return { inputs: [rows(data.x, start, c.batchSize)], targets: Int32Array.from(rows(data.targets, start, c.batchSize)), size: c.batchSize };
  };

  const { gradients } = model.computeGradients(batchFor(0));
  expect(Object.keys(gradients).sort()).toEqual(Object.keys(c.firstStepGradients).map(ourName).sort());
  for (const [name, t] of Object.entries(c.firstStepGradients)) expectClose(gradients[ourName(name)], t, GOLDEN_TOLERANCE.gradient, `step 0 gradient ${name}`);
  // computeGradients ran a training-mode forward pass: restore the start (an unfrozen BatchNorm moved its statistics).
  model.setWeights(initial);
  for (let step = 0; step < c.steps; step++) {
    if (step > 0 && step % settings.stepsPerEpoch === 0) model.advanceEpoch();
    const loss = model.trainStep(batchFor(step));
    expectClose(loss, c.losses[step], GOLDEN_TOLERANCE.trainingLoss, `loss at step ${step}`);
    expectClose(model.lastGradientNorm, c.gradientNorms[step], GOLDEN_TOLERANCE.trainingLoss, `gradient norm at step ${step}`);
  }
  const weights = model.getWeights();
  for (const [name, t] of Object.entries(c.finalWeights)) {
    const layer = name.split('.')[0];
    if (c.frozen.includes(layer)) expect(weights[ourName(name)], `frozen ${name} is bit-identical`).toEqual(initial[ourName(name)]);
    expectClose(weights[ourName(name)], t, GOLDEN_TOLERANCE.trainingWeights, `final ${name}`);
  }
  model.dispose();
}

const kernelSets = await allKernels();

describe.each(kernelSets.map((k) => ({ k, name: `${k.name} x${k.threads}` })))('fine-tuning with frozen layers matches PyTorch ($name)', ({ k }) => {
  for (const [name, c] of Object.entries(golden.freezing)) {
    it(`${name} (frozen ${c.frozen.join(', ')}; ${c.optimizer.type})`, () => runCase(k, c));
  }

  it('covers a frozen BatchNorm, a frozen head and a frozen first layer', () => {
    expect(Object.values(golden.freezing).map((c) => c.frozen)).toEqual([['bn_1'], ['bn_1', 'dense_2'], ['dense_1']]);
  });
});
