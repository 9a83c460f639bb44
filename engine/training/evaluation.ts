/** Answers to the host's requests about trained weights and datasets: test evaluation, prediction, dataset preview. */
import type { Dataset } from '../data';
import { DatasetError, shapeSize } from '../data';
import type { Model } from '../runtime';
import { boundaryGrid, decisionGrid, hasPlanarInputs } from './boundary';
import { targetsForLoss } from './fit';
import { normaliseCopy, toNormalisationStats } from './normalisation';
import type { DatasetPreviewMessage, EvaluationMessage, InputNormalisation, PredictionMessage } from './protocol';
import type { LossName } from '../model/program';
import { plural } from '../model/plural';

/** Test samples sent with an evaluation, for the sample grid's first page; later pages are asked for. */
export const EVALUATION_PREVIEW_LIMIT = 64;
/** 2-D test sets send all their points (for the decision map) up to this many. */
export const EVALUATION_POINT_LIMIT = 50_000;

/** Predicted class (argmax, or 0/1 at 0.5 for one output) of each row. */
function predictedClasses(predictions: Float32Array, count: number, width: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    if (width === 1) out[i] = predictions[i] >= 0.5 ? 1 : 0;
    else {
      let best = 0;
      for (let c = 1; c < width; c++) if (predictions[i * width + c] > predictions[i * width + best]) best = c;
      out[i] = best;
    }
  }
  return out;
}

/** Indices of up to `limit` samples, the worst first: misclassified (classes) or largest error (regression). */
export function previewIndices(task: Dataset['meta']['task'], predictions: Float32Array, targets: ArrayLike<number>, count: number, width: number, limit: number): Int32Array {
  const order = Array.from({ length: count }, (_, i) => i);
  if (task === 'regression') {
    const error = (i: number) => Math.abs(predictions[i * width] - targets[i]);
    order.sort((a, b) => error(b) - error(a));
  } else {
    const predicted = predictedClasses(predictions, count, width);
    const wrong = order.filter((i) => predicted[i] !== targets[i]);
    const right = order.filter((i) => predicted[i] === targets[i]);
    order.splice(0, count, ...wrong, ...right);
  }
  return Int32Array.from(order.slice(0, limit));
}

/** Evaluates a model (its trained weights already set) on the dataset's test split. */
export function evaluateTestSplit(requestId: string, model: Model, loss: LossName, dataset: Dataset, normalisation: InputNormalisation): EvaluationMessage {
  const { meta, test } = dataset;
  const x = normaliseCopy(normalisation, test.x);
  const trainingTargets = targetsForLoss(test, loss, meta.classes.length).y;
  const { loss: meanLoss, outputs } = model.evaluate({ inputs: [x], targets: trainingTargets, size: test.count });
  const width = test.count > 0 ? outputs.length / test.count : 1;
  const planar = hasPlanarInputs(meta);
  const indices = previewIndices(meta.task, outputs, test.y, test.count, width, planar ? EVALUATION_POINT_LIMIT : EVALUATION_PREVIEW_LIMIT);
  const sampleSize = shapeSize(test.sampleShape);
  const samples = new Float32Array(indices.length * sampleSize);
  indices.forEach((index, k) => samples.set(test.x.subarray(index * sampleSize, (index + 1) * sampleSize), k * sampleSize));
  const targets = meta.task === 'classification' ? Int32Array.from(test.y) : Float32Array.from(test.y);
  let decisionMap: EvaluationMessage['decisionMap'];
  if (planar) {
    const grid = boundaryGrid([dataset.train, test], toNormalisationStats(normalisation));
    decisionMap = decisionGrid(grid, model.predict([grid.inputs], grid.size * grid.size));
  }
  return {
    type: 'evaluation',
    requestId,
    task: meta.task,
    classes: [...meta.classes],
    predictions: outputs,
    targets,
    outputWidth: width,
    count: test.count,
    loss: meanLoss,
    samples,
    // The samples are the dataset's own (e.g. [28, 28, 1] images), whatever shape the model reads them in.
    sampleShape: [...test.sampleShape],
    sampleIndices: indices,
    ...(decisionMap ? { decisionMap } : {}),
  };
}

/** Predictions for raw samples: the saved normalisation first, then the model. */
export function predictRaw(requestId: string, model: Model, normalisation: InputNormalisation, inputs: Float32Array, count: number, inputShape: readonly number[]): PredictionMessage {
  const size = shapeSize(inputShape);
  if (!(count >= 1) || inputs.length !== count * size) {
    throw new DatasetError(
      'invalidData',
      `Expected ${plural(count, 'sample')} of shape [${inputShape.join(', ')}] (${plural(count * size, 'value')}) but got ${plural(inputs.length, 'value')}.`,
      `Give ${size} values per sample, in the order of the model's Input shape.`,
    );
  }
  const outputs = model.predict([normaliseCopy(normalisation, inputs)], count);
  return { type: 'prediction', requestId, outputs, outputWidth: outputs.length / count };
}

/** Which samples a preview reads: the first `samples` of the training split, or named ones of a split. */
export interface PreviewSelection {
  split?: 'train' | 'test';
  indices?: Int32Array;
}

/** The samples of `split` at `indices`, raw, with their labels; an index outside the split is an error. */
function gatherSamples(split: Dataset['train'], indices: Int32Array): { samples: Float32Array; labels: Int32Array | Float32Array } {
  const size = shapeSize(split.sampleShape);
  const width = split.count > 0 ? split.y.length / split.count : 1;
  const samples = new Float32Array(indices.length * size);
  const labels = split.y instanceof Int32Array ? new Int32Array(indices.length * width) : new Float32Array(indices.length * width);
  indices.forEach((index, k) => {
    if (!(Number.isInteger(index) && index >= 0 && index < split.count)) {
      throw new DatasetError('invalidData', `Sample ${index} is outside the split's ${split.count} samples.`, 'Evaluate the run again: the dataset changed since it was evaluated.');
    }
    samples.set(split.x.subarray(index * size, (index + 1) * size), k * size);
    labels.set(split.y.subarray(index * width, (index + 1) * width), k * width);
  });
  return { samples, labels };
}

/** The dataset's description and its first training samples (or the selected samples of a split), raw. */
export function datasetPreview(requestId: string, dataset: Dataset, samples: number, selection: PreviewSelection = {}): DatasetPreviewMessage {
  const split = selection.split === 'test' ? dataset.test : dataset.train;
  if (selection.indices) {
    const picked = gatherSamples(split, selection.indices);
    return { type: 'datasetPreview', requestId, meta: previewMeta(dataset), ...picked, count: selection.indices.length, indices: Int32Array.from(selection.indices) };
  }
  const count = Math.max(0, Math.min(Math.floor(samples), split.count));
  const size = shapeSize(split.sampleShape);
  const width = split.count > 0 ? split.y.length / split.count : 1;
  return {
    type: 'datasetPreview',
    requestId,
    meta: previewMeta(dataset),
    samples: split.x.slice(0, count * size),
    labels: split.y.slice(0, count * width),
    count,
  };
}

/** The description part of a preview. */
function previewMeta({ meta }: Dataset): DatasetPreviewMessage['meta'] {
  return {
    id: meta.id,
    name: meta.name,
    description: meta.description,
    task: meta.task,
    inputShape: [...meta.inputShape],
    classes: [...meta.classes],
    trainCount: meta.trainCount,
    testCount: meta.testCount,
    source: meta.source,
    ...(meta.featureNames ? { featureNames: [...meta.featureNames] } : {}),
    ...(meta.targetName ? { targetName: meta.targetName } : {}),
  };
}
