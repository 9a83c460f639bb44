/**
 * The compiled form of a model document: what the engine runtime builds a trainable model from.
 * Plain JSON, versioned, with every parameter resolved (defaults filled in) and every shape known.
 */
import type { LayerType } from './layerTypes';
import type { TrainingConfig } from './document';
import type { LossName } from './losses';

/** A tensor shape without the batch dimension. Images are channels-last: [height, width, channels]. */
export type Shape = readonly number[];

export type ParamValue = number | string | boolean | number[];

export interface ProgramNode {
  id: string;
  type: LayerType;
  /** Every catalog parameter of the layer, defaults filled in. */
  params: Record<string, ParamValue>;
  /** Source node ids, in target-port order (port 0 first). */
  inputs: string[];
  inputShapes: Shape[];
  outputShape: Shape;
  /** true: training leaves this layer's weights (and BatchNorm statistics) unchanged. Absent: it learns. */
  frozen?: boolean;
}

export interface ProgramOutput {
  nodeId: string;
  loss: LossName;
}

export const PROGRAM_VERSION = 1;

export interface Program {
  version: typeof PROGRAM_VERSION;
  /** Topologically ordered: every node comes after all of its inputs. Includes Input and Output nodes. */
  nodes: ProgramNode[];
  /** Ids of Input nodes, in document order. */
  inputs: string[];
  /** The Output nodes with their losses. */
  outputs: ProgramOutput[];
  training: TrainingConfig;
}

export { LOSS_NAMES } from './losses';
export type { LossName } from './losses';
