/** What every exporter starts from: the compiled program, checked weights, and per-output post-processing. */
import { compileGraph } from '../model/compile';
import { lossSpec } from '../model/losses';
import type { PredictionActivation } from '../model/losses';
import type { LossName, Program, ProgramNode } from '../model/program';
import type { ExportableModel } from './types';
import { InteropError } from './types';

/** A model ready to be written: its program plus weights whose names and sizes have been checked. */
export interface PreparedModel {
  program: Program;
  weights: Record<string, Float32Array>;
  byId: Map<string, ProgramNode>;
  /** Nodes each node feeds, for exporters that need consumer counts. */
  consumers: Map<string, string[]>;
}

/** The shape of each engine weight of a node, by short name (kernel, bias, gamma, ...). */
export function weightShapes(node: ProgramNode): Record<string, number[]> {
  const input = node.inputShapes[0] ?? [];
  const channels = input[input.length - 1];
  switch (node.type) {
    case 'Dense': {
      const units = node.params.units as number;
      return { kernel: [input[0], units], ...(node.params.useBias !== false ? { bias: [units] } : {}) };
    }
    case 'Conv2D': {
      const k = node.params.kernelSize as number;
      const f = node.params.filters as number;
      const groups = (node.params.groups as number | undefined) ?? 1;
      return { kernel: [k, k, input[2] / groups, f], ...(node.params.useBias !== false ? { bias: [f] } : {}) };
    }
    case 'DepthwiseConv2D': {
      // Output channel c·m + j comes from input channel c and its j-th filter, as in Keras and PyTorch (groups = C).
      const k = node.params.kernelSize as number;
      const m = node.params.depthMultiplier as number;
      return { kernel: [k, k, input[2], m], ...(node.params.useBias !== false ? { bias: [input[2] * m] } : {}) };
    }
    case 'BatchNorm':
      return { gamma: [channels], beta: [channels], runningMean: [channels], runningVar: [channels] };
    case 'LayerNorm':
      return { gamma: [channels], beta: [channels] };
    case 'Input':
    case 'Output':
    case 'MaxPool2D':
    case 'AvgPool2D':
    case 'GlobalAvgPool2D':
    case 'Flatten':
    case 'Reshape':
    case 'Dropout':
    case 'Activation':
    case 'Add':
    case 'Concatenate':
      return {};
    default: {
      const unreachable: never = node.type;
      throw new InteropError(`Unknown layer type ${String(unreachable)}.`);
    }
  }
}

/** Compiles the document and checks that every weight it needs is present with the right size. */
export function prepareModel(model: ExportableModel): PreparedModel {
  const compiled = compileGraph(model.document);
  if (!compiled.ok) {
    const lines = compiled.issues.map((i) => `  - ${i.nodeId ?? i.edgeId ?? 'model'}: ${i.message}`);
    throw new InteropError(`The model has errors, so it cannot be exported:\n${lines.join('\n')}`);
  }
  const program = compiled.program;
  const problems: string[] = [];
  for (const node of program.nodes) {
    for (const [key, shape] of Object.entries(weightShapes(node))) {
      const name = `${node.id}/${key}`;
      const w = model.weights[name];
      const size = shape.reduce((a, b) => a * b, 1);
      if (!w) problems.push(`  - ${name} is missing`);
      else if (w.length !== size) problems.push(`  - ${name} has ${w.length} values but needs ${size} (${shape.join('×')})`);
    }
  }
  if (problems.length > 0) throw new InteropError(`The weights do not fit the model:\n${problems.join('\n')}`);
  const consumers = new Map<string, string[]>(program.nodes.map((n) => [n.id, []]));
  for (const node of program.nodes) for (const src of node.inputs) consumers.get(src)?.push(node.id);
  return { program, weights: model.weights, byId: new Map(program.nodes.map((n) => [n.id, n])), consumers };
}

/** What turns an output's raw values into the predictions our `predict` returns (the loss table's `prediction`). */
export function predictionActivation(loss: LossName): PredictionActivation {
  const spec = lossSpec(loss);
  if (!spec) throw new InteropError(`Unknown loss ${String(loss)}.`);
  return spec.prediction;
}

/** A name safe as a Python identifier, Keras layer name and ONNX value name: [A-Za-z_][A-Za-z0-9_]*. */
export function safeName(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `n_${cleaned}`;
}

/** safeName for every node, made unique (two ids may clean up to the same name). */
export function uniqueSafeNames(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    let name = safeName(id);
    for (let i = 2; used.has(name); i++) name = `${safeName(id)}_${i}`;
    used.add(name);
    out.set(id, name);
  }
  return out;
}

/** Transposes a row-major [rows, cols] matrix. */
export function transpose2d(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

/** HWIO [kH, kW, inC, outC] -> OIHW [outC, inC, kH, kW] (ONNX and PyTorch layout), and back with `inverse`. */
export function hwioToOihw(values: Float32Array, kH: number, kW: number, inC: number, outC: number, inverse = false): Float32Array {
  const out = new Float32Array(values.length);
  for (let h = 0; h < kH; h++)
    for (let w = 0; w < kW; w++)
      for (let i = 0; i < inC; i++)
        for (let o = 0; o < outC; o++) {
          const hwio = ((h * kW + w) * inC + i) * outC + o;
          const oihw = ((o * inC + i) * kH + h) * kW + w;
          if (inverse) out[hwio] = values[oihw];
          else out[oihw] = values[hwio];
        }
  return out;
}

/**
 * LeakyReLU's slope and ELU's alpha of a node. Dense and Conv2D have no such params, so their fused
 * leakyRelu / elu use the engine's defaults (0.01 and 1), exactly as the runtime does.
 */
export function activationConstants(node: ProgramNode): { negativeSlope: number; alpha: number } {
  const slope = node.params.negativeSlope;
  const alpha = node.params.alpha;
  return { negativeSlope: typeof slope === 'number' ? slope : 0.01, alpha: typeof alpha === 'number' ? alpha : 1 };
}
