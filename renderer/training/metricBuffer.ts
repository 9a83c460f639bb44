/**
 * Columnar storage for a run's per-batch metrics: one Float32Array per column that grows by doubling
 * and, past `maxRows`, becomes a ring that overwrites the oldest rows. Plots read whole columns, so the
 * stream of ~10 Hz message batches never turns into arrays of objects.
 */

/** A growable ring of fixed-width rows, stored column by column. */
export class MetricBuffer {
  readonly columns: number;
  readonly maxRows: number;
  private data: Float32Array[];
  private capacity: number;
  /** Index of the oldest row once the ring has wrapped; 0 before. */
  private start = 0;
  private rows = 0;
  /** Rows ever appended (including overwritten ones); plots redraw when it changes. */
  appended = 0;

  constructor(columns: number, initialRows = 256, maxRows = 200_000) {
    this.columns = columns;
    this.maxRows = Math.max(1, maxRows);
    this.capacity = Math.min(Math.max(1, initialRows), this.maxRows);
    this.data = Array.from({ length: columns }, () => new Float32Array(this.capacity));
  }

  /** Rows currently held (at most maxRows). */
  get length(): number {
    return this.rows;
  }

  /** Appends rows given flat, `columns` values per row, in column order (as a progress message carries them). */
  appendRows(flat: ArrayLike<number>): void {
    const count = Math.floor(flat.length / this.columns);
    for (let r = 0; r < count; r++) {
      if (this.rows === this.capacity && this.capacity < this.maxRows) this.grow();
      let at: number;
      if (this.rows < this.capacity) {
        at = (this.start + this.rows) % this.capacity;
        this.rows++;
      } else {
        // Full at the maximum: overwrite the oldest row.
        at = this.start;
        this.start = (this.start + 1) % this.capacity;
      }
      for (let c = 0; c < this.columns; c++) this.data[c][at] = flat[r * this.columns + c];
      this.appended++;
    }
  }

  /** One column in chronological order. A view without copying while the ring has not wrapped. */
  column(index: number): Float32Array {
    const source = this.data[index];
    if (this.start === 0) return source.subarray(0, this.rows);
    const out = new Float32Array(this.rows);
    const tail = this.capacity - this.start;
    out.set(source.subarray(this.start, this.capacity), 0);
    out.set(source.subarray(0, this.rows - tail), tail);
    return out;
  }

  /** The last value of a column, or NaN when empty. */
  last(index: number): number {
    if (this.rows === 0) return Number.NaN;
    return this.data[index][(this.start + this.rows - 1) % this.capacity];
  }

  private grow(): void {
    const next = Math.min(this.capacity * 2, this.maxRows);
    // Growth only happens before the ring wraps, so rows are 0..rows-1 in order.
    this.data = this.data.map((col) => {
      const bigger = new Float32Array(next);
      bigger.set(col);
      return bigger;
    });
    this.capacity = next;
  }
}
