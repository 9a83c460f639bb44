/**
 * Test samples with their predictions, a page at a time: mistakes, all samples (mistakes first) or one
 * confusion-matrix cell's. Counts come from the whole evaluation; the samples of a page not yet seen are
 * asked of the worker by index, so an evaluation never ships every test image.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EvaluationMessage } from '../../engine/training/protocol';
import { drawImage, prepareCanvas } from '../datasets/drawSamples';
import { formatPercent } from '../training/format';
import type { TrainingRun } from '../training/runs';
import { useTrainingController } from '../training/TrainingContext';
import type { EvaluationSummary, SampleView } from './evaluationModel';
import { sampleViewAt } from './evaluationModel';
import type { SampleFilter } from './samplePaging';
import { cellFilterLabel, errorCount, missingIndices, SAMPLE_PAGE_SIZE, samplePage, sampleOrder } from './samplePaging';

const CELL = 56;

function SampleImage({ values, shape }: { values: Float32Array; shape: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el && prepareCanvas(el, CELL, CELL);
    if (!ctx) return;
    drawImage(ctx, values, 0, shape, 0, 0, CELL);
  }, [values, shape]);
  return <canvas ref={canvas} />;
}

const name = (classes: string[], id: number) => classes[id] ?? String(id);

/** The samples of one evaluation by test index: its own first page, then those `wanted` fetched from the worker. */
function useSampleCache(run: TrainingRun, result: EvaluationMessage, wanted: Int32Array, size: number) {
  const controller = useTrainingController();
  const cache = useMemo(() => {
    const map = new Map<number, Float32Array>();
    result.sampleIndices.forEach((index, slot) => map.set(index, result.samples.subarray(slot * size, (slot + 1) * size)));
    return map;
  }, [result, size]);
  const [, setVersion] = useState(0);
  // A failure belongs to the page it was for.
  const [failure, setFailure] = useState<{ wanted: Int32Array; message: string } | null>(null);
  const dataset = run.document.training.dataset;
  useEffect(() => {
    const missing = missingIndices(wanted, cache);
    if (missing.length === 0) return;
    let cancelled = false;
    controller.preview(dataset, 0, { split: 'test', indices: missing }).then(
      (page) => {
        const indices = page.indices ?? missing;
        indices.forEach((index, k) => cache.set(index, page.samples.subarray(k * size, (k + 1) * size)));
        if (!cancelled) setVersion((v) => v + 1);
      },
      (err: unknown) => !cancelled && setFailure({ wanted, message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      cancelled = true;
    };
    // The dataset object is the run's and only changes with it; `wanted` names the samples.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, cache, wanted, size]);
  return { cache, failure: failure?.wanted === wanted ? failure.message : null };
}

function SampleItem({ view, values, summary, shape, images }: { view: SampleView; values: Float32Array | undefined; summary: EvaluationSummary; shape: number[]; images: boolean }) {
  return (
    <div className={`sample${view.correct ? '' : ' is-wrong'}`} title={`Test sample #${view.testIndex}`} data-testid="sample-item" data-correct={view.correct} data-index={view.testIndex}>
      {!values ? (
        <span className={images ? 'sample__placeholder' : 'mono sample__features muted'} aria-label="Loading">
          {images ? '' : '…'}
        </span>
      ) : images ? (
        <SampleImage values={values} shape={shape} />
      ) : (
        <span className="mono sample__features">
          {Array.from(values.subarray(0, 4), (x) => Number(x.toPrecision(3))).join(', ')}
          {values.length > 4 ? ', …' : ''}
        </span>
      )}
      <span className="sample__caption">
        {summary.kind === 'regression' ? (
          <>
            <span className="mono">{view.predicted.toFixed(3)}</span> <span className="muted">vs {view.truth.toFixed(3)}</span>
          </>
        ) : (
          <>
            <span className={view.correct ? 'sample__ok' : 'sample__bad'}>{name(summary.classes, view.predicted)}</span>
            {!view.correct && <span className="muted"> (is {name(summary.classes, view.truth)})</span>}
            <span className="muted sample__confidence"> {formatPercent(view.confidence)}</span>
          </>
        )}
      </span>
    </div>
  );
}

export interface SampleGridProps {
  run: TrainingRun;
  result: EvaluationMessage;
  summary: EvaluationSummary;
  /** How to draw one sample (the dataset's shape when the model takes it flattened). */
  shape: number[];
  filter: SampleFilter;
  onFilter(filter: SampleFilter): void;
}

export function SampleGrid({ run, result, summary, shape, filter, onFilter }: SampleGridProps) {
  const order = useMemo(() => sampleOrder(summary, filter), [summary, filter]);
  const wrong = useMemo(() => errorCount(summary), [summary]);
  // The page belongs to its list: a new list starts on its first page.
  const [paging, setPaging] = useState<{ order: Int32Array; page: number } | null>(null);
  const at = samplePage(order.length, paging?.order === order ? paging.page : 0);
  const setPage = (page: number) => setPaging({ order, page });
  const wanted = useMemo(() => order.subarray(at.start, at.end), [order, at.start, at.end]);
  // The next page comes along with this one, so that Next shows at once.
  const fetching = useMemo(() => order.subarray(at.start, Math.min(order.length, at.end + SAMPLE_PAGE_SIZE)), [order, at.start, at.end]);
  const size = shape.reduce((a, b) => a * b, 1);
  const { cache, failure } = useSampleCache(run, result, fetching, size);
  const images = shape.length === 3;
  const total = result.count.toLocaleString('en-US');
  const cell = filter.kind === 'cell' ? filter : null;

  return (
    <div data-testid="sample-grid">
      <div className="sample-grid__bar">
        {cell ? (
          <span className="sample-filter" data-testid="sample-filter">
            <span data-testid="sample-filter-label">{cellFilterLabel(cell.truth, cell.predicted, order.length, summary.kind === 'classification' ? summary.classes : [])}</span>
            <button type="button" className="sample-filter__clear" onClick={() => onFilter({ kind: wrong > 0 ? 'errors' : 'all' })} aria-label="Clear the cell filter" data-testid="sample-filter-clear">
              ×
            </button>
          </span>
        ) : (
          <div className="segmented" role="group" aria-label="Samples to list">
            <button type="button" className={`segmented__item${filter.kind === 'errors' ? ' is-active' : ''}`} aria-pressed={filter.kind === 'errors'} onClick={() => onFilter({ kind: 'errors' })} data-testid="sample-filter-errors">
              Wrong <span className="mono">{wrong.toLocaleString('en-US')}</span>
            </button>
            <button type="button" className={`segmented__item${filter.kind === 'all' ? ' is-active' : ''}`} aria-pressed={filter.kind === 'all'} onClick={() => onFilter({ kind: 'all' })} data-testid="sample-filter-all">
              All <span className="mono">{total}</span>
            </button>
          </div>
        )}
        <span className="muted sample-grid__note">
          {cell ? 'Click the cell again or × to go back.' : filter.kind === 'all' ? 'Mistakes first.' : summary.kind === 'regression' ? 'Off by more than 10%, worst first.' : 'Click a confusion-matrix cell to see its samples.'}
        </span>
        <div className="pager" role="group" aria-label="Pages of samples">
          <button type="button" className="tool-button" disabled={at.page === 0} onClick={() => setPage(at.page - 1)} aria-label="Previous page" data-testid="sample-prev">
            ‹ Previous
          </button>
          <span className="pager__label mono" aria-live="polite" data-testid="sample-range">
            {at.label}
          </span>
          <button type="button" className="tool-button" disabled={at.page >= at.pages - 1} onClick={() => setPage(at.page + 1)} aria-label="Next page" data-testid="sample-next">
            Next ›
          </button>
        </div>
      </div>
      {failure && (
        <div className="muted sample-grid__failure" role="alert">
          These samples could not be read: {failure}
        </div>
      )}
      {order.length === 0 ? (
        <p className="muted sample-grid__empty">{cell ? 'No test samples in this cell.' : 'No test sample was predicted wrong.'}</p>
      ) : (
        <div className={images ? 'sample-grid sample-grid--images' : 'sample-grid sample-grid--rows'} data-testid="sample-items">
          {Array.from(wanted, (index) => (
            <SampleItem key={index} view={sampleViewAt(result, summary, index)} values={cache.get(index)} summary={summary} shape={shape} images={images} />
          ))}
        </div>
      )}
    </div>
  );
}
