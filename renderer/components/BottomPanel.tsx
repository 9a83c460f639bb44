/** Model summary table and the Problems list under the canvas: graph issues, then how the model fits its dataset. */
import { memo, useMemo } from 'react';
import { formatCount, plural } from '../../engine/model';
import type { SummaryRow as SummaryRowData } from '../../engine/model';
import type { DataFitProblem } from '../../engine/model';
import { useDataFit } from '../datasets/datasetFit';
import { fixEdits } from '../datasets/modelFixes';
import { useEditor } from '../store/EditorContext';
import './problems.css';
import { selectAnalysis, selectSummary } from '../store/selectors';

interface SummaryRowProps {
  row: SummaryRowData;
  selected: boolean;
  onFocus(nodeId: string): void;
}

/**
 * One layer's row. Memoised on its fields rather than the row object, so a summary rebuilt after an
 * edit re-renders only the rows whose text changed (number formatting is not free at 300 rows).
 */
const SummaryRow = memo(
  function SummaryRow({ row, selected, onFocus }: SummaryRowProps) {
    return (
      <tr className={selected ? 'is-selected' : ''} onClick={() => onFocus(row.nodeId)}>
        <td>{row.name}</td>
        <td className="muted">{row.type}</td>
        <td className="mono">{row.outputShape}</td>
        <td className="num mono">{row.params.toLocaleString()}</td>
        <td className="num mono">{formatCount(row.flops)}</td>
      </tr>
    );
  },
  (a, b) =>
    a.selected === b.selected &&
    a.onFocus === b.onFocus &&
    (a.row === b.row ||
      (a.row.nodeId === b.row.nodeId &&
        a.row.name === b.row.name &&
        a.row.type === b.row.type &&
        a.row.outputShape === b.row.outputShape &&
        a.row.params === b.row.params &&
        a.row.flops === b.row.flops)),
);

function SummaryTable() {
  // The summary object is reused while only positions change, so a drag does not re-render this table.
  const summary = useEditor(selectSummary);
  const selectedIds = useEditor((s) => s.selectedNodeIds);
  const focusNode = useEditor((s) => s.focusNode);
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  return (
    <div className="table-scroll">
      <table className="summary" data-testid="model-summary">
        <thead>
          <tr>
            <th>Layer</th>
            <th>Type</th>
            <th>Output shape</th>
            <th className="num">Params</th>
            <th className="num">FLOPs</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <SummaryRow key={row.nodeId} row={row} selected={selected.has(row.nodeId)} onFocus={focusNode} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>Total</td>
            <td className="num mono" data-testid="summary-total-params">
              {summary.totalParams.toLocaleString()}
            </td>
            <td className="num mono" data-testid="summary-total-flops">
              {formatCount(summary.totalFlops)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** A data-fit problem: what does not match the chosen dataset, where, and the one-click fix. */
function FitProblemItem({ problem }: { problem: DataFitProblem }) {
  const focusNode = useEditor((s) => s.focusNode);
  const edit = useEditor((s) => s.edit);
  const fix = problem.fix;
  return (
    <li className={`issue issue--${problem.severity === 'error' ? 'error' : 'info'} issue--fit is-clickable`} onClick={() => focusNode(problem.nodeId)} data-testid="fit-problem" data-code={problem.code}>
      <span className="issue__severity">{problem.severity === 'error' ? 'Dataset' : 'Note'}</span>
      <span className="issue__message">{problem.message}</span>
      {fix && (
        <button
          type="button"
          className="tool-button tool-button--outlined issue__fix"
          onClick={(e) => {
            e.stopPropagation();
            edit(fixEdits(fix));
          }}
          data-testid="fit-fix"
        >
          {fix.label}
        </button>
      )}
    </li>
  );
}

function IssuesList() {
  const issues = useEditor((s) => selectAnalysis(s).issues);
  const focusNode = useEditor((s) => s.focusNode);
  const edges = useEditor((s) => s.doc.edges);
  const { dataset, problems, blocking } = useDataFit();
  if (issues.length === 0 && blocking.length === 0) {
    return (
      <div className="issues-ok">
        <p className="muted issues-empty" data-testid="issues-empty">
          No problems: the network is ready to train{dataset ? ` on ${dataset.name}` : ''}.
        </p>
        {problems.length > 0 && (
          <ul className="issue-list issue-list--panel">
            {problems.map((p, i) => (
              <FitProblemItem key={`fit-${i}`} problem={p} />
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <ul className="issue-list issue-list--panel" data-testid="issues-list">
      {issues.map((issue, i) => {
        const nodeId = issue.nodeId ?? edges.find((e) => e.id === issue.edgeId)?.target;
        return (
          <li key={i} className={`issue issue--${issue.severity}${nodeId ? ' is-clickable' : ''}`} onClick={nodeId ? () => focusNode(nodeId) : undefined} data-testid="issue">
            <span className="issue__severity">{issue.severity === 'error' ? 'Error' : 'Warning'}</span>
            {issue.message}
          </li>
        );
      })}
      {problems.map((p, i) => (
        <FitProblemItem key={`fit-${i}`} problem={p} />
      ))}
    </ul>
  );
}

export function BottomPanel() {
  const panel = useEditor((s) => s.bottomPanel);
  const setPanel = useEditor((s) => s.setBottomPanel);
  const analysis = useEditor(selectAnalysis);
  const { blocking } = useDataFit();
  const errors = analysis.errorCount + blocking.length;
  const warnings = analysis.issues.length - analysis.errorCount;
  return (
    <section className="bottom-panel">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={panel === 'summary'} className={`tab${panel === 'summary' ? ' is-active' : ''}`} onClick={() => setPanel('summary')} data-testid="tab-summary">
          Summary
        </button>
        <button type="button" role="tab" aria-selected={panel === 'issues'} className={`tab${panel === 'issues' ? ' is-active' : ''}`} onClick={() => setPanel('issues')} data-testid="tab-issues">
          Problems
          {errors > 0 && (
            <span className="count count--error" data-testid="issues-error-count">
              {errors}
            </span>
          )}
          {warnings > 0 && <span className="count count--warning">{warnings}</span>}
        </button>
        <span className="tabs__spacer" />
        <span className="muted tabs__totals">
          {plural(analysis.totalParams, 'parameter')} · {formatCount(analysis.totalFlops)} FLOPs per sample
        </span>
      </div>
      <div className="bottom-panel__content">{panel === 'summary' ? <SummaryTable /> : <IssuesList />}</div>
    </section>
  );
}
