/** A small builder over the ONNX protobuf messages: initializers, nodes with attributes, value infos. */
import type { OnnxTypes } from './onnxProto';
import { DataType, OPSET, onnx } from './onnxProto';
import { float32ToBytes } from '../bytes';

type AttrValue = number | number[] | string | { float: number };

function attribute(name: string, value: AttrValue): OnnxTypes.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if (typeof value === 'object') return { name, type: T.FLOAT, f: value.float };
  return { name, type: T.INT, i: value };
}

/** Collects the pieces of one ONNX graph; value names are unique strings chosen by the caller. */
export class OnnxGraphBuilder {
  readonly nodes: OnnxTypes.INodeProto[] = [];
  readonly initializers: OnnxTypes.ITensorProto[] = [];
  readonly inputs: OnnxTypes.IValueInfoProto[] = [];
  readonly outputs: OnnxTypes.IValueInfoProto[] = [];
  private readonly taken = new Set<string>();

  /** A name not used yet, derived from `base`. */
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  /** Adds a float32 initializer; returns its name. */
  floats(base: string, values: Float32Array, dims: number[]): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dataType: DataType.FLOAT, dims, rawData: float32ToBytes(values) });
    return name;
  }

  /** Adds a scalar float32 initializer (broadcast by element-wise ops). */
  scalar(base: string, value: number): string {
    return this.floats(base, Float32Array.of(value), []);
  }

  /** Adds an int64 initializer (shapes, axes). */
  int64s(base: string, values: number[]): string {
    const name = this.fresh(base);
    const raw = new Uint8Array(values.length * 8);
    const view = new DataView(raw.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    this.initializers.push({ name, dataType: DataType.INT64, dims: [values.length], rawData: raw });
    return name;
  }

  /** Adds a node; its single output gets the name `output` (made unique). Returns the output name. */
  op(opType: string, inputs: string[], output: string, attrs: Record<string, AttrValue> = {}): string {
    const out = this.fresh(output);
    this.nodes.push({
      opType,
      name: out,
      input: inputs,
      output: [out],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return out;
  }

  /** Declares a graph input or output: float32 with a symbolic batch dimension. */
  valueInfo(name: string, sampleShape: readonly number[]): OnnxTypes.IValueInfoProto {
    this.taken.add(name);
    return {
      name,
      type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimParam: 'batch' }, ...sampleShape.map((d) => ({ dimValue: d }))] } } },
    };
  }

  /** The serialised model. */
  encode(graphName: string, docString: string): Uint8Array {
    const model: OnnxTypes.IModelProto = {
      irVersion: 8,
      producerName: 'Netwright',
      producerVersion: '1',
      docString,
      opsetImport: [{ domain: '', version: OPSET }],
      graph: { name: graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
    return onnx.ModelProto.encode(model).finish();
  }
}
