/** What a layer sees while its ops are recorded into a plan, and the layer builder contract. */
import type { Kernels } from '../../kernels/api';
import type { ProgramNode } from '../../model/program';
import type { ParameterStore } from '../parameters';
import type { Rng } from '../rng';
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';

export interface RecordContext {
  kernels: Kernels;
  tape: Tape;
  params: ParameterStore;
  batch: number;
  /** The model's seed, for per-layer dropout streams. */
  seed: number;
  /** Training steps taken so far; dropout reads it to draw a new mask each step. */
  steps: { count: number };
}

/** How one layer kind creates its parameters (once per model) and records its ops (once per plan). */
export interface LayerBuilder {
  createParameters?(node: ProgramNode, store: ParameterStore, rng: Rng): void;
  /** Records the layer's ops; the returned tensor is read by `consumers` downstream ops. */
  record(ctx: RecordContext, node: ProgramNode, inputs: Tensor[], consumers: number): Tensor;
}

/** Reads a numeric param, falling back to `fallback` when the program omits it. */
export function numberParam(node: ProgramNode, name: string, fallback: number): number {
  const v = node.params[name];
  return typeof v === 'number' ? v : fallback;
}

/** Reads a string param, falling back to `fallback` when the program omits it. */
export function stringParam(node: ProgramNode, name: string, fallback: string): string {
  const v = node.params[name];
  return typeof v === 'string' ? v : fallback;
}
