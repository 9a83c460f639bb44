/**
 * Plan-time rewrites that save whole passes over large tensors without changing any value.
 *
 * Activation before max pooling: for a non-decreasing f, max(f(x)) = f(max(x)), and both
 * gradients route to the same input element (an all-non-positive window gets 0 either way, as
 * f' = 0 there for ReLU and the max is at most 0 with f(0) = 0 for the others). So
 * Conv/Dense(f) → MaxPool becomes Conv → MaxPool → f, running f and f' on the pooled tensor,
 * a quarter of the size for 2×2 pooling.
 */
import type { ProgramNode, Program } from '../model/program';

/** Non-decreasing activations with f(0) = 0 (so zero padding would not matter either). */
const POOL_COMMUTING = new Set(['relu', 'leakyRelu', 'elu', 'tanh']);

/** For each MaxPool2D that may apply its producer's activation: pool id -> producer node. */
export function poolActivationFusions(program: Program, consumers: Map<string, number>): Map<string, ProgramNode> {
  const byId = new Map(program.nodes.map((n) => [n.id, n]));
  const fusions = new Map<string, ProgramNode>();
  for (const pool of program.nodes) {
    if (pool.type !== 'MaxPool2D') continue;
    const producer = byId.get(pool.inputs[0]);
    if (!producer || (producer.type !== 'Conv2D' && producer.type !== 'Dense')) continue;
    if (consumers.get(producer.id) !== 1) continue;
    if (!POOL_COMMUTING.has(String(producer.params.activation))) continue;
    fusions.set(pool.id, producer);
  }
  return fusions;
}

/** The node with its activation removed (the pool after it applies it). */
export function withoutActivation(node: ProgramNode): ProgramNode {
  return { ...node, params: { ...node.params, activation: 'none' } };
}
