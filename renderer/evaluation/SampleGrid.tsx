/** Test samples with their predictions, mistakes first: images drawn from the samples, other rows as text. */
import { useEffect, useRef } from 'react';
import type { EvaluationMessage } from '../../engine/training/protocol';
import { drawImage, prepareCanvas } from '../datasets/drawSamples';
import { formatPercent } from '../training/format';
import type { EvaluationSummary, SampleView } from './evaluationModel';
import { sampleViews } from './evaluationModel';

const MAX_SHOWN = 60;
const CELL = 56;

function SampleImage({ result, view, shape }: { result: EvaluationMessage; view: SampleView; shape: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el && prepareCanvas(el, CELL, CELL);
    if (!ctx) return;
    const size = shape.reduce((a, b) => a * b, 1);
    drawImage(ctx, result.samples, view.slot * size, shape, 0, 0, CELL);
  }, [result, view, shape]);
  return <canvas ref={canvas} />;
}

const name = (classes: string[], id: number) => classes[id] ?? String(id);

/** `shape` is how to draw one sample (the dataset's shape when the model takes it flattened). */
export function SampleGrid({ result, summary, shape }: { result: EvaluationMessage; summary: EvaluationSummary; shape: number[] }) {
  const views = sampleViews(result, summary).slice(0, MAX_SHOWN);
  const images = shape.length === 3;
  const wrong = views.filter((v) => !v.correct).length;
  const size = shape.reduce((a, b) => a * b, 1);
  return (
    <div data-testid="sample-grid">
      <div className="muted sample-grid__note">
        {views.length} of {result.count.toLocaleString('en-US')} test samples · {wrong} wrong, shown first
      </div>
      <div className={images ? 'sample-grid sample-grid--images' : 'sample-grid sample-grid--rows'}>
        {views.map((v) => (
          <div key={v.slot} className={`sample${v.correct ? '' : ' is-wrong'}`} title={`Test sample #${v.testIndex}`} data-testid="sample-item" data-correct={v.correct}>
            {images ? (
              <SampleImage result={result} view={v} shape={shape} />
            ) : (
              <span className="mono sample__features">
                {Array.from(result.samples.subarray(v.slot * size, v.slot * size + Math.min(size, 4)), (x) => Number(x.toPrecision(3))).join(', ')}
                {size > 4 ? ', …' : ''}
              </span>
            )}
            <span className="sample__caption">
              {summary.kind === 'regression' ? (
                <>
                  <span className="mono">{v.predicted.toFixed(3)}</span> <span className="muted">vs {v.truth.toFixed(3)}</span>
                </>
              ) : (
                <>
                  <span className={v.correct ? 'sample__ok' : 'sample__bad'}>{name(summary.classes, v.predicted)}</span>
                  {!v.correct && <span className="muted"> (is {name(summary.classes, v.truth)})</span>}
                  <span className="muted sample__confidence"> {formatPercent(v.confidence)}</span>
                </>
              )}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
