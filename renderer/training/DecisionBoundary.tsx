/**
 * The decision map of a 2-D model, redrawn whenever the worker sends a new grid, with the dataset's
 * points on top — the way TensorFlow Playground shows a network learning.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetPreviewMessage } from '../../engine/training/protocol';
import { classCss } from './classColours';
import { decisionPixels } from './decisionMap';
import { selectSelectedRun } from './store';
import { useTraining, useTrainingController } from './TrainingContext';

const SIZE = 300;
const POINTS = 500;

export function DecisionBoundary() {
  const controller = useTrainingController();
  const run = useTraining(selectSelectedRun);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [points, setPoints] = useState<{ key: string; preview: DatasetPreviewMessage } | null>(null);
  const dataset = run?.settings.dataset;
  const key = dataset ? JSON.stringify(dataset) : '';

  useEffect(() => {
    if (!dataset) return;
    let cancelled = false;
    controller.preview(dataset, POINTS).then(
      (preview) => !cancelled && setPoints({ key, preview }),
      () => undefined, // the map still shows without points
    );
    return () => {
      cancelled = true;
    };
    // The dataset object is new per run; its serialised form says whether it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, key]);

  const grid = useTraining((s) => (s.selectedRunId ? (s.boundaries[s.selectedRunId] ?? null) : null));
  const binary = run ? run.document.nodes.some((n) => n.type === 'Output' && n.params.loss === 'binaryCrossentropy') : false;
  const preview = points && points.key === key ? points.preview : null;

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const scale = window.devicePixelRatio || 1;
    el.width = SIZE * scale;
    el.height = SIZE * scale;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.fillStyle = '#14161b';
    ctx.fillRect(0, 0, SIZE, SIZE);
    if (!grid) return;
    const image = new ImageData(decisionPixels(grid, binary || (preview?.meta.task === 'binary')), grid.size, grid.size);
    const bitmap = document.createElement('canvas');
    bitmap.width = grid.size;
    bitmap.height = grid.size;
    bitmap.getContext('2d')?.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(bitmap, 0, 0, SIZE, SIZE);
    if (!preview || preview.meta.inputShape.reduce((a, b) => a * b, 1) !== 2) return;
    const px = (x: number) => ((x - grid.xMin) / (grid.xMax - grid.xMin)) * SIZE;
    const py = (y: number) => SIZE - ((y - grid.yMin) / (grid.yMax - grid.yMin)) * SIZE;
    for (let i = 0; i < preview.count; i++) {
      ctx.beginPath();
      ctx.arc(px(preview.samples[i * 2]), py(preview.samples[i * 2 + 1]), 2.6, 0, Math.PI * 2);
      ctx.fillStyle = classCss(Math.round(preview.labels[i]));
      ctx.fill();
      ctx.lineWidth = 0.8;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.stroke();
    }
  }, [grid, preview, binary]);

  return (
    <figure className="chart boundary" data-testid="decision-boundary">
      <figcaption className="chart__title">Decision boundary {grid ? '' : <span className="muted">— appears after the first update</span>}</figcaption>
      <canvas ref={canvas} className="boundary__canvas" style={{ width: SIZE, height: SIZE }} />
    </figure>
  );
}
