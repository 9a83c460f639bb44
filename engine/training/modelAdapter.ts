/** The runtime's Model seen as the training loop's TrainableModel. */
import type { Model } from '../runtime';
import { EngineError } from '../runtime';
import type { WeightMap } from './protocol';
import type { Batch, TrainableModel } from './types';

/** A TrainableModel over a runtime Model that also keeps the engine's own account of a non-finite step. */
export interface AdaptedModel extends TrainableModel {
  /** The engine's description of the last NaN/Inf step (which layer, which op), if one happened. */
  readonly nonFiniteCause: EngineError | null;
}

/**
 * Adapts a runtime Model. A step whose loss or gradients are not finite makes the runtime throw; the
 * adapter reports it as a NaN loss instead, so the loop ends the run with a TrainingFailure that
 * carries the finished epochs and the best weights, and keeps the engine's message for the person.
 */
export function adaptModel(model: Model): AdaptedModel {
  let nonFiniteCause: EngineError | null = null;
  return {
    get nonFiniteCause() {
      return nonFiniteCause;
    },
    trainStep(batch: Batch): number {
      try {
        return model.trainStep(batch);
      } catch (error) {
        if (error instanceof EngineError && error.code === 'nonFinite') {
          nonFiniteCause = error;
          return Number.NaN;
        }
        throw error;
      }
    },
    lastTrainPredictions: () => model.lastTrainPredictions(),
    evaluate(batch: Batch) {
      const { loss, outputs } = model.evaluate(batch);
      return { loss, predictions: outputs };
    },
    getWeights: (): WeightMap => model.getWeights(),
    setWeights: (weights: WeightMap) => model.setWeights(weights),
    get learningRate() {
      return model.learningRate;
    },
    endEpoch: () => model.advanceEpoch(),
  };
}
