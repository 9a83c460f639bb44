/** Copies a batch (or a slice of it) from JS arrays into a plan's input and target buffers, checking sizes. */
import type { Kernels } from '../kernels/api';
import { EngineError } from './errors';
import type { Plan } from './plan';

/** Copies samples [start, start+size) of each input (holding `total` samples) into the plan. */
export function loadInputs(k: Kernels, plan: Plan, inputs: Float32Array[], total: number, start: number, size: number): void {
  if (inputs.length !== plan.inputs.length) {
    throw new EngineError('invalidInput', `The model has ${plan.inputs.length} input(s) but ${inputs.length} array(s) were given.`);
  }
  const f32 = k.f32();
  for (let i = 0; i < inputs.length; i++) {
    const b = plan.inputs[i];
    const data = inputs[i];
    if (data.length !== total * b.sampleSize) {
      throw new EngineError(
        'shapeMismatch',
        `Input ${b.nodeId} expects ${total} samples of shape ${b.shape.join('×')} (${total * b.sampleSize} values) but got ${data.length} values.`,
        { nodeId: b.nodeId, expectedShape: [total, ...b.shape], actualShape: [data.length] },
      );
    }
    const from = start * b.sampleSize;
    f32.set(from === 0 && size === total ? data : data.subarray(from, from + size * b.sampleSize), b.ptr >> 2);
  }
}

/** Copies samples [start, start+size) of the targets into each output's target buffer. */
export function loadTargets(
  k: Kernels,
  plan: Plan,
  targets: Float32Array | Int32Array | (Float32Array | Int32Array)[],
  total: number,
  start: number,
  size: number,
): void {
  // No wrapping array for the common single-output case: nothing is allocated per step.
  const given = Array.isArray(targets) ? targets.length : 1;
  if (given !== plan.outputs.length) {
    throw new EngineError('invalidInput', `The model has ${plan.outputs.length} output(s) but ${given} target array(s) were given.`);
  }
  for (let i = 0; i < given; i++) {
    const o = plan.outputs[i];
    const data = Array.isArray(targets) ? targets[i] : targets;
    const sparse = o.loss === 'sparseCategoricalCrossentropy';
    const cols = o.lossArgs.cols;
    // Sparse targets hold one class id per row of the output (rows per sample = sampleSize / cols).
    const perSample = sparse ? o.sampleSize / cols : o.sampleSize;
    if (data.length !== total * perSample) {
      throw new EngineError(
        'shapeMismatch',
        `Output ${o.nodeId} (${o.loss}) expects ${total * perSample} target values for ${total} samples but got ${data.length}.`,
        { nodeId: o.nodeId, expectedShape: [total, perSample], actualShape: [data.length] },
      );
    }
    const from = start * perSample;
    const count = size * perSample;
    const at = o.lossArgs.targets >> 2;
    if (sparse) {
      const i32 = k.i32();
      for (let j = 0; j < count; j++) {
        const label = data[from + j];
        if (!(label >= 0 && label < cols) || label !== Math.floor(label)) {
          throw new EngineError('invalidInput', `Output ${o.nodeId}: label ${label} at sample ${start + Math.floor(j / perSample)} is not a class index in 0..${cols - 1}.`, {
            nodeId: o.nodeId,
          });
        }
        i32[at + j] = label;
      }
    } else if (data instanceof Float32Array) {
      k.f32().set(data.subarray(from, from + count), at);
    } else {
      const f32 = k.f32();
      for (let j = 0; j < count; j++) f32[at + j] = data[from + j];
    }
  }
}
