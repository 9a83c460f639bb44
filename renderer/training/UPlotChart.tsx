/**
 * One uPlot chart, created once per mount (and when its series change), fed by `read` on the live
 * timer. `read(false)` returns null when nothing changed since the last call, so idle charts cost nothing.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlignedSeries } from './plotData';
import { useTicker } from './useTicker';

export interface ChartSeries {
  label: string;
  stroke: string;
  width?: number;
  dash?: number[];
  /** 'y' (left axis, default) or 'y2' (right axis). */
  scale?: string;
  points?: boolean;
}

interface Props {
  testId: string;
  title: string;
  xLabel: string;
  series: ChartSeries[];
  /** Right axis label, when any series uses scale 'y2'. */
  y2Label?: string;
  /** Fixed range for the left scale, e.g. [0, 1] for accuracy. */
  yRange?: [number, number];
  read: (force: boolean) => AlignedSeries | null;
  /** Keep polling `read` (while a run is live). */
  live: boolean;
  /** Changes when the data changed outside the live stream (another run selected, smoothing moved). */
  revision: string;
  height?: number;
  /** x takes whole numbers only (epochs): integer ticks and a little room either side. */
  integerX?: boolean;
}

const AXIS = { stroke: '#8d95a6', grid: { stroke: 'rgba(46, 51, 64, 0.8)', width: 1 }, ticks: { stroke: '#2e3340', width: 1 }, font: '11px system-ui, sans-serif' };

/** Tick labels short enough for the axis: 1.2k, 3M, 0.001, 1e-7. */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  if (a < 1e-3) return v.toExponential(0);
  return String(+v.toPrecision(4));
}

const tickValues = (_u: uPlot, splits: number[]): string[] => splits.map(formatTick);

/**
 * Shows the data in the chart and, while the pointer is elsewhere, the newest values in the legend
 * (uPlot shows dashes when no point is under the cursor).
 */
function showData(plot: uPlot, data: AlignedSeries): void {
  plot.setData([data.x, ...data.series]);
  const pointerOver = plot.cursor.left !== undefined && plot.cursor.left >= 0;
  if (!pointerOver && data.x.length > 0) plot.setLegend({ idx: data.x.length - 1 });
}

const formatValue = (_u: uPlot, v: number | null): string => (v === null || v === undefined ? '–' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(4));

export function UPlotChart({ testId, title, xLabel, series, y2Label, yRange, read, live, revision, height = 200, integerX = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const seriesKey = JSON.stringify(series);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const defs = JSON.parse(seriesKey) as ChartSeries[];
    const hasY2 = defs.some((s) => s.scale === 'y2');
    const options: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false }, points: { size: 5 } },
      scales: {
        x: integerX ? { time: false, range: (_u, _min, max) => [0.75, Math.max(2, max ?? 1) + 0.25] } : { time: false }, y: yRange ? { range: yRange } : {}, ...(hasY2 ? { y2: { range: [0, 1] } } : {}) },
      axes: [
        { ...AXIS, label: xLabel, labelSize: 18, labelFont: '11px system-ui, sans-serif', size: 34, ...(integerX ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : {}) },
        { ...AXIS, size: 48, values: tickValues },
        ...(hasY2 ? [{ ...AXIS, scale: 'y2', side: 1, size: 40, values: tickValues, label: y2Label, labelFont: '11px system-ui, sans-serif', labelSize: 16, grid: { show: false } }] : []),
      ],
      series: [
        { label: xLabel, value: (_u, v) => (v === null ? '–' : String(Math.round(v))) },
        ...defs.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: s.width ?? 1.5,
          dash: s.dash,
          scale: s.scale ?? 'y',
          spanGaps: false,
          // A line needs two points: a run with one epoch shows its one value as a dot.
          points: { show: s.points ? true : (u: uPlot) => (u.data[0]?.length ?? 0) === 1, size: 5, fill: s.stroke },
          value: formatValue,
        })),
      ],
    };
    const empty: uPlot.AlignedData = [[], ...defs.map(() => [])];
    const plot = new uPlot(options, empty, el);
    chart.current = plot;
    const data = read(true);
    if (data) showData(plot, data);
    plot.over.addEventListener('mouseleave', () => {
      const length = plot.data[0]?.length ?? 0;
      if (length > 0) plot.setLegend({ idx: length - 1 });
    });
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // read changes every render; the chart only needs rebuilding when its series or size change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seriesKey, height, xLabel, y2Label, yRange?.[0], yRange?.[1], integerX]);

  const refresh = () => {
    const data = read(false);
    if (data && chart.current) showData(chart.current, data);
  };
  useTicker(refresh, live);
  useEffect(() => {
    const data = read(true);
    if (data && chart.current) showData(chart.current, data);
    // Only a new revision asks for a redraw here; the ticker handles the live stream.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart__title">{title}</figcaption>
      <div ref={host} className="chart__plot" />
    </figure>
  );
}
