/**
 * The confusion-matrix heatmap: counts in cells, colour by row share, a tooltip per cell. Each cell is a
 * button that lists its samples in the sample grid; the selected one is marked.
 */
import { useState } from 'react';
import type { ConfusionMatrix as Matrix } from '../../engine/metrics';
import { confusionCells } from './evaluationModel';

export interface ConfusionMatrixProps {
  matrix: Matrix;
  classes: string[];
  /** The cell whose samples are listed, if any. */
  selected?: { truth: number; predicted: number } | null;
  onSelect?(truth: number, predicted: number): void;
}

export function ConfusionMatrix({ matrix, classes, selected = null, onSelect }: ConfusionMatrixProps) {
  const rows = confusionCells(matrix, classes);
  const [hover, setHover] = useState<string | null>(null);
  const k = matrix.size;
  // Large matrices drop the numbers and shrink the cells; the tooltip still gives the count.
  const cell = k <= 10 ? 38 : k <= 20 ? 24 : 14;
  const showCounts = k <= 20;
  return (
    <div className="confusion" data-testid="confusion-matrix">
      <div className="confusion__axis-top muted">Predicted</div>
      <div className="confusion__body">
        <div className="confusion__axis-left muted">True</div>
        <table className="confusion__table" style={{ ['--cell' as string]: `${cell}px` }}>
          <thead>
            <tr>
              <th />
              {rows[0]?.map((c) => (
                <th key={c.predicted} className="confusion__label" title={classes[c.predicted]}>
                  {showCounts ? (classes[c.predicted] ?? c.predicted) : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, t) => (
              <tr key={t}>
                <th className="confusion__label confusion__label--row" title={classes[t]}>
                  {classes[t] ?? t}
                </th>
                {row.map((c) => (
                  <td key={c.predicted} className={`confusion__cell${c.truth === c.predicted ? ' is-diagonal' : ''}`} style={{ background: c.colour }} data-testid={`confusion-cell-${c.truth}-${c.predicted}`}>
                    <button
                      type="button"
                      className={`confusion__button${selected?.truth === c.truth && selected.predicted === c.predicted ? ' is-selected' : ''}`}
                      title={`${c.tooltip}. Click to list them.`}
                      aria-label={`${c.tooltip}. Show these samples`}
                      aria-pressed={selected?.truth === c.truth && selected.predicted === c.predicted}
                      onClick={() => onSelect?.(c.truth, c.predicted)}
                      onMouseEnter={() => setHover(c.tooltip)}
                      onMouseLeave={() => setHover(null)}
                      onFocus={() => setHover(c.tooltip)}
                      onBlur={() => setHover(null)}
                      data-testid={`confusion-button-${c.truth}-${c.predicted}`}
                    >
                      {showCounts && c.count > 0 ? c.count : ''}
                    </button>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="confusion__hover muted" aria-live="polite">
        {hover ?? 'Rows are true classes; colour is the share of the row. Blue: right, red: wrong. Click a cell to list its samples.'}
      </div>
    </div>
  );
}
