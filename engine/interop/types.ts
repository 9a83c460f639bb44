/** Shared types of the import/export formats. */
import type { ModelDocument } from '../model/document';
import type { LayerType } from '../model/layerTypes';
import type { InputNormalisation } from '../training/protocol';

/** Every format a model can be exported to. */
export const EXPORT_FORMATS = ['model-json', 'tfjs', 'onnx', 'pytorch', 'keras'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export needs: the document, its weights by engine name, and the input transform it was trained with. */
export interface ExportableModel {
  document: ModelDocument;
  /** `${nodeId}/kernel`, `/bias`, `/gamma`, `/beta`, `/runningMean`, `/runningVar`. */
  weights: Record<string, Float32Array>;
  normalisation?: InputNormalisation;
}

/** One file of an export; `path` is relative to the export folder, with forward slashes. */
export interface ExportFile {
  path: string;
  data: Uint8Array | string;
}

/** A layer a format cannot express (export) or a layer of a foreign model Netwright does not know (import). */
export interface UnsupportedLayer {
  /** Node id (export) or the foreign layer / node name (import). */
  name: string;
  /** Our layer type (export) or the foreign class / op name (import). */
  type: LayerType | string;
  reason: string;
}

/** Raised before anything is written when a model cannot be expressed in, or read from, a format. */
export class InteropError extends Error {
  constructor(
    message: string,
    readonly unsupported: UnsupportedLayer[] = [],
  ) {
    super(message);
    this.name = 'InteropError';
  }
}

/** The error for a list of unsupported layers: every one named, in one message. */
export function unsupportedLayersError(what: string, layers: UnsupportedLayer[]): InteropError {
  const lines = layers.slice(0, 50).map((l) => `  - ${printable(l.name)} (${printable(l.type)}): ${l.reason}`);
  if (layers.length > 50) lines.push(`  - and ${layers.length - 50} more`);
  return new InteropError(`${what} ${layers.length === 1 ? 'this layer' : `these ${layers.length} layers`}:\n${lines.join('\n')}`, layers);
}

/** Text from a file, safe to show: control characters replaced, at most `max` characters. */
export function printable(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const clean = String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
