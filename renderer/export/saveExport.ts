/**
 * The Export dialog's save path: build the export with code loaded on demand, then hand the bytes to
 * the host's save dialog. The writers (ONNX protobuf, zip, Python emitters) are loaded only here, so
 * they stay out of the bundle the app starts with.
 */
import type { ExportableModel, ExportFormat } from '../../engine/interop/types';
import type { InputNormalisation, WeightMap } from '../../engine/training/protocol';
import type { ModelDocument } from '../../engine/model';
import type { FileFilter, Host } from '../host/host';
import type * as ExportBundleModule from './exportBundle';

/** The export code, as the dynamic import delivers it. */
export type ExportCode = typeof ExportBundleModule;

/** Loads the export code; the bundler splits it into its own chunk, fetched on first use. */
export const loadExportCode = (): Promise<ExportCode> => import('./exportBundle');

/** What pressing Export came to; `message` is for the dialog's status line. */
export type ExportOutcome = { status: 'saved'; message: string } | { status: 'cancelled' } | { status: 'failed'; message: string };

const FILTER_NAMES: Record<string, string> = { onnx: 'ONNX model', zip: 'Zip archive', json: 'JSON file' };

/** The save dialog's filter for an export file, from its extension ("cnn.onnx" -> ONNX model, *.onnx). */
export function exportFileFilter(fileName: string): FileFilter {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (!extension) return { name: 'All files', extensions: ['*'] };
  return { name: FILTER_NAMES[extension] ?? `${extension.toUpperCase()} file`, extensions: [extension] };
}

/** The trained model behind a run, or null when the run has no weights yet. */
export function exportableFromRun(run: { document: ModelDocument; weights: WeightMap | null; normalisation: InputNormalisation | null } | null): ExportableModel | null {
  if (!run || !run.weights || Object.keys(run.weights).length === 0) return null;
  return { document: run.document, weights: run.weights, ...(run.normalisation ? { normalisation: run.normalisation } : {}) };
}

const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Builds the export in `format` and asks the host to save it; never throws. */
export async function saveExport(
  host: Pick<Host, 'saveBinary'>,
  model: ExportableModel,
  format: ExportFormat,
  load: () => Promise<ExportCode> = loadExportCode,
): Promise<ExportOutcome> {
  let code: ExportCode;
  try {
    code = await load();
  } catch (err) {
    return { status: 'failed', message: `Netwright could not load its export code (${reason(err)}); reload and try again.` };
  }
  try {
    const bundle = code.buildExportBundle(model, format);
    const saved = await host.saveBinary({ data: bundle.bytes, suggestedName: bundle.fileName, filters: [exportFileFilter(bundle.fileName)] });
    if (!saved) return { status: 'cancelled' };
    const inside = bundle.files.length > 1 ? ` (${bundle.files.join(', ')})` : '';
    return { status: 'saved', message: `Saved ${saved.name}${inside}.` };
  } catch (err) {
    return { status: 'failed', message: reason(err) };
  }
}
