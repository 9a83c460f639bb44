/** Number and time formats shared by the training and evaluation views. */

/** "1:05" / "1:02:03" for seconds; "–" when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** A metric with four significant digits, "–" when absent. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toPrecision(4);
}

/** A fraction as a percentage with one decimal. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${(value * 100).toFixed(1)}%`;
}

/** "12,345/s". */
export function formatRate(samplesPerSecond: number): string {
  return Number.isFinite(samplesPerSecond) && samplesPerSecond > 0 ? `${Math.round(samplesPerSecond).toLocaleString('en-US')}/s` : '–';
}
