/**
 * What the Export dialog hands to the user: one file. Formats that produce a single file are saved as
 * it is; the others go into a store-only .zip, since the host can save one file but not a folder.
 * Loaded on demand (see saveExport.ts): it pulls in every format's writer.
 */
import { exportModel, FORMAT_INFO } from '../../engine/interop/exportModel';
import type { ExportableModel, ExportFormat } from '../../engine/interop/types';
import { writeZip } from '../../engine/interop/zip';

/** What each format keeps and drops, for the dialog. Lives with the writers in engine/interop/exportModel.ts. */
export { FORMAT_INFO };

export interface ExportBundle {
  fileName: string;
  bytes: Uint8Array;
  /** The files inside (one when not zipped). */
  files: string[];
}

/** A file-name stem from the model's name. */
export function fileStem(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
}

/** Builds the export; throws the format's InteropError (naming unsupported layers) before producing anything. */
export function buildExportBundle(model: ExportableModel, format: ExportFormat): ExportBundle {
  const files = exportModel(model, format);
  const stem = fileStem(model.document.name);
  if (files.length === 1) {
    const [file] = files;
    const bytes = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data;
    const fileName = format === 'model-json' ? `${stem}.netwright.json` : `${stem}${file.path.slice(file.path.lastIndexOf('.'))}`;
    return { fileName, bytes, files: [file.path] };
  }
  return { fileName: `${stem}-${format}.zip`, bytes: writeZip(files), files: files.map((f) => f.path) };
}
