import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_LOSSES, LOSSES, LOSS_NAMES, catalog, lossSpec, lossesFor } from '../../../engine/model';
import { scoreKindOf } from '../../../engine/training/accuracy';
import { predictionActivation } from '../../../engine/interop/graph';
import { generateTrainPy } from '../../../engine/interop/pytorch/trainPy';
import type { GeneratedModule } from '../../../engine/interop/pytorch/modelPy';
import { createEmptyDocument } from '../../../engine/model';

describe('the loss table', () => {
  it('describes every loss, once, under its own name', () => {
    expect(Object.keys(LOSSES).sort()).toEqual([...LOSS_NAMES].sort());
    for (const name of LOSS_NAMES) expect(LOSSES[name].name).toBe(name);
    expect(new Set(LOSS_NAMES.map((n) => LOSSES[n].label)).size).toBe(LOSS_NAMES.length);
    expect(lossSpec('nope')).toBeNull();
    expect(lossSpec('toString')).toBeNull();
  });

  it('keeps each loss consistent: its task, targets, prediction and accuracy agree', () => {
    for (const name of LOSS_NAMES) {
      const spec = LOSSES[name];
      switch (spec.task) {
        case 'classification-multi':
          expect([spec.prediction, spec.accuracy], name).toEqual(['softmax', 'classes']);
          expect(['classIds', 'probabilities']).toContain(spec.targets);
          break;
        case 'classification-binary':
          expect([spec.prediction, spec.accuracy, spec.targets], name).toEqual(['sigmoid', 'binary', 'binary']);
          break;
        case 'regression':
          expect([spec.prediction, spec.accuracy, spec.targets], name).toEqual([null, 'none', 'values']);
          break;
      }
    }
    expect(lossesFor('regression')).toEqual(['meanSquaredError', 'meanAbsoluteError', 'huber']);
  });

  it('drives the Output layer’s loss picker, accuracy, exported predictions and train.py', () => {
    const param = catalog.Output.params.find((p) => p.name === 'loss')!;
    expect(param.options).toEqual(LOSS_NAMES);
    expect(param.optionLabels?.binaryCrossentropy).toBe('Binary cross-entropy');
    expect(CLASSIFICATION_LOSSES).toEqual(lossesFor('classification-multi'));
    const module = { penalties: [] } as unknown as GeneratedModule;
    const trainPy = generateTrainPy(createEmptyDocument('t').training, module, undefined);
    for (const name of LOSS_NAMES) {
      expect(scoreKindOf(name)).toBe(LOSSES[name].accuracy);
      expect(predictionActivation(name)).toBe(LOSSES[name].prediction);
      expect(trainPy).toContain(`if name == "${name}":\n        return ${LOSSES[name].exports.pytorch}`);
    }
    expect(trainPy).toContain('if loss in ("sparseCategoricalCrossentropy",)');
  });
});
