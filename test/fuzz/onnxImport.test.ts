/**
 * Fuzzing the ONNX importer: our own exports of the templates with bytes flipped, inserted, deleted
 * and cut (mostly in the graph's structure at either end, where the weights are not), protobuf fields
 * swapped for hostile values (dims, raw_data, data types, attributes, op types, names), and random
 * bytes. Every input must import or be refused with an InteropError that says something.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportModel, importOnnx, InteropError } from '../../engine/interop';
import type { ExportableModel } from '../../engine/interop';
import { onnx } from '../../engine/interop/onnx/onnxProto';
import type { OnnxTypes } from '../../engine/interop/onnx/onnxProto';
import { describeFailures, runFuzz, usefulMessage } from './support/harness';
import type { FuzzInput } from './support/harness';
import { mutateBytes } from './support/mutate';
import { onnxExport } from './support/models';
import { Prng } from './support/prng';

const COUNT = 1200;

/** What was imported must also export (or be refused with a message) in every format. */
function exportAll(model: ExportableModel): void {
  for (const format of EXPORT_FORMATS) {
    try {
      exportModel(model, format);
    } catch (error) {
      if (!(error instanceof InteropError)) throw error;
    }
  }
}

const OPS = ['Gemm', 'MatMul', 'Conv', 'MaxPool', 'AveragePool', 'Transpose', 'Reshape', 'Flatten', 'BatchNormalization', 'LayerNormalization', 'Softmax', 'Add', 'Sum', 'Concat', 'Mul', 'Div', 'Sigmoid', 'Erf', 'Identity', 'Constant', 'Loop', ''];

/** One protobuf-level change: a field of a node, initializer or graph input set to something hostile. */
function mutateModel(bytes: Uint8Array, rng: Prng): Uint8Array {
  const m = onnx.ModelProto.decode(bytes);
  const g = m.graph!;
  const nodes = g.node ?? [];
  const inits = g.initializer ?? [];
  const hostileInts = (): number[] => rng.pick([[], [-1], [0], [1e9, 1e9], [2 ** 40], [3, 3, 3, 3, 3, 3, 3, 3, 3], [1, 2], [0, 2, 3, 1], [0, 3, 1, 2]]);
  const steps = 1 + rng.int(3);
  for (let s = 0; s < steps; s++) {
    const node = nodes.length ? rng.pick(nodes) : null;
    const init = inits.length ? rng.pick(inits) : null;
    switch (rng.int(12)) {
      case 0:
        if (init) init.dims = hostileInts();
        break;
      case 1:
        if (init?.rawData) init.rawData = init.rawData.subarray(0, rng.int(init.rawData.length + 1));
        break;
      case 2:
        if (init) init.dataType = rng.pick([0, 2, 6, 7, 11, 16, 99]);
        break;
      case 3:
        if (init) {
          init.rawData = new Uint8Array(0);
          init.floatData = Array.from({ length: rng.int(20) }, () => rng.next());
        }
        break;
      case 4:
        if (node) node.opType = rng.pick(OPS);
        break;
      case 5:
        if (node) node.attribute = (node.attribute ?? []).filter(() => rng.bool());
        break;
      case 6:
        if (node && node.attribute?.length) {
          const a = rng.pick(node.attribute);
          a.ints = hostileInts();
          a.i = rng.pick([-1, 0, 7, 2 ** 40]);
          a.f = rng.pick([NaN, Infinity, -1, 0]);
        }
        break;
      case 7:
        if (node) node.input = (node.input ?? []).map((i) => (rng.bool(0.4) ? rng.pick(['', 'nowhere', g.input?.[0]?.name ?? 'x', i]) : i));
        break;
      case 8:
        if (node) node.output = rng.bool() ? [] : [rng.pick(['', 'dup', (g.output ?? [])[0]?.name ?? 'y'])];
        break;
      case 9: {
        const dim = g.input?.[0]?.type?.tensorType?.shape?.dim;
        if (dim?.length) rng.pick(dim).dimValue = rng.pick([-5, 0, 2 ** 40, 1e6]);
        break;
      }
      case 10:
        if (nodes.length > 1) nodes.splice(rng.int(nodes.length), 1);
        break;
      default: {
        if (node) {
          const copy = onnx.NodeProto.fromObject(onnx.NodeProto.toObject(node as OnnxTypes.NodeProto));
          nodes.splice(rng.int(nodes.length + 1), 0, copy);
        }
      }
    }
  }
  return onnx.ModelProto.encode(m).finish();
}

function* inputs(): Generator<FuzzInput> {
  const rng = new Prng(0x0dd5 ^ Number(process.env.FUZZ_SEED ?? 0));
  const bases = ['binary-2d', 'resnet-small', 'lenet5', 'binary-2d'].map((name) => ({ name, bytes: onnxExport(name) }));
  // Mostly where the structure is: the nodes come first, the graph's inputs and outputs last.
  const focus = (length: number): number => {
    const r = rng.next();
    if (r < 0.4) return rng.int(Math.min(length, 4096) + 1);
    if (r < 0.7) return Math.max(0, length - 1 - rng.int(Math.min(length, 2048)));
    return rng.int(length + 1);
  };
  for (let i = 0; i < COUNT; i++) {
    const base = bases[i % bases.length];
    const label = `#${i} ${base.name}`;
    const kind = i % 5;
    if (kind === 0 || kind === 1) {
      const bytes = mutateBytes(base.bytes, rng, focus);
      yield { label: `${label} byte edit`, run: () => exportAll(importOnnx(bytes)) };
    } else if (kind === 2) {
      const bytes = mutateModel(base.bytes, rng);
      yield { label: `${label} field swap`, run: () => exportAll(importOnnx(bytes)) };
    } else if (kind === 3) {
      const bytes = base.bytes.slice(0, rng.int(base.bytes.length));
      yield { label: `${label} truncated`, run: () => exportAll(importOnnx(bytes)) };
    } else {
      const bytes = rng.bytes(rng.int(8192));
      yield { label: `${label} random bytes`, run: () => exportAll(importOnnx(bytes)) };
    }
  }
}

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n > 127; n = Math.floor(n / 128)) out.push((n & 127) | 128);
  out.push(n);
  return out;
}

/** A length-delimited protobuf field `tag` holding `body`, after `prefix`. */
function field(tag: number, body: Uint8Array, prefix: number[] = []): Uint8Array {
  const head = [...prefix, tag, ...varint(body.length)];
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/** Graphs inside node attributes inside graphs, nested `depth` times: the decoder must not exhaust the stack. */
function* deeplyNested(): Generator<FuzzInput> {
  for (const depth of [10, 500, 2000, 6000, 12000]) {
    let node: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < depth; i++) node = field(0x2a, field(0x32, field(0x0a, node), [0x0a, 1, 0x67])); // NodeProto.attribute{name "g", g: GraphProto{node}}
    const model = field(0x3a, field(0x0a, node)); // ModelProto.graph{node}
    yield { label: `attributes nested ${depth} deep`, run: () => exportAll(importOnnx(model)) };
  }
}

describe('fuzz: ONNX import', () => {
  it(`${COUNT} malformed .onnx inputs: imported or refused with a message, each in under 5 s, memory bounded`, () => {
    const outcome = runFuzz('ONNX import', (function* all() {
      yield* inputs();
      yield* deeplyNested();
    })(), (e) => e instanceof InteropError && usefulMessage(e));
    expect(outcome.inputs).toBeGreaterThanOrEqual(1000);
    expect(outcome.failures.length, describeFailures(outcome)).toBe(0);
    expect(outcome.slowestMs, outcome.slowestLabel).toBeLessThan(5000);
    expect(outcome.peakGrowth).toBeLessThan(512 * 1024 * 1024);
  });

  it('refuses an initializer declaring 2^60 values before allocating it', () => {
    const m = onnx.ModelProto.decode(onnxExport('binary-2d'));
    m.graph!.initializer![0].dims = [2 ** 30, 2 ** 30];
    const before = process.memoryUsage().arrayBuffers;
    expect(() => importOnnx(onnx.ModelProto.encode(m).finish())).toThrow(/import limit/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });
});
