/**
 * A few samples of a dataset, asked of the worker: an image grid, a 2-D scatter, or a table of rows.
 * Also reports the sample counts the worker resolved for the chosen options.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetPreviewMessage } from '../../engine/training/protocol';
import { RequestError } from '../training/controller';
import { useTrainingController } from '../training/TrainingContext';
import { drawImage, drawScatter, prepareCanvas } from './drawSamples';

type PreviewState = { status: 'loading' } | { status: 'ready'; preview: DatasetPreviewMessage } | { status: 'failed'; message: string; hint: string };

const IMAGE_SAMPLES = 24;
const POINT_SAMPLES = 400;
const ROW_SAMPLES = 6;
const WIDTH = 264;

/** How many samples to ask for, by the dataset's shape. */
export function previewSampleCount(inputShape: readonly number[]): number {
  if (inputShape.length === 3) return IMAGE_SAMPLES;
  if (inputShape.length === 1 && inputShape[0] <= 2) return POINT_SAMPLES;
  return ROW_SAMPLES;
}

function ImageGrid({ preview }: { preview: DatasetPreviewMessage }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const shape = preview.meta.inputShape;
  const columns = 8;
  const cell = Math.floor(WIDTH / columns) - 2;
  const rows = Math.ceil(preview.count / columns);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el && prepareCanvas(el, WIDTH, rows * (cell + 14));
    if (!ctx) return;
    const size = shape.reduce((a, b) => a * b, 1);
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (let i = 0; i < preview.count; i++) {
      const x = (i % columns) * (cell + 2);
      const y = Math.floor(i / columns) * (cell + 14);
      drawImage(ctx, preview.samples, i * size, shape, x, y, cell);
      ctx.fillStyle = '#8d95a6';
      ctx.fillText(preview.meta.classes[preview.labels[i]] ?? String(preview.labels[i]), x + cell / 2, y + cell + 11);
    }
  }, [preview, shape, cell, rows]);
  return <canvas ref={canvas} className="preview__canvas" data-testid="dataset-preview-images" />;
}

function PointCloud({ preview }: { preview: DatasetPreviewMessage }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el && prepareCanvas(el, WIDTH, 200);
    if (!ctx) return;
    const width = preview.meta.inputShape[0];
    const xs = new Float32Array(preview.count);
    const ys = new Float32Array(preview.count);
    for (let i = 0; i < preview.count; i++) {
      xs[i] = preview.samples[i * width];
      // 1-D regression: plot the target against the input.
      ys[i] = width === 2 ? preview.samples[i * 2 + 1] : preview.labels[i];
    }
    drawScatter(ctx, xs, ys, preview.meta.task === 'regression' ? null : preview.labels, WIDTH, 200);
  }, [preview]);
  return <canvas ref={canvas} className="preview__canvas" data-testid="dataset-preview-scatter" />;
}

/** A table's columns by the names in its header; x1, x2, … and "class" or "y" for data without names. */
export function previewColumnNames(meta: DatasetPreviewMessage['meta'], shown: number): { features: string[]; target: string } {
  const names = meta.featureNames;
  return {
    features: Array.from({ length: shown }, (_, j) => names?.[j] ?? `x${j + 1}`),
    target: meta.targetName ?? (meta.task === 'regression' ? 'y' : 'class'),
  };
}

function Rows({ preview }: { preview: DatasetPreviewMessage }) {
  const width = preview.meta.inputShape.reduce((a, b) => a * b, 1);
  const shown = Math.min(width, 5);
  const columns = previewColumnNames(preview.meta, shown);
  return (
    <div className="table-scroll preview__table">
      <table className="summary" data-testid="dataset-preview-table">
        <thead>
          <tr>
            {columns.features.map((name, j) => (
              <th key={j} className="num preview__column" title={name}>
                {name}
              </th>
            ))}
            {width > shown && <th>…</th>}
            <th className="preview__column" title={columns.target}>
              {columns.target}
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: preview.count }, (_, i) => (
            <tr key={i}>
              {Array.from({ length: shown }, (_, j) => (
                <td key={j} className="num mono">
                  {Number(preview.samples[i * width + j].toPrecision(3))}
                </td>
              ))}
              {width > shown && <td className="muted">+{width - shown}</td>}
              <td>{preview.meta.task === 'regression' ? preview.labels[i].toFixed(3) : (preview.meta.classes[preview.labels[i]] ?? preview.labels[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DatasetPreview({ name, options, inputShape }: { name: string; options: Record<string, number | string | boolean>; inputShape: readonly number[] }) {
  const controller = useTrainingController();
  const key = JSON.stringify({ name, options });
  const [state, setState] = useState<{ key: string; value: PreviewState }>({ key: '', value: { status: 'loading' } });
  const samples = previewSampleCount(inputShape);

  useEffect(() => {
    let cancelled = false;
    // A short delay so typing an option value does not send a request per keystroke.
    const timer = setTimeout(() => {
      controller.preview(JSON.parse(key) as { name: string; options: Record<string, number | string | boolean> }, samples).then(
        (preview) => !cancelled && setState({ key, value: { status: 'ready', preview } }),
        (err: unknown) =>
          !cancelled &&
          setState({ key, value: { status: 'failed', message: err instanceof Error ? err.message : String(err), hint: err instanceof RequestError ? err.hint : '' } }),
      );
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [controller, key, samples]);

  const value: PreviewState = state.key === key ? state.value : { status: 'loading' };
  if (value.status === 'loading') return <div className="preview preview--loading muted">Loading preview…</div>;
  if (value.status === 'failed') {
    return (
      <div className="preview preview--failed" data-testid="dataset-preview-error">
        <div>{value.message}</div>
        {value.hint && <div className="muted">{value.hint}</div>}
      </div>
    );
  }
  const { preview } = value;
  const shape = preview.meta.inputShape;
  return (
    <div className="preview" data-testid="dataset-preview">
      {shape.length === 3 ? <ImageGrid preview={preview} /> : shape.length === 1 && shape[0] <= 2 ? <PointCloud preview={preview} /> : <Rows preview={preview} />}
      <div className="preview__counts muted">
        {preview.meta.trainCount.toLocaleString('en-US')} train · {preview.meta.testCount.toLocaleString('en-US')} test · {preview.meta.source}
      </div>
    </div>
  );
}
