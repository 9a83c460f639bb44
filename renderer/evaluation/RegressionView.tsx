/** MAE, RMSE and R² of a regression model, and predicted against actual values (the diagonal is perfect). */
import { useEffect, useRef } from 'react';
import { prepareCanvas } from '../datasets/drawSamples';
import { formatMetric } from '../training/format';
import type { RegressionSummary } from './evaluationModel';

const SIZE = 260;

export function RegressionView({ summary }: { summary: RegressionSummary }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el && prepareCanvas(el, SIZE, SIZE);
    if (!ctx) return;
    let lo = Infinity, hi = -Infinity;
    for (const arr of [summary.truth, summary.predicted]) for (const v of arr) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const pad = 24;
    const span = hi - lo || 1;
    const s = (v: number) => pad + ((v - lo) / span) * (SIZE - 2 * pad);
    ctx.fillStyle = '#14161b';
    ctx.fillRect(0, 0, SIZE, SIZE);
    ctx.strokeStyle = '#3b4150';
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(s(lo), SIZE - s(lo));
    ctx.lineTo(s(hi), SIZE - s(hi));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = 'rgba(110, 168, 254, 0.7)';
    for (let i = 0; i < summary.truth.length; i++) {
      ctx.beginPath();
      ctx.arc(s(summary.truth[i]), SIZE - s(summary.predicted[i]), 2.2, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.fillStyle = '#8d95a6';
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText('actual →', SIZE - 62, SIZE - 6);
    ctx.fillText('↑ predicted', 4, 14);
  }, [summary]);
  return (
    <div className="regression">
      <div className="metric-row">
        <div className="metric"><span className="metric__label">MAE</span><span className="metric__value mono" data-testid="metric-mae">{formatMetric(summary.mae)}</span></div>
        <div className="metric"><span className="metric__label">RMSE</span><span className="metric__value mono" data-testid="metric-rmse">{formatMetric(summary.rmse)}</span></div>
        <div className="metric"><span className="metric__label">R²</span><span className="metric__value mono" data-testid="metric-r2">{formatMetric(summary.r2)}</span></div>
      </div>
      <canvas ref={canvas} data-testid="regression-scatter" />
    </div>
  );
}
