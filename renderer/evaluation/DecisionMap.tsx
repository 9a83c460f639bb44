/**
 * The decision map of a 2-D classifier in Evaluate: the kept weights' predictions over the data's range,
 * the test points on top (colour: true class; a cross: predicted wrong), and click-to-predict — a click,
 * or the arrow keys, ask the model about that point in input coordinates.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { DecisionGrid, EvaluationMessage } from '../../engine/training/protocol';
import { classCss } from '../training/classColours';
import { decisionPixels } from '../training/decisionMap';
import type { TrainingRun } from '../training/runs';
import type { ClassificationSummary } from './evaluationModel';
import { inputToMap, mapToInput, pointsToDraw } from './mapGeometry';
import { PredictionBars, usePredict } from './TryIt';

const SIZE = 280;
/** Points drawn at most; mistakes always are. */
const POINT_LIMIT = 4000;
/** Arrow keys move the probe by this share of the map. */
const KEY_STEP = 1 / 32;

function drawMap(canvas: HTMLCanvasElement, grid: DecisionGrid, binary: boolean, result: EvaluationMessage, summary: ClassificationSummary): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const scale = window.devicePixelRatio || 1;
  canvas.width = SIZE * scale;
  canvas.height = SIZE * scale;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const bitmap = document.createElement('canvas');
  bitmap.width = grid.size;
  bitmap.height = grid.size;
  bitmap.getContext('2d')?.putImageData(new ImageData(decisionPixels(grid, binary), grid.size, grid.size), 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(bitmap, 0, 0, SIZE, SIZE);
  const slots = result.sampleIndices.length;
  const truthAt = (slot: number) => summary.truth[result.sampleIndices[slot]];
  const rightAt = (slot: number) => summary.predicted[result.sampleIndices[slot]] === truthAt(slot);
  for (const slot of pointsToDraw(rightAt, slots, POINT_LIMIT)) {
    const [fx, fy] = inputToMap(grid, result.samples[slot * 2], result.samples[slot * 2 + 1]);
    const x = fx * SIZE;
    const y = fy * SIZE;
    const colour = classCss(truthAt(slot));
    if (rightAt(slot)) {
      ctx.beginPath();
      ctx.arc(x, y, 2.6, 0, Math.PI * 2);
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineWidth = 0.8;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.stroke();
    } else {
      // A cross in the true class's colour over a dark outline reads on either class's region.
      ctx.beginPath();
      ctx.moveTo(x - 3.5, y - 3.5);
      ctx.lineTo(x + 3.5, y + 3.5);
      ctx.moveTo(x + 3.5, y - 3.5);
      ctx.lineTo(x - 3.5, y + 3.5);
      ctx.lineCap = 'round';
      ctx.lineWidth = 4;
      ctx.strokeStyle = 'rgba(10, 11, 14, 0.9)';
      ctx.stroke();
      ctx.lineWidth = 2;
      ctx.strokeStyle = colour;
      ctx.stroke();
    }
  }
}

const coordinate = (v: number) => Number(v.toPrecision(3)).toString();

export function DecisionMap({ run, result, summary }: { run: TrainingRun; result: EvaluationMessage; summary: ClassificationSummary }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const grid = result.decisionMap;
  const binary = result.outputWidth === 1;
  const { outcome, predict } = usePredict(run);
  // The probe, as fractions of the map from its top left.
  const [probe, setProbe] = useState<[number, number] | null>(null);

  useEffect(() => {
    if (canvas.current && grid) drawMap(canvas.current, grid, binary, result, summary);
  }, [grid, binary, result, summary]);

  const wrong = useMemo(() => Array.from(result.sampleIndices).filter((i) => summary.predicted[i] !== summary.truth[i]).length, [result, summary]);
  if (!grid) return null;

  const probeAt = (fx: number, fy: number) => {
    const at: [number, number] = [Math.min(1, Math.max(0, fx)), Math.min(1, Math.max(0, fy))];
    setProbe(at);
    predict(Float32Array.from(mapToInput(grid, at[0], at[1])));
  };
  const onPointer = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    probeAt((e.clientX - rect.left) / rect.width, (e.clientY - rect.top) / rect.height);
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-KEY_STEP, 0], ArrowRight: [KEY_STEP, 0], ArrowUp: [0, -KEY_STEP], ArrowDown: [0, KEY_STEP] };
    const move = moves[e.key];
    if (!move && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    const [fx, fy] = probe ?? [0.5, 0.5];
    probeAt(fx + (move?.[0] ?? 0), fy + (move?.[1] ?? 0));
  };
  const point = probe ? mapToInput(grid, probe[0], probe[1]) : null;
  const best = outcome?.kind === 'probabilities' ? Array.from(outcome.values).reduce((b, p, i, all) => (p > all[b] ? i : b), 0) : null;

  return (
    <div className="decision-map" data-testid="evaluation-map">
      <div className="decision-map__plot">
        <canvas
          ref={canvas}
          className="decision-map__canvas"
          style={{ width: SIZE, height: SIZE }}
          tabIndex={0}
          role="application"
          aria-label="Decision map. Click, or use the arrow keys, to predict a point."
          onPointerDown={onPointer}
          onKeyDown={onKey}
          data-testid="evaluation-map-canvas"
        />
        {probe && <span className="decision-map__probe" style={{ left: probe[0] * SIZE, top: probe[1] * SIZE }} aria-hidden="true" />}
        <div className="decision-map__axes muted mono">
          <span>x {coordinate(grid.xMin)} … {coordinate(grid.xMax)}</span>
          <span>y {coordinate(grid.yMin)} … {coordinate(grid.yMax)}</span>
        </div>
      </div>
      <div className="decision-map__side">
        <div className="decision-map__legend muted">
          <span>
            <span className="decision-map__dot" /> right
          </span>
          <span>
            <span className="decision-map__cross">×</span> wrong ({wrong.toLocaleString('en-US')})
          </span>
          <span>colour: true class</span>
        </div>
        <div className="decision-map__readout" data-testid="map-prediction" aria-live="polite">
          {point && best !== null && summary.classes[best] !== undefined ? (
            <>
              At <span className="mono">({coordinate(point[0])}, {coordinate(point[1])})</span>: <strong style={{ color: classCss(best) }}>{summary.classes[best]}</strong>
            </>
          ) : point ? (
            <>
              At <span className="mono">({coordinate(point[0])}, {coordinate(point[1])})</span>…
            </>
          ) : (
            <span className="muted">Click the map to see what the model predicts there.</span>
          )}
        </div>
        {probe && <PredictionBars outcome={outcome} classes={summary.classes} />}
      </div>
    </div>
  );
}
