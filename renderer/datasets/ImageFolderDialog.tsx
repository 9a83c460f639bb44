/**
 * Importing a folder of images, one sub-folder per class: the classes found and what was skipped,
 * the sample size, grey or colour and the test fraction; then decoding with progress, building the
 * dataset, handing it to the worker and selecting it.
 */
import { useRef, useState } from 'react';
import { imageDataset } from '../../engine/data';
import type { Dataset } from '../../engine/data';
import { decodeClassImages } from './decodeImages';
import { classFoldersProblem, folderSummary } from './imageFolder';
import type { ClassFolders } from './imageFolder';

/** A file from the directory picker with the path the grouping reads. */
export interface PickedFile {
  path: string;
  type?: string;
  file: Blob;
}

type Phase = { kind: 'options' } | { kind: 'decoding'; done: number; total: number } | { kind: 'failed'; message: string; hint: string };

export interface ImageFolderDialogProps {
  groups: ClassFolders<PickedFile>;
  onClose(): void;
  /** Registers and selects the built dataset. */
  onUse(dataset: Dataset, name: string): Promise<void>;
}

const MAX_SIDE = 256;

export function ImageFolderDialog({ groups, onClose, onUse }: ImageFolderDialogProps) {
  const [width, setWidth] = useState(28);
  const [height, setHeight] = useState(28);
  const [grayscale, setGrayscale] = useState(true);
  const [testFraction, setTestFraction] = useState(0.2);
  const [phase, setPhase] = useState<Phase>({ kind: 'options' });
  const abort = useRef<AbortController | null>(null);
  const problem = classFoldersProblem(groups);
  const sizeOk = [width, height].every((v) => Number.isInteger(v) && v >= 1 && v <= MAX_SIDE);

  const close = () => {
    abort.current?.abort();
    onClose();
  };

  const run = async () => {
    const controller = new AbortController();
    abort.current = controller;
    const total = groups.classes.reduce((n, c) => n + c.files.length, 0);
    setPhase({ kind: 'decoding', done: 0, total });
    try {
      const decoded = await decodeClassImages(groups.classes, { width, height, signal: controller.signal, onProgress: (done) => setPhase({ kind: 'decoding', done, total }) });
      const name = groups.folder || 'Image folder';
      const dataset = imageDataset(decoded.images, { width, height, grayscale, testFraction, name });
      dataset.meta.description = `${folderSummary(groups, decoded.failed.length)} Resized to ${width}×${height}${grayscale ? ', grey' : ''}.`;
      await onUse(dataset, name);
      onClose();
    } catch (error) {
      if (controller.signal.aborted) return;
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error), hint: (error as { hint?: string }).hint ?? '' });
    }
  };

  const decoding = phase.kind === 'decoding';
  return (
    <div className="modal-backdrop" role="presentation" onClick={close}>
      <div className="modal import-dialog import-dialog--narrow" role="dialog" aria-modal="true" aria-labelledby="image-import-title" onClick={(e) => e.stopPropagation()} data-testid="image-import">
        <div className="modal__header">
          <h2 id="image-import-title">Import “{groups.folder || 'folder'}”</h2>
        </div>
        <p data-testid="image-import-summary">{folderSummary(groups, 0)}</p>
        {problem ? (
          <div className="import-problems" role="alert" data-testid="image-import-error">
            {problem.message} <span className="muted">{problem.hint}</span>
          </div>
        ) : (
          <>
            <ul className="import-classes">
              {groups.classes.map((c) => (
                <li key={c.name}>
                  <span>{c.name}</span> <span className="muted mono">{c.files.length}</span>
                </li>
              ))}
            </ul>
            <div className="import-options">
              <label>
                Size{' '}
                <input type="number" min={1} max={MAX_SIDE} value={width} disabled={decoding} onChange={(e) => setWidth(Number(e.target.value))} aria-label="Width" />×
                <input type="number" min={1} max={MAX_SIDE} value={height} disabled={decoding} onChange={(e) => setHeight(Number(e.target.value))} aria-label="Height" />
              </label>
              <label>
                <input type="checkbox" checked={grayscale} disabled={decoding} onChange={(e) => setGrayscale(e.target.checked)} /> Grey
              </label>
              <label>
                Test fraction <input type="number" min={0} max={0.9} step={0.05} value={testFraction} disabled={decoding} onChange={(e) => setTestFraction(Number(e.target.value))} />
              </label>
            </div>
            <p className="muted">
              Samples will be {height}×{width}×{grayscale ? 1 : 3} ({height * width * (grayscale ? 1 : 3)} values).
            </p>
          </>
        )}
        {decoding && (
          <div className="import-progress" data-testid="image-import-progress">
            <progress max={phase.total} value={phase.done} /> Reading image {phase.done.toLocaleString('en-US')} of {phase.total.toLocaleString('en-US')}…
          </div>
        )}
        {phase.kind === 'failed' && (
          <div className="import-problems" role="alert">
            {phase.message} <span className="muted">{phase.hint}</span>
          </div>
        )}
        <div className="modal-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="tool-button--primary" disabled={!!problem || !sizeOk || decoding || !(testFraction >= 0 && testFraction < 1)} onClick={() => void run()} data-testid="image-import-use">
            {decoding ? 'Reading…' : 'Use these images'}
          </button>
        </div>
      </div>
    </div>
  );
}
