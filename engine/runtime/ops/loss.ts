/**
 * Losses over a model output's raw values (logits for the cross-entropy and KL losses).
 * The kernels are fused: one pass returns the mean loss and writes ∂loss/∂input, so the forward
 * rule is also the gradient rule.
 */
import type { Kernels, Ptr } from '../../kernels/api';
import { ActivationKind } from '../../kernels/api';
import type { LossName } from '../../model/program';

export interface LossArgs {
  loss: LossName;
  /** Product of every dimension but the last (batch included). */
  rows: number;
  /** Last-axis width. */
  cols: number;
  huberDelta: number;
  input: Ptr;
  /** Int32 class ids for sparse cross-entropy, else f32 values of the input's shape. */
  targets: Ptr;
  /** Written with ∂loss/∂input. */
  dinput: Ptr;
}

/** Returns the mean loss and writes its gradient into `dinput`. */
export function forward(k: Kernels, a: LossArgs): number {
  const n = a.rows * a.cols;
  switch (a.loss) {
    case 'sparseCategoricalCrossentropy':
      return k.softmaxCrossEntropySparse(a.rows, a.cols, a.input, a.targets, a.dinput);
    case 'categoricalCrossentropy':
      return k.softmaxCrossEntropyDense(a.rows, a.cols, a.input, a.targets, a.dinput);
    case 'binaryCrossentropy':
      return k.sigmoidBinaryCrossEntropy(n, a.input, a.targets, a.dinput);
    case 'klDivergence':
      return k.klDivergenceFromLogits(a.rows, a.cols, a.input, a.targets, a.dinput);
    case 'meanSquaredError':
      return k.meanSquaredError(n, a.input, a.targets, a.dinput);
    case 'meanAbsoluteError':
      return k.meanAbsoluteError(n, a.input, a.targets, a.dinput);
    case 'huber':
      return k.huber(n, a.input, a.targets, a.huberDelta, a.dinput);
    default: {
      const unreachable: never = a.loss;
      throw new Error(`Unknown loss ${String(unreachable)}`);
    }
  }
}

/** The gradient was written by `forward`; nothing is left to do. */
export function backward(): void {}

/** What predictions show for an output: softmax (CE, KL), sigmoid (BCE) or the raw value. */
export function predictionTransform(k: Kernels, loss: LossName, rows: number, cols: number, input: Ptr, out: Ptr): void {
  switch (loss) {
    case 'sparseCategoricalCrossentropy':
    case 'categoricalCrossentropy':
    case 'klDivergence':
      return k.softmaxForward(rows, cols, input, out);
    case 'binaryCrossentropy':
      return k.activationForward(ActivationKind.sigmoid, rows * cols, input, out, 0);
    case 'meanSquaredError':
    case 'meanAbsoluteError':
    case 'huber':
      return k.copy(rows * cols, input, out);
    default: {
      const unreachable: never = loss;
      throw new Error(`Unknown loss ${String(unreachable)}`);
    }
  }
}
