/** The protobufjs-generated ONNX schema (a CommonJS package, hence the default import). */
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';

/** ONNX TensorProto data types we read and write. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;

/** The operator set our exports declare: 17 has LayerNormalization. */
export const OPSET = 17;
