/**
 * Runs one layer's recorded ops in isolation: given inputs, weights and an output gradient,
 * returns the output, the input gradients and the weight gradients.
 */
import type { Kernels } from '../../../engine/kernels/api';
import type { LayerType, ParamValue, ProgramNode } from '../../../engine/model';
import { layerBuilder } from '../../../engine/runtime/layers';
import { ParameterStore } from '../../../engine/runtime/parameters';
import { Rng } from '../../../engine/runtime/rng';
import { Tape } from '../../../engine/runtime/tape';
import { Arena } from '../../../engine/runtime/tensor';

export interface HarnessInput {
  shape: number[];
  data: Float32Array;
}

export interface LayerRun {
  y: Float32Array;
  yShape: number[];
  dxs: Float32Array[];
  /** Gradients by weight suffix ("kernel", "bias", ...). */
  grads: Record<string, Float32Array>;
  /** Weight values after the run (running statistics move in training mode). */
  weights: Record<string, Float32Array>;
}

/** Copies `data` into a fresh kernel buffer. */
export function put(k: Kernels, data: ArrayLike<number>, int = false): number {
  const ptr = k.alloc(Math.max(1, data.length) * 4);
  if (int) k.i32().set(Array.from(data), ptr >> 2);
  else k.f32().set(data, ptr >> 2);
  return ptr;
}

/** Copies `n` floats out of kernel memory. */
export function take(k: Kernels, ptr: number, n: number): Float32Array {
  return k.f32().slice(ptr >> 2, (ptr >> 2) + n);
}

export function runLayer(
  k: Kernels,
  type: LayerType,
  params: Record<string, ParamValue>,
  inputs: HarnessInput[],
  outputShape: number[],
  weights: Record<string, Float32Array>,
  dy: Float32Array | null,
  training = true,
): LayerRun {
  const node: ProgramNode = {
    id: 'layer',
    type,
    params,
    inputs: inputs.map((_, i) => `x${i}`),
    inputShapes: inputs.map((x) => x.shape.slice(1)),
    outputShape,
  };
  const store = new ParameterStore(k);
  const arena = new Arena(k);
  try {
    const builder = layerBuilder(type, node.id);
    builder.createParameters?.(node, store, new Rng(0));
    for (const [suffix, value] of Object.entries(weights)) k.f32().set(value, store.get(`layer/${suffix}`).ptr >> 2);
    const tape = new Tape(k, arena, training);
    const xs = inputs.map((x, i) => {
      const t = tape.tensor(x.shape, `x${i}`, 1);
      k.f32().set(x.data, t.ptr >> 2);
      return t;
    });
    const y = builder.record({ kernels: k, tape, params: store, batch: inputs[0].shape[0], seed: 1, steps: { count: 0 } }, node, xs, 1);
    tape.finish();
    for (const e of tape.entries) e.forward();
    if (training && dy) {
      k.f32().set(dy, y.grad >> 2);
      for (let i = tape.entries.length - 1; i >= 0; i--) tape.entries[i].backward?.();
    }
    const grads: Record<string, Float32Array> = {};
    const after: Record<string, Float32Array> = {};
    for (const p of store.list) {
      const suffix = p.name.slice('layer/'.length);
      after[suffix] = take(k, p.ptr, p.size);
      if (p.grad) grads[suffix] = take(k, p.grad, p.size);
    }
    return {
      y: take(k, y.ptr, y.size),
      yShape: y.shape,
      dxs: training && dy ? xs.map((x) => take(k, x.grad, x.size)) : [],
      grads,
      weights: after,
    };
  } finally {
    arena.dispose();
    store.dispose();
  }
}
