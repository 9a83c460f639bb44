/** Precision, recall, F1 and support per class, with macro and weighted averages. */
import type { ClassificationReport } from '../../engine/metrics';
import { formatPercent } from '../training/format';

const score = (v: number) => formatPercent(v);

export function PerClassTable({ report, classes }: { report: ClassificationReport; classes: string[] }) {
  const total = report.support.reduce((a, b) => a + b, 0);
  return (
    <div className="table-scroll per-class">
      <table className="summary" data-testid="per-class-table">
        <thead>
          <tr>
            <th>Class</th>
            <th className="num">Precision</th>
            <th className="num">Recall</th>
            <th className="num">F1</th>
            <th className="num">Support</th>
          </tr>
        </thead>
        <tbody>
          {classes.map((name, i) => (
            <tr key={i}>
              <td>{name}</td>
              <td className={`num mono${report.undefinedPrecision.includes(i) ? ' muted' : ''}`} title={report.undefinedPrecision.includes(i) ? 'Never predicted: precision undefined, shown as 0' : undefined}>
                {score(report.precision[i])}
              </td>
              <td className="num mono">{score(report.recall[i])}</td>
              <td className="num mono">
                <span className="f1-bar" style={{ ['--f1' as string]: `${(report.f1[i] * 100).toFixed(1)}%` }}>
                  {score(report.f1[i])}
                </span>
              </td>
              <td className="num mono">{report.support[i]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Macro average</td>
            <td className="num mono">{score(report.macro.precision)}</td>
            <td className="num mono">{score(report.macro.recall)}</td>
            <td className="num mono">{score(report.macro.f1)}</td>
            <td className="num mono">{total}</td>
          </tr>
          <tr>
            <td>Weighted average</td>
            <td className="num mono">{score(report.weighted.precision)}</td>
            <td className="num mono">{score(report.weighted.recall)}</td>
            <td className="num mono">{score(report.weighted.f1)}</td>
            <td className="num mono">{total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
