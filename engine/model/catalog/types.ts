import type { LayerType } from '../layerTypes';
import type { ParamValue, Shape } from '../program';

export type ParamKind = 'int' | 'float' | 'enum' | 'bool' | 'shape';
export type Params = Record<string, ParamValue>;

/** One editable parameter of a layer: what the inspector renders and validation checks. */
export interface ParamSpec {
  name: string;
  label: string;
  kind: ParamKind;
  default: ParamValue;
  min?: number;
  max?: number;
  /** Exclusive lower bound for floats such as a rate that must stay above 0. */
  minExclusive?: boolean;
  options?: readonly string[];
  /** What pickers show for each option, when it differs from the option itself. */
  optionLabels?: Readonly<Record<string, string>>;
  doc: string;
  /** Hidden in the inspector when it does not apply (e.g. ELU's alpha for a ReLU). */
  visibleWhen?: (params: Params) => boolean;
}

export type LayerCategory =
  | 'Input & output'
  | 'Core'
  | 'Convolution'
  | 'Pooling'
  | 'Normalisation'
  | 'Activation'
  | 'Merge'
  | 'Reshape'
  | 'Regularisation';

/** Thrown by shape inference; `ports` names the input ports involved so messages can name their source nodes. */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly ports: number[] = [],
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** Everything the app knows about one layer kind. Pure data and pure functions. */
export interface LayerSpec {
  type: LayerType;
  label: string;
  category: LayerCategory;
  doc: string;
  params: ParamSpec[];
  minInputs: number;
  maxInputs: number;
  /** false only for Output, which ends a branch. */
  hasOutput: boolean;
  /** Output shape from input shapes (batch dimension excluded). Throws ShapeError. Params are resolved. */
  inferShape(inputs: Shape[], params: Params): Shape;
  /** Trainable parameters (plus BatchNorm's running statistics, which count as non-trainable). */
  paramCount(inputs: Shape[], params: Params, output: Shape): number;
  /** Forward multiply-adds ×2 for one sample. */
  flops(inputs: Shape[], params: Params, output: Shape): number;
  /** Key params in a few words for the node face, e.g. "128 units · relu". */
  describe(params: Params): string;
}
