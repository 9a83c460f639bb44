/** engine/interop: export models to the formats other runtimes load, and import theirs back. */
export * from './types';
export { exportOnnx } from './onnx/exportOnnx';
export { exportTfjs } from './tfjs/exportTfjs';
export { unsupportedForFormat, assertExportable, FORMAT_LABELS } from './support';
export { serializeModelJson, parseModelJson } from './modelJson/modelJson';
export { modelJsonSchema, modelJsonJsonSchema } from './modelJson/schema';
export type { ModelJsonFile } from './modelJson/schema';
export { exportPytorch, weightsNpz } from './pytorch/exportPytorch';
export type { ExportDataset } from './pytorch/exportPytorch';
export { exportKeras } from './keras/exportKeras';
export { importTfjs } from './tfjs/importTfjs';
export { importOnnx } from './onnx/importOnnx';
export { exportModel, FORMAT_INFO, MODEL_JSON_FILE } from './exportModel';
export type { ExportOptions, FormatInfo } from './exportModel';
export { writeZip, readStoredZip } from './zip';
