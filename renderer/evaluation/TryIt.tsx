/**
 * "Try it": a drawing pad for 28×28 image models (downsampled like MNIST) or a form of feature values
 * for tabular and 2-D models; each input is sent to the worker and the class probabilities shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { lossSpec } from '../../engine/model';
import type { EvaluationMessage } from '../../engine/training/protocol';
import { classCss } from '../training/classColours';
import { RequestError } from '../training/controller';
import { formatMetric } from '../training/format';
import type { TrainingRun } from '../training/runs';
import { useTrainingController } from '../training/TrainingContext';
import { downsampleDrawing, intensityOf, MNIST_SIZE, toProbabilities } from './drawing';

const PAD = 224;
const BRUSH = 16;

export type Outcome = { kind: 'probabilities'; values: Float32Array } | { kind: 'value'; value: number } | { kind: 'error'; message: string; hint: string } | null;

/** Class probabilities as bars (the best one marked), a predicted value, or why there is none. */
export function PredictionBars({ outcome, classes }: { outcome: Outcome; classes: string[] }) {
  if (!outcome) return <div className="prediction-bars muted" data-testid="prediction-bars">The prediction appears here.</div>;
  if (outcome.kind === 'error') {
    return (
      <div className="prediction-bars prediction-bars--error" data-testid="prediction-bars">
        {outcome.message} <span className="muted">{outcome.hint}</span>
      </div>
    );
  }
  if (outcome.kind === 'value') {
    return (
      <div className="prediction-bars" data-testid="prediction-bars">
        Predicted value <strong className="mono">{formatMetric(outcome.value)}</strong>
      </div>
    );
  }
  const values = outcome.values;
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return (
    <div className="prediction-bars" data-testid="prediction-bars">
      {Array.from(values, (p, i) => (
        <div key={i} className={`bar-row${i === best ? ' is-best' : ''}`} data-testid="prediction-bar">
          <span className="bar-row__label">{classes[i] ?? i}</span>
          <span className="bar-row__track">
            <span className="bar-row__fill" style={{ width: `${(p * 100).toFixed(1)}%`, background: i === best ? classCss(1) : 'rgba(141, 149, 166, 0.5)' }} />
          </span>
          <span className="bar-row__value mono">{(p * 100).toFixed(1)}%</span>
        </div>
      ))}
    </div>
  );
}

/** Runs predictions for one run and turns outputs into what the bars show. */
export function usePredict(run: TrainingRun) {
  const controller = useTrainingController();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const regression = run.document.nodes.some((n) => n.type === 'Output' && lossSpec(n.params.loss)?.task === 'regression');
  const predict = useCallback(
    (inputs: Float32Array) => {
      controller.predict(run.id, inputs, 1).then(
        (message) => {
          const out = message.outputs.subarray(0, message.outputWidth);
          if (regression) setOutcome({ kind: 'value', value: out[0] });
          else if (message.outputWidth === 1) setOutcome({ kind: 'probabilities', values: new Float32Array([1 - out[0], out[0]]) });
          else setOutcome({ kind: 'probabilities', values: toProbabilities(out) });
        },
        (err: unknown) => setOutcome({ kind: 'error', message: err instanceof Error ? err.message : String(err), hint: err instanceof RequestError ? err.hint : '' }),
      );
    },
    [controller, run.id, regression],
  );
  return { outcome, predict, clear: () => setOutcome(null) };
}

function DrawingPad({ run, classes }: { run: TrainingRun; classes: string[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const { outcome, predict, clear } = usePredict(run);

  const reset = useCallback(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, PAD, PAD);
    preview.current?.getContext('2d')?.clearRect(0, 0, MNIST_SIZE, MNIST_SIZE);
    clear();
    // clear is a new function each render; resetting only needs the canvas.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(reset, [reset]);

  const send = () => {
    const ctx = canvas.current?.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    const sample = downsampleDrawing(intensityOf(ctx.getImageData(0, 0, PAD, PAD).data), PAD, PAD);
    const small = preview.current?.getContext('2d');
    if (small) {
      const image = small.createImageData(MNIST_SIZE, MNIST_SIZE);
      sample.forEach((v, i) => {
        const g = Math.round(Math.min(1, v) * 255);
        image.data.set([g, g, g, 255], i * 4);
      });
      small.putImageData(image, 0, 0);
    }
    predict(sample);
  };
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * PAD, y: ((e.clientY - rect.top) / rect.height) * PAD };
  };
  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = BRUSH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };
  return (
    <div className="try-it">
      <div className="try-it__pad">
        <canvas
          ref={canvas}
          width={PAD}
          height={PAD}
          className="try-it__canvas"
          data-testid="try-it-canvas"
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            const p = point(e);
            drawing.current = p;
            stroke(p, p);
          }}
          onPointerMove={(e) => {
            if (!drawing.current) return;
            const p = point(e);
            stroke(drawing.current, p);
            drawing.current = p;
          }}
          onPointerUp={() => {
            drawing.current = null;
            send();
          }}
        />
        <div className="try-it__tools">
          <button type="button" className="tool-button tool-button--outlined" onClick={reset} data-testid="try-it-clear">
            Clear
          </button>
          <span className="muted">as the model sees it</span>
          <canvas ref={preview} width={MNIST_SIZE} height={MNIST_SIZE} className="try-it__preview" />
        </div>
      </div>
      <PredictionBars outcome={outcome} classes={classes} />
    </div>
  );
}

function FeatureForm({ run, classes, width, sample }: { run: TrainingRun; classes: string[]; width: number; sample: Float32Array | null }) {
  const [values, setValues] = useState<string[]>(() => Array.from({ length: width }, (_, i) => (sample ? String(Number(sample[i].toPrecision(4))) : '0')));
  const { outcome, predict } = usePredict(run);
  const parsed = values.map(Number);
  const valid = parsed.every(Number.isFinite);
  return (
    <div className="try-it">
      <form
        className="feature-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) predict(Float32Array.from(parsed));
        }}
        data-testid="try-it-form"
      >
        <div className="feature-form__grid">
          {values.map((v, i) => (
            <label key={i} className="field">
              <span className="field__label">x{i + 1}</span>
              <input className={`field__input${Number.isFinite(Number(v)) ? '' : ' is-invalid'}`} value={v} onChange={(e) => setValues(values.map((old, j) => (j === i ? e.target.value : old)))} data-testid={`try-it-feature-${i}`} />
            </label>
          ))}
        </div>
        <button type="submit" className="tool-button tool-button--primary" disabled={!valid} data-testid="try-it-predict">
          Predict
        </button>
      </form>
      <PredictionBars outcome={outcome} classes={classes} />
    </div>
  );
}

/** The right "Try it" for the run's input: a pad for 28×28 images, a form for up to 64 features. */
export function TryIt({ run, classes, result, shape }: { run: TrainingRun; classes: string[]; result: EvaluationMessage | null; shape: number[] }) {
  const size = shape.reduce((a, b) => a * b, 1);
  if (shape.length === 3 && shape[0] === MNIST_SIZE && shape[1] === MNIST_SIZE) return <DrawingPad run={run} classes={classes} />;
  if (shape.length === 1 && size <= 64) return <FeatureForm key={run.id} run={run} classes={classes} width={size} sample={result && result.samples.length >= size ? result.samples.subarray(0, size) : null} />;
  return <p className="muted">Try it works with 28×28 images and with up to 64 features; this model takes {shape.join('×') || 'an unknown shape'}.</p>;
}
