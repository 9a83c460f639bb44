/**
 * File → Export…: pick a format, see what it keeps and drops and which layers it cannot express, then
 * save through the host's save dialog: a single file, or a .zip of the export's files. The writers are
 * loaded when the dialog first opens (see saveExport.ts), not with the app.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { FORMAT_LABELS, unsupportedForFormat } from '../../engine/interop/support';
import { EXPORT_FORMATS } from '../../engine/interop/types';
import type { ExportFormat } from '../../engine/interop/types';
import { Modal } from '../components/Modal';
import { useHost } from '../host/HostContext';
import { activeTrainingController } from '../training/controller';
import { selectSelectedRun } from '../training/store';
import { exportDialogStore } from './exportDialogState';
import { exportableFromRun, loadExportCode, saveExport } from './saveExport';
import type { ExportCode, ExportOutcome } from './saveExport';

type StatusLine = { kind: 'info' | 'error'; text: string } | null;

/** The dialog's status line after pressing Export. */
function statusFor(outcome: ExportOutcome): StatusLine {
  switch (outcome.status) {
    case 'saved':
      return { kind: 'info', text: outcome.message };
    case 'cancelled':
      return null;
    case 'failed':
      return { kind: 'error', text: outcome.message };
    default: {
      const unreachable: never = outcome;
      throw new Error(`Unknown export outcome ${String(unreachable)}`);
    }
  }
}

export function ExportDialog() {
  const host = useHost();
  const open = useStore(exportDialogStore, (s) => s.open);
  const [format, setFormat] = useState<ExportFormat>('onnx');
  const [status, setStatus] = useState<StatusLine>(null);
  const [saving, setSaving] = useState(false);
  const [code, setCode] = useState<ExportCode | null>(null);
  const [codeFailed, setCodeFailed] = useState(false);
  const controller = activeTrainingController();
  const run = open && controller ? selectSelectedRun(controller.store.getState()) : null;
  const model = useMemo(() => exportableFromRun(run), [run]);
  const unsupported = useMemo(() => (model ? unsupportedForFormat(model.document, format) : []), [model, format]);
  useEffect(() => {
    if (!open || code) return;
    let live = true;
    loadExportCode().then(
      (loaded) => live && setCode(loaded),
      () => live && setCodeFailed(true),
    );
    return () => {
      live = false;
    };
  }, [open, code]);
  if (!open) return null;
  const close = () => {
    setStatus(null);
    exportDialogStore.getState().setOpen(false);
  };
  const onExport = () => {
    if (!model || saving) return;
    setSaving(true);
    setStatus(null);
    void saveExport(host, model, format)
      .then((outcome) => setStatus(statusFor(outcome)))
      .finally(() => setSaving(false));
  };
  const info = code?.FORMAT_INFO[format];
  return (
    <Modal
      titleId="export-title"
      title="Export model"
      onClose={close}
      className="export-dialog"
      testId="export-dialog"
      actions={
        <>
          <button type="button" className="tool-button tool-button--outlined" onClick={close}>
            Close
          </button>
          <button type="button" className="tool-button tool-button--primary" disabled={!model || unsupported.length > 0 || saving} onClick={onExport} data-testid="export-save">
            {saving ? 'Exporting…' : 'Export…'}
          </button>
        </>
      }
    >
      {!model ? (
        <p>Train the model first: an export carries the weights of the selected training run.</p>
      ) : (
        <>
          <p>
            Exports <strong>{run?.label}</strong> of “{model.document.name}”.
          </p>
          <fieldset className="choice-list">
            <legend>Format</legend>
            {EXPORT_FORMATS.map((f) => (
              <label key={f} className={`choice${format === f ? ' is-selected' : ''}`}>
                <input
                  type="radio"
                  name="export-format"
                  value={f}
                  checked={format === f}
                  onChange={() => setFormat(f)}
                  {...(format === f ? { 'data-autofocus': true } : {})}
                />
                <span>{FORMAT_LABELS[f]}</span>
              </label>
            ))}
          </fieldset>
          <div className="export-dialog__info">
            {info ? (
              <>
                <p>
                  <span className="muted">Keeps:</span> {info.keeps.join('; ')}.
                </p>
                {info.drops.length > 0 && (
                  <p>
                    <span className="muted">Not kept:</span> {info.drops.join('; ')}.
                  </p>
                )}
              </>
            ) : (
              <p>{codeFailed ? 'Could not load what this format keeps; Export will try again.' : 'Loading what this format keeps…'}</p>
            )}
          </div>
          {unsupported.length > 0 && (
            <div role="alert" className="export-dialog__unsupported">
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
      {status && <p role={status.kind === 'error' ? 'alert' : 'status'}>{status.text}</p>}
    </Modal>
  );
}
