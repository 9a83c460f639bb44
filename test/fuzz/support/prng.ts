/** The data generator's seeded PRNG, with what the fuzzers pick with, so every run makes the same inputs. */
import { DataRandom } from '../../../engine/data/random';

export class Prng extends DataRandom {
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}
