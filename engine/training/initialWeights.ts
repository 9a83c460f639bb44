/**
 * Starting a run from earlier weights (continue training, fine-tune): which given weights the model
 * takes, which it ignores (their layer is gone) and which stay freshly initialised (a new layer),
 * with a mismatch in shape reported by layer, weight and both shapes. The input transform the
 * weights were trained with is reused rather than fitted again, so the weights keep their meaning.
 */
import type { PreparedDataset } from '../data';
import { applyNormalisation, shapeSize } from '../data';
import type { Model } from '../runtime';
import { SessionFailure } from './failures';
import { toNormalisationStats } from './normalisation';
import type { InputNormalisation, WeightMap } from './protocol';

/** How given weights map onto a model. */
export interface StartingWeightsPlan {
  /** Names taken from the given weights. */
  loaded: string[];
  /** Given names the model has no weight for (a removed layer): left out. */
  ignored: string[];
  /** Model weights the given ones lack (a new layer): they keep their fresh initialisation. */
  fresh: string[];
}

const formatShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
const layerOf = (name: string): string => name.slice(0, name.lastIndexOf('/'));

/**
 * Checks given weights against the model's weight shapes. `givenShapes` (a trained file's) lets a
 * mismatch name both shapes; without it the number of values is compared. Throws a SessionFailure
 * ('invalidModel') naming the first weight that does not fit, or when nothing at all fits.
 */
export function planStartingWeights(modelShapes: Record<string, readonly number[]>, given: WeightMap, givenShapes?: Record<string, readonly number[]>): StartingWeightsPlan {
  const plan: StartingWeightsPlan = { loaded: [], ignored: [], fresh: [] };
  for (const [name, values] of Object.entries(given)) {
    const shape = modelShapes[name];
    if (!shape) {
      plan.ignored.push(name);
      continue;
    }
    const theirs = givenShapes?.[name];
    const size = shapeSize(shape);
    const fits = theirs ? theirs.length === shape.length && theirs.every((d, i) => d === shape[i]) && values.length === size : values.length === size;
    if (!fits) {
      const what = theirs ? `is ${formatShape(theirs)} in the starting weights` : `has ${values.length} values in the starting weights`;
      throw new SessionFailure(
        'invalidModel',
        `The starting weights do not fit layer ${layerOf(name)}: weight ${name} ${what}, but the model needs ${formatShape(shape)} (${size} values).`,
        `Give layer ${layerOf(name)} its former size again, or replace it with a new layer (a new id), which starts from fresh weights.`,
      );
    }
    plan.loaded.push(name);
  }
  for (const name of Object.keys(modelShapes)) if (!(name in given)) plan.fresh.push(name);
  if (plan.loaded.length === 0 && Object.keys(given).length > 0) {
    throw new SessionFailure(
      'invalidModel',
      `None of the starting weights belongs to this model: it has no layer named ${[...new Set(plan.ignored.map(layerOf))].slice(0, 5).join(', ')}.`,
      'Start from the weights of a run of this model, or train it from scratch.',
    );
  }
  return plan;
}

/** Loads the given weights that fit over the model's fresh ones (see planStartingWeights). */
export function loadStartingWeights(model: Model, given: WeightMap, givenShapes?: Record<string, readonly number[]>): StartingWeightsPlan {
  const plan = planStartingWeights(model.weightShapes(), given, givenShapes);
  const weights = model.getWeights();
  for (const name of plan.loaded) weights[name] = given[name];
  model.setWeights(weights);
  return plan;
}

/**
 * The prepared dataset normalised with a saved transform instead of a fitted one. `prepared` must
 * come from prepare() with normalisation 'none' (raw values); its splits are normalised in place.
 */
export function reuseNormalisation(prepared: PreparedDataset, normalisation: InputNormalisation): PreparedDataset {
  const features = shapeSize(prepared.train.sampleShape);
  const width = normalisation.offset.length;
  const consistent = width === normalisation.scale.length && (normalisation.kind === 'none' || width === 1 || width === features);
  if (!consistent) {
    throw new SessionFailure(
      'dataset',
      `The starting weights were trained on inputs normalised over ${width} feature(s), but ${prepared.meta.name} has ${features} per sample.`,
      'Continue training on the dataset the weights were trained on, or train from scratch.',
    );
  }
  const stats = toNormalisationStats(normalisation);
  for (const split of [prepared.train, prepared.validation, prepared.test]) if (split) applyNormalisation(stats, split.x);
  return { ...prepared, normalisation: stats };
}
