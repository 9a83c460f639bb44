/** One entry point for every export format, and what each format keeps. */
import { exportKeras } from './keras/exportKeras';
import { serializeModelJson } from './modelJson/modelJson';
import { exportOnnx } from './onnx/exportOnnx';
import { exportPytorch } from './pytorch/exportPytorch';
import type { ExportDataset } from './pytorch/exportPytorch';
import { assertExportable } from './support';
import { exportTfjs } from './tfjs/exportTfjs';
import type { ExportableModel, ExportFile, ExportFormat } from './types';

/** What an export keeps and drops, for the dialog and the CLI's summary. */
export interface FormatInfo {
  keeps: string[];
  drops: string[];
}

export const FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
  'model-json': { keeps: ['architecture and layer names', 'weights', 'training settings', 'input normalisation', 'canvas positions'], drops: [] },
  tfjs: {
    keeps: ['architecture and layer names', 'weights', 'softmax / sigmoid on outputs (predicts probabilities)', 'input normalisation (as metadata)'],
    drops: ['loss, optimiser and other training settings', 'canvas positions'],
  },
  onnx: {
    keeps: ['architecture (inference graph)', 'weights', 'softmax / sigmoid on outputs (predicts probabilities)'],
    drops: ['dropout (inference only)', 'training settings', 'input normalisation (written to normalisation.json)', 'canvas positions'],
  },
  pytorch: {
    keeps: ['architecture as readable nn.Module code', 'weights (weights.npz → weights.pt)', 'loss, optimiser, schedule, batch size, epochs, clipping, L1/L2', 'input normalisation (in train.py)'],
    drops: ['validation split, early stopping and keep-best (train.py trains on all data)', 'canvas positions'],
  },
  keras: {
    keeps: ['architecture as tf.keras code', 'weights (weights.npz)', 'softmax / sigmoid on outputs'],
    drops: ['training settings', 'input normalisation (written to normalisation.json)', 'canvas positions'],
  },
};

/** Options of exportModel. */
export interface ExportOptions {
  /** PyTorch only: samples written as data.npz for train.py. */
  dataset?: ExportDataset;
}

/** File name of a model-JSON export. */
export const MODEL_JSON_FILE = 'model.netwright.json';

/**
 * Every file of an export, in memory; throws an InteropError naming each layer the format cannot
 * express before producing anything.
 */
export function exportModel(model: ExportableModel, format: ExportFormat, options: ExportOptions = {}): ExportFile[] {
  assertExportable(model.document, format);
  const sidecar: ExportFile[] = model.normalisation && model.normalisation.kind !== 'none' ? [{ path: 'normalisation.json', data: `${JSON.stringify(model.normalisation, null, 1)}\n` }] : [];
  switch (format) {
    case 'model-json':
      return [{ path: MODEL_JSON_FILE, data: serializeModelJson(model) }];
    case 'tfjs':
      return [...exportTfjs(model), ...sidecar];
    case 'onnx':
      return [{ path: 'model.onnx', data: exportOnnx(model) }, ...sidecar];
    case 'pytorch':
      return [...exportPytorch(model, options.dataset), ...sidecar];
    case 'keras':
      return [...exportKeras(model), ...sidecar];
    default: {
      const unreachable: never = format;
      throw new Error(`Unknown format ${String(unreachable)}`);
    }
  }
}
