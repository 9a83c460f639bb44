/**
 * Samples per second over the last few batches of training, measured between the ends of consecutive
 * batches. A gap that is not training — a pause, validation, the end of an epoch — restarts the
 * measurement instead of counting as slow batches, so the figure neither dips after a pause nor spikes
 * on a batch timed over a sliver of a millisecond. Fixed storage: nothing is allocated per batch.
 */
export class ThroughputMeter {
  private readonly samples: Float64Array;
  private readonly seconds: Float64Array;
  private count = 0;
  private next = 0;
  private lastEnd: number | null = null;

  constructor(private readonly window = 32) {
    this.samples = new Float64Array(window);
    this.seconds = new Float64Array(window);
  }

  /** Marks the start of a stretch of training (after a pause, validation, or at an epoch's start). */
  restart(now: number): void {
    this.lastEnd = now;
  }

  /** Records a batch of `size` samples that ended at `now` (milliseconds). */
  batchEnded(size: number, now: number): void {
    if (this.lastEnd !== null) {
      this.samples[this.next] = size;
      this.seconds[this.next] = Math.max(now - this.lastEnd, 0) / 1000;
      this.next = (this.next + 1) % this.window;
      this.count = Math.min(this.count + 1, this.window);
    }
    this.lastEnd = now;
  }

  /** Samples per second over the recorded batches; NaN before a batch has been timed. */
  rate(): number {
    let samples = 0;
    let seconds = 0;
    for (let i = 0; i < this.count; i++) {
      samples += this.samples[i];
      seconds += this.seconds[i];
    }
    return this.count === 0 || seconds <= 0 ? Number.NaN : samples / seconds;
  }
}

/** Wall-clock time that leaves out pauses: what "elapsed" and the ETA mean to a person watching. */
export class ActiveClock {
  private pausedMs = 0;
  private pausedAt: number | null = null;

  constructor(private readonly started: number) {}

  pause(now: number): void {
    if (this.pausedAt === null) this.pausedAt = now;
  }

  resume(now: number): void {
    if (this.pausedAt !== null) this.pausedMs += now - this.pausedAt;
    this.pausedAt = null;
  }

  /** Seconds of training since the start, pauses excluded. */
  elapsedSeconds(now: number): number {
    const pausedNow = this.pausedAt === null ? 0 : now - this.pausedAt;
    return Math.max(now - this.started - this.pausedMs - pausedNow, 0) / 1000;
  }
}
