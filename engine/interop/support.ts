/**
 * What each format can express. Checked before anything is written, so an export either succeeds
 * whole or names every layer it cannot keep, with the format.
 */
import { compileGraph } from '../model/compile';
import type { ModelDocument } from '../model/document';
import type { ProgramNode } from '../model/program';
import { activationConstants } from './graph';
import type { ExportFormat, UnsupportedLayer } from './types';
import { unsupportedLayersError } from './types';

/** Human names of the formats, for messages and the export dialog. */
export const FORMAT_LABELS: Record<ExportFormat, string> = {
  'model-json': 'Netwright model JSON',
  tfjs: 'TensorFlow.js Layers',
  onnx: 'ONNX',
  pytorch: 'PyTorch',
  keras: 'Keras (tf.keras code)',
};

/** Why a node cannot be written in TF.js 4.22, or null. */
function tfjsLimit(node: ProgramNode): string | null {
  // tfjs-layers' ELU layer refuses any alpha but 1 ("not supported by the ELU layer yet").
  if (node.type === 'Activation' && node.params.activation === 'elu' && activationConstants(node).alpha !== 1) {
    return `TensorFlow.js only supports ELU with alpha 1 (this one has ${activationConstants(node).alpha}); set alpha to 1 or use another format.`;
  }
  return null;
}

function limitFor(format: ExportFormat, node: ProgramNode): string | null {
  switch (format) {
    case 'tfjs':
      return tfjsLimit(node);
    case 'model-json':
    case 'onnx':
    case 'pytorch':
    case 'keras':
      // Every layer kind of the catalog has an exact counterpart in these formats.
      return null;
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}

/** The layers of a document that a format cannot express (empty when it can express them all, or the graph does not compile). */
export function unsupportedForFormat(doc: ModelDocument, format: ExportFormat): UnsupportedLayer[] {
  const compiled = compileGraph(doc);
  if (!compiled.ok) return [];
  const out: UnsupportedLayer[] = [];
  for (const node of compiled.program.nodes) {
    const reason = limitFor(format, node);
    if (reason) out.push({ name: node.id, type: node.type, reason });
  }
  return out;
}

/** Throws an InteropError naming every layer the format cannot express. */
export function assertExportable(doc: ModelDocument, format: ExportFormat): void {
  const unsupported = unsupportedForFormat(doc, format);
  if (unsupported.length > 0) throw unsupportedLayersError(`${FORMAT_LABELS[format]} cannot express`, unsupported);
}
