/**
 * Files dragged over the window: an overlay says what a drop does, and the dropped files go to
 * `onFiles` (a project opens, a model imports). Drags that carry no files (the palette's layers
 * onto the canvas) are left alone, so React Flow's own drop keeps working.
 */
import { useEffect, useState } from 'react';
import type { ModelFileSet } from '../host/host';
import { readFileLikes } from '../host/browserFiles';
import './import.css';

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;

export interface FileDropZoneProps {
  onFiles(files: ModelFileSet): void;
  onError(message: string): void;
}

/** Listens on the window for file drags and shows the overlay while one is over it. */
export function FileDropZone({ onFiles, onError }: FileDropZoneProps) {
  const [over, setOver] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed; count them to know when the drag left the window.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setOver(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would navigate to the dropped file.
      event.preventDefault();
      depth = 0;
      setOver(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      readFileLikes(files).then(onFiles, (err: unknown) => onError(err instanceof Error ? err.message : String(err)));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [onFiles, onError]);

  if (!over) return null;
  return (
    <div className="file-drop" data-testid="file-drop-overlay" aria-hidden>
      <div className="file-drop__panel">
        <div className="file-drop__title">Drop to open</div>
        <div className="file-drop__text">A Netwright project opens; an ONNX model (.onnx) or a TensorFlow.js model (model.json with its .bin files) is imported with its weights.</div>
      </div>
    </div>
  );
}
