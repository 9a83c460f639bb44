/**
 * A plan: the program's ops recorded for one batch size and mode, with every buffer allocated.
 * Built once and reused by every step of that size, so a step only copies the batch in and runs
 * kernels.
 */
import type { Kernels, Ptr } from '../kernels/api';
import type { LossName, Program } from '../model/program';
import { EngineError } from './errors';
import { poolActivationFusions, withoutActivation } from './fusion';
import { layerBuilder } from './layers';
import type { RecordContext } from './layers';
import { recordActivation } from './layers/activation';
import * as lossOp from './ops/loss';
import type { ParameterStore } from './parameters';
import { Arena } from './tensor';
import type { Tensor } from './tensor';
import { sizeOfShape } from './tensor';
import type { TapeEntry } from './tape';
import { Tape } from './tape';

export type PlanMode = 'train' | 'infer';

/** An Output node bound to its buffers. */
export interface OutputBinding {
  nodeId: string;
  loss: LossName;
  logits: Tensor;
  /** Values per sample. */
  sampleSize: number;
  lossArgs: lossOp.LossArgs;
  /** Probabilities / values shown to the user. */
  predictions: Ptr;
}

/** Program input bound to its buffer. */
export interface InputBinding {
  nodeId: string;
  ptr: Ptr;
  sampleSize: number;
  shape: readonly number[];
}

export class Plan {
  readonly inputs: InputBinding[] = [];
  readonly outputs: OutputBinding[] = [];
  private readonly forwards: (() => void)[];
  private readonly backwards: (() => void)[];

  constructor(
    private readonly kernels: Kernels,
    readonly batch: number,
    readonly mode: PlanMode,
    private readonly arena: Arena,
    private readonly entries: TapeEntry[],
  ) {
    this.forwards = entries.map((e) => e.forward);
    this.backwards = entries
      .map((e) => e.backward)
      .filter((b): b is () => void => b !== null)
      .reverse();
  }

  forward(): void {
    const f = this.forwards;
    for (let i = 0; i < f.length; i++) f[i]();
  }

  /** Sum of the outputs' mean losses; also writes each loss's gradient. */
  loss(): number {
    let total = 0;
    for (const o of this.outputs) total += lossOp.forward(this.kernels, o.lossArgs);
    return total;
  }

  backward(): void {
    const b = this.backwards;
    for (let i = 0; i < b.length; i++) b[i]();
  }

  /** Writes each output's predictions (softmax / sigmoid / identity of the raw output). */
  predict(): void {
    for (const o of this.outputs) {
      const cols = o.logits.shape[o.logits.shape.length - 1];
      lossOp.predictionTransform(this.kernels, o.loss, o.logits.size / cols, cols, o.logits.ptr, o.predictions);
    }
  }

  /** The first op, in forward order, whose output holds NaN or Inf (after a forward pass). */
  firstNonFinite(): TapeEntry | null {
    for (const e of this.entries) {
      for (const t of e.outputs) if (this.kernels.hasNonFinite(t.size, t.ptr)) return e;
    }
    return null;
  }

  get allocatedBytes(): number {
    return this.arena.allocatedBytes;
  }

  dispose(): void {
    this.arena.dispose();
  }
}

/** How many ops read each node's output (Output nodes count as readers). */
export function countConsumers(program: Program): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of program.nodes) for (const id of n.inputs) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Records every node of `program` for `batch` samples. */
export function buildPlan(program: Program, kernels: Kernels, params: ParameterStore, batch: number, mode: PlanMode, seed: number, steps: { count: number }): Plan {
  const arena = new Arena(kernels);
  try {
    const tape = new Tape(kernels, arena, mode === 'train');
    const ctx: RecordContext = { kernels, tape, params, batch, seed, steps };
    const consumers = countConsumers(program);
    const fusions = poolActivationFusions(program, consumers);
    const deferred = new Set([...fusions.values()].map((n) => n.id));
    const tensors = new Map<string, Tensor>();
    const inputs: InputBinding[] = [];
    const outputs: OutputBinding[] = [];
    for (const node of program.nodes) {
      const readers = consumers.get(node.id) ?? 0;
      if (node.type === 'Input') {
        const shape = [batch, ...node.outputShape];
        const ptr = arena.alloc(sizeOfShape(shape), `${node.id} batch`);
        tensors.set(node.id, tape.wrap(ptr, shape, node.id, readers, false));
        inputs.push({ nodeId: node.id, ptr, sampleSize: sizeOfShape(node.outputShape), shape: node.outputShape });
        continue;
      }
      const ins = node.inputs.map((id) => {
        const t = tensors.get(id);
        if (!t) throw new EngineError('unsupported', `Node ${node.id} reads ${id}, which comes later in the program.`, { nodeId: node.id });
        return t;
      });
      if (node.type === 'Output') {
        outputs.push(bindOutput(tape, node.id, program, ins[0]));
        continue;
      }
      const builder = layerBuilder(node.type, node.id);
      const producer = fusions.get(node.id);
      if (producer) {
        const pooled = builder.record(ctx, node, ins, 1);
        tensors.set(node.id, recordActivation(ctx, producer, String(producer.params.activation), pooled, readers));
      } else {
        tensors.set(node.id, builder.record(ctx, deferred.has(node.id) ? withoutActivation(node) : node, ins, readers));
      }
    }
    tape.finish();
    const plan = new Plan(kernels, batch, mode, arena, tape.entries);
    // Batches list inputs in program.inputs order, which need not be topological order.
    const inputRank = (id: string) => program.inputs.indexOf(id);
    plan.inputs.push(...inputs.sort((a, b) => inputRank(a.nodeId) - inputRank(b.nodeId)));
    // Targets arrive in program.outputs order, which need not be topological order.
    const rank = (id: string) => program.outputs.findIndex((o) => o.nodeId === id);
    plan.outputs.push(...outputs.sort((a, b) => rank(a.nodeId) - rank(b.nodeId)));
    return plan;
  } catch (err) {
    arena.dispose();
    throw err;
  }
}

function bindOutput(tape: Tape, nodeId: string, program: Program, logits: Tensor): OutputBinding {
  const spec = program.outputs.find((o) => o.nodeId === nodeId);
  const node = program.nodes.find((n) => n.id === nodeId);
  if (!spec || !node) throw new EngineError('unsupported', `Output ${nodeId} is not listed among the program's outputs.`, { nodeId });
  const cols = logits.shape[logits.shape.length - 1];
  const rows = logits.size / cols;
  const sparse = spec.loss === 'sparseCategoricalCrossentropy';
  const grad = tape.inputGrad(logits);
  // The loss kernels always write a gradient; inference plans (or constant outputs) get a sink.
  const dinput = grad || tape.scratch(logits.size, `${nodeId} loss gradient`);
  const delta = node.params.huberDelta;
  const lossArgs: lossOp.LossArgs = {
    loss: spec.loss,
    rows,
    cols,
    huberDelta: typeof delta === 'number' ? delta : 1,
    input: logits.ptr,
    targets: tape.scratch(sparse ? rows : logits.size, `${nodeId} targets`),
    dinput,
  };
  tape.record('loss', nodeId, [], () => {}, null);
  return { nodeId, loss: spec.loss, logits, sampleSize: logits.size / (logits.shape[0] || 1), lossArgs, predictions: tape.scratch(logits.size, `${nodeId} predictions`) };
}
