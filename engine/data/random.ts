/**
 * The seeded generator for data (synthetic sets, shuffles, splits). Mulberry32: tiny, fast, and the same
 * sequence on every platform, so a seed names one dataset and one split order forever. Kept separate
 * from the runtime's weight initialiser so that changing one never silently changes the other.
 */
export class DataRandom {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Standard normal (Box–Muller; the second value is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = this.next();
    while (u < 1e-12) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

/** A seed for a named purpose derived from a base seed (FNV-1a over the label), e.g. one per epoch. */
export function deriveDataSeed(base: number, label: string): number {
  let h = (base ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace(values: Uint32Array | number[], random: DataRandom): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}

/** 0..n-1 in a seeded random order. */
export function permutation(n: number, random: DataRandom): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, random);
  return order;
}
