/** The engine runtime: builds a trainable model from a compiled Program over a set of kernels. */
import type { Kernels } from '../kernels/api';
import type { Program } from '../model/program';
import { Model } from './model';

export { Model } from './model';
export type { Batch, ModelOptions } from './model';
import type { ModelOptions } from './model';
export { EngineError } from './errors';
export type { EngineErrorCode, EngineErrorDetails } from './errors';
export { learningRateAt } from './schedule';
export type { SchedulePosition } from './schedule';

/** Builds a model (weights initialised from `opts.seed`, default program.training.seed) with its optimiser and schedule. */
export function buildModel(program: Program, kernels: Kernels, opts: ModelOptions = {}): Model {
  return new Model(program, kernels, opts);
}
