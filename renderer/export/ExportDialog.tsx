/**
 * File → Export…: pick a format, see what it keeps and drops and which layers it cannot express, then
 * save. The host saves text only, so the file is handed over as a browser download (a save dialog in
 * Electron): a single file, or a .zip of the export's files.
 */
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { EXPORT_FORMATS, FORMAT_INFO, FORMAT_LABELS, unsupportedForFormat } from '../../engine/interop';
import type { ExportFormat } from '../../engine/interop';
import { activeTrainingController } from '../training/controller';
import { selectSelectedRun } from '../training/store';
import { buildExportBundle, exportableFromRun } from './exportBundle';
import { exportDialogStore } from './exportDialogState';

function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportDialog() {
  const open = useStore(exportDialogStore, (s) => s.open);
  const [format, setFormat] = useState<ExportFormat>('onnx');
  const [message, setMessage] = useState<string | null>(null);
  const controller = activeTrainingController();
  const run = open && controller ? selectSelectedRun(controller.store.getState()) : null;
  const model = useMemo(() => exportableFromRun(run), [run]);
  const unsupported = useMemo(() => (model ? unsupportedForFormat(model.document, format) : []), [model, format]);
  if (!open) return null;
  const close = () => {
    setMessage(null);
    exportDialogStore.getState().setOpen(false);
  };
  const onExport = () => {
    if (!model) return;
    try {
      const bundle = buildExportBundle(model, format);
      download(bundle.bytes, bundle.fileName);
      setMessage(`Saved ${bundle.fileName}${bundle.files.length > 1 ? ` (${bundle.files.join(', ')})` : ''}.`);
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const info = FORMAT_INFO[format];
  return (
    <div className="modal-backdrop" role="presentation" onClick={close}>
      <div className="modal export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="export-title">Export model</h2>
        {!model ? (
          <p>Train the model first: an export carries the weights of the selected training run.</p>
        ) : (
          <>
            <p>
              Exports <strong>{run?.label}</strong> of “{model.document.name}”.
            </p>
            <fieldset>
              <legend>Format</legend>
              {EXPORT_FORMATS.map((f) => (
                <label key={f}>
                  <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {FORMAT_LABELS[f]}
                </label>
              ))}
            </fieldset>
            <p>Keeps: {info.keeps.join('; ')}.</p>
            {info.drops.length > 0 && <p>Not kept: {info.drops.join('; ')}.</p>}
            {unsupported.length > 0 && (
              <div role="alert">
                <p>{FORMAT_LABELS[format]} cannot express:</p>
                <ul>
                  {unsupported.map((u) => (
                    <li key={u.name}>
                      {u.name} ({u.type}): {u.reason}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
        {message && <p role="status">{message}</p>}
        <div className="modal-actions">
          <button type="button" onClick={close}>
            Close
          </button>
          <button type="button" disabled={!model || unsupported.length > 0} onClick={onExport}>
            Export…
          </button>
        </div>
      </div>
    </div>
  );
}
