/** ROC curves with their AUC: the binary curve, or one-vs-rest per class with a class selector. */
import { useState } from 'react';
import type { RocCurve } from '../../engine/metrics';
import { classCss } from '../training/classColours';
import { formatMetric } from '../training/format';

const SIZE = 240;
const PAD = 28;

function pathOf(curve: RocCurve): string {
  const points: string[] = [];
  for (let i = 0; i < curve.fpr.length; i++) {
    if (!Number.isFinite(curve.fpr[i]) || !Number.isFinite(curve.tpr[i])) continue;
    points.push(`${(PAD + curve.fpr[i] * (SIZE - PAD - 8)).toFixed(1)},${(SIZE - PAD - curve.tpr[i] * (SIZE - PAD - 8)).toFixed(1)}`);
  }
  return points.length ? `M${points.join('L')}` : '';
}

export function RocPlot({ curves, classes, macroAuc }: { curves: RocCurve[]; classes: string[]; macroAuc: number }) {
  const binary = curves.length === 1;
  const [selected, setSelected] = useState<number | 'all'>('all');
  const shown = binary ? [0] : selected === 'all' ? curves.map((_, i) => i) : [selected];
  const inner = SIZE - PAD - 8;
  return (
    <div className="roc" data-testid="roc-plot">
      <div className="roc__head">
        {binary ? (
          <span>
            AUC <strong className="mono" data-testid="roc-auc">{formatMetric(curves[0].auc)}</strong>
            <span className="muted"> · positive class “{classes[1] ?? '1'}”</span>
          </span>
        ) : (
          <>
            <select className="tool-select" value={String(selected)} onChange={(e) => setSelected(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="roc-class" aria-label="ROC class">
              <option value="all">All classes (one-vs-rest)</option>
              {classes.map((c, i) => (
                <option key={i} value={i}>
                  {c} vs rest — AUC {formatMetric(curves[i]?.auc)}
                </option>
              ))}
            </select>
            <span className="muted">
              macro AUC <strong className="mono" data-testid="roc-auc">{formatMetric(selected === 'all' ? macroAuc : curves[selected]?.auc)}</strong>
            </span>
          </>
        )}
      </div>
      <svg width={SIZE} height={SIZE} className="roc__svg" role="img" aria-label="ROC curve">
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={PAD + v * inner} x2={PAD + v * inner} y1={8} y2={SIZE - PAD} className="roc__grid" />
            <line x1={PAD} x2={SIZE - 8} y1={SIZE - PAD - v * inner} y2={SIZE - PAD - v * inner} className="roc__grid" />
            <text x={PAD + v * inner} y={SIZE - PAD + 12} className="roc__tick" textAnchor="middle">
              {v}
            </text>
            <text x={PAD - 4} y={SIZE - PAD - v * inner + 3} className="roc__tick" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        <line x1={PAD} y1={SIZE - PAD} x2={SIZE - 8} y2={8} className="roc__chance" />
        {shown.map((i) => (
          <path key={i} d={pathOf(curves[i])} fill="none" stroke={binary ? '#6ea8fe' : classCss(i)} strokeWidth={shown.length === 1 ? 2 : 1.4} />
        ))}
        <text x={PAD + inner / 2} y={SIZE - 2} className="roc__axis" textAnchor="middle">
          false-positive rate
        </text>
        <text x={10} y={8 + inner / 2} className="roc__axis" textAnchor="middle" transform={`rotate(-90 10 ${8 + inner / 2})`}>
          true-positive rate
        </text>
      </svg>
    </div>
  );
}
