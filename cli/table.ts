/** Plain-text tables for terminal output. */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Renders rows under a header and a rule, each column as wide as its widest cell. */
export function renderTable(columns: Column[], rows: string[][]): string[] {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** 1234567 -> "1,234,567". */
export function withThousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
