/** One measured figure. `peers` holds the same measurement for other frameworks, for ratios. */
export interface BenchResult {
  suite: string;
  name: string;
  unit: string;
  /** Median of the repeats. */
  value: number;
  repeats: number[];
  goal?: string;
  peers?: { name: string; value: number | null; note?: string }[];
  /** true when a larger value is better (throughput), false for times. */
  higherIsBetter: boolean;
  note?: string;
}

export interface SuiteOptions {
  json: boolean;
}

export interface Suite {
  description: string;
  run(options: SuiteOptions): Promise<BenchResult[]>;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function fmt(v: number): string {
  if (Math.abs(v) >= 1000) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toPrecision(3);
}

/** Prints a result table: our figure, each peer's, and our ratio to it (>1 means we are better). */
export function printResults(results: BenchResult[]): void {
  for (const r of results) {
    const goal = r.goal ? `  (goal: ${r.goal})` : '';
    console.log(`${r.name}: ${fmt(r.value)} ${r.unit}  [median of ${r.repeats.length}: ${r.repeats.map(fmt).join(', ')}]${goal}`);
    for (const p of r.peers ?? []) {
      if (p.value === null) {
        console.log(`    vs ${p.name}: n/a${p.note ? ` — ${p.note}` : ''}`);
        continue;
      }
      const ratio = r.higherIsBetter ? r.value / p.value : p.value / r.value;
      console.log(`    vs ${p.name}: ${fmt(p.value)} ${r.unit} → ${ratio.toFixed(2)}x${p.note ? ` (${p.note})` : ''}`);
    }
    if (r.note) console.log(`    ${r.note}`);
  }
}
