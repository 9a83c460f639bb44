import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../engine/model';
import type { BenchModelName } from '../../bench/engineModels';
import { BATCH, CLASSES, IMAGE_SIZE, batchStarts, benchProgram, cnnDocument, mlpDocument, syntheticData, timeRepeats } from '../../bench/engineModels';
import { tfjsLayerParameterCounts } from '../../bench/peers/tfjs';
import { torchLayerParameterCounts } from '../../bench/peers/torch';

/** Our parameter count of each layer that has parameters, in graph order. */
function ourLayerParameterCounts(model: BenchModelName): number[] {
  const doc = model === 'mlp' ? mlpDocument() : cnnDocument();
  const analysis = analyzeGraph(doc);
  return analysis.order.map((id) => analysis.nodes[id].paramCount).filter((count) => count > 0);
}

describe('engine benchmark models', () => {
  it.each(['mlp', 'cnn'] as const)('%s compiles to a Program that takes MNIST-shaped input and gives 10 logits', (model) => {
    const program = benchProgram(model);
    const input = program.nodes.find((n) => n.type === 'Input')!;
    expect(input.outputShape.reduce((a, b) => a * b, 1)).toBe(IMAGE_SIZE);
    expect(program.outputs).toEqual([{ nodeId: 'output', loss: 'sparseCategoricalCrossentropy' }]);
    expect(program.nodes.find((n) => n.id === 'logits')!.outputShape).toEqual([CLASSES]);
    expect(program.training.optimizer).toMatchObject({ type: 'adam', learningRate: 1e-3 });
    expect(program.training.batchSize).toBe(BATCH);
  });

  it.each(['mlp', 'cnn'] as const)('the TF.js peer trains the same %s, layer for layer', async (model) => {
    expect(await tfjsLayerParameterCounts(model)).toEqual(ourLayerParameterCounts(model));
  });

  it.each(['mlp', 'cnn'] as const)('the PyTorch peer trains the same %s, layer for layer', async (model) => {
    expect(await torchLayerParameterCounts(model)).toEqual(ourLayerParameterCounts(model));
  });
});

describe('engine benchmark data and timing', () => {
  it('gives every framework the same data for a seed, and different data for another seed', () => {
    const a = syntheticData(128, 7);
    expect(syntheticData(128, 7)).toEqual(a);
    expect(syntheticData(128, 8).images).not.toEqual(a.images);
    expect(a.images.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(a.labels.every((l) => Number.isInteger(l) && l >= 0 && l < CLASSES)).toBe(true);
    expect(new Set(a.labels).size).toBe(CLASSES);
  });

  it('cycles only over whole batches', () => {
    expect(batchStarts(syntheticData(200, 1))).toEqual([0, 64, 128]);
  });

  it('times the requested repeats of at least minSteps steps each, after a warm-up', async () => {
    let calls = 0;
    const timed = await timeRepeats((steps) => {
      calls += steps;
    }, { warmupSeconds: 0, repeatSeconds: 0, repeats: 4, minSteps: 3 });
    expect(timed.seconds).toHaveLength(4);
    expect(timed.stepsPerRepeat).toBe(3);
    expect(calls).toBe(1 + 4 * 3);
  });
});
