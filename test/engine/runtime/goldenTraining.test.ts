/**
 * Ten training steps of the reference MLP and CNN against PyTorch, for every optimiser, loss,
 * regulariser, clipping mode and schedule in test/golden/fixtures/training.json.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../engine/runtime';
import type { Program } from '../../../engine/model';
import { expectClose, GOLDEN_TOLERANCE, loadGolden, TRAINING_SECTIONS } from '../../golden/loadGolden';
import type { GoldenTensor, TrainingCase, TrainingGolden } from '../../golden/loadGolden';
import type { LayerSpec } from './helpers';
import type { Kernels } from '../../../engine/kernels/api';
import { allKernels, chain } from './helpers';

const golden: TrainingGolden = loadGolden('training');
const settings = golden.meta.settings as { stepsPerEpoch: number; batchSize: number };

/** Our weight name for a fixture weight name ("dense_1.kernel" -> "dense_1/kernel"). */
const ourName = (name: string) => name.replace('.', '/');

function programFor(c: TrainingCase): Program {
  const fixture = golden.models[c.model];
  const layers: LayerSpec[] = [['input', 'Input', { shape: fixture.input }]];
  for (const layer of fixture.layers) {
    const name = layer.name as string;
    const scalar = (v: unknown) => (Array.isArray(v) ? (v[0] as number) : (v as number));
    switch (layer.type) {
      case 'Dense':
        layers.push([name, 'Dense', { units: layer.units as number, activation: layer.activation as string, l1: c.l1, l2: c.l2 }]);
        break;
      case 'Conv2D':
        layers.push([
          name,
          'Conv2D',
          { filters: layer.filters as number, kernelSize: scalar(layer.kernelSize), strides: scalar(layer.strides), padding: layer.padding as string, activation: layer.activation as string },
        ]);
        break;
      case 'MaxPool2D':
        layers.push([name, 'MaxPool2D', { poolSize: scalar(layer.poolSize), strides: scalar(layer.strides), padding: layer.padding as string }]);
        break;
      case 'Flatten':
        layers.push([name, 'Flatten']);
        break;
      default:
        throw new Error(`fixture layer type ${String(layer.type)} not mapped`);
    }
  }
  layers.push(['output', 'Output', { loss: c.loss }]);
  return chain(layers, {
    optimizer: c.optimizer,
    schedule: c.schedule,
    batchSize: c.batchSize,
    epochs: c.steps / settings.stepsPerEpoch,
    clipNorm: c.clipNorm,
    clipValue: c.clipValue,
  });
}

function rows(t: GoldenTensor, start: number, count: number): Float32Array {
  const perRow = t.data.length / t.shape[0];
  return t.data.slice(start * perRow, (start + count) * perRow);
}

function runCase(k: Kernels, c: TrainingCase): void {
  const model = buildModel(programFor(c), k, { stepsPerEpoch: settings.stepsPerEpoch });
  const initial: Record<string, Float32Array> = {};
  for (const [name, t] of Object.entries(golden.models[c.model].initialWeights)) initial[ourName(name)] = t.data;
  model.setWeights(initial);
  const data = golden.datasets[c.dataset];
  const batchFor = (step: number) => {
    const start = c.batchSize * (step % settings.stepsPerEpoch);
    const y = rows(data.targets, start, c.batchSize);
    return { inputs: [rows(data.x, start, c.batchSize)], targets: data.targetKind === 'classIndices' ? Int32Array.from(y) : y, size: c.batchSize };
  };

  const { gradients } = model.computeGradients(batchFor(0));
  for (const [name, t] of Object.entries(c.firstStepGradients)) {
    expectClose(gradients[ourName(name)], t, GOLDEN_TOLERANCE.gradient, `step 0 gradient ${name}`);
  }
  for (let step = 0; step < c.steps; step++) {
    if (step > 0 && step % settings.stepsPerEpoch === 0) model.advanceEpoch();
    expectClose(model.learningRate, c.learningRates[step], { rtol: 1e-9, atol: 1e-12 }, `learning rate at step ${step}`);
    const loss = model.trainStep(batchFor(step));
    expectClose(loss, c.losses[step], GOLDEN_TOLERANCE.trainingLoss, `loss at step ${step}`);
    expectClose(model.lastGradientNorm, c.gradientNorms[step], GOLDEN_TOLERANCE.trainingLoss, `gradient norm at step ${step}`);
  }
  const weights = model.getWeights();
  for (const [name, t] of Object.entries(c.finalWeights)) {
    expectClose(weights[ourName(name)], t, GOLDEN_TOLERANCE.trainingWeights, `final ${name}`);
  }
  model.dispose();
}

const kernelSets = await allKernels();

describe.each(kernelSets.map((k) => ({ k, name: `${k.name} x${k.threads}` })))('training matches PyTorch for 10 steps ($name)', ({ k }) => {
  for (const section of TRAINING_SECTIONS) {
    describe(section, () => {
      for (const [name, c] of Object.entries(golden[section])) {
        it(`${name} (${c.model}, ${c.optimizer.type}, ${c.loss})`, () => runCase(k, c));
      }
    });
  }

  it('covers every optimiser on both models', () => {
    const types = (s: Record<string, TrainingCase>) => new Set(Object.values(s).map((c) => c.optimizer.type));
    expect([...types(golden.optimizers)].sort()).toEqual(['adadelta', 'adagrad', 'adam', 'adamw', 'momentum', 'nesterov', 'rmsprop', 'sgd']);
    expect([...types(golden.cnnOptimizers)].sort()).toEqual([...types(golden.optimizers)].sort());
  });
});
