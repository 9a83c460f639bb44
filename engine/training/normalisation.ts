/** Moving the fitted input transform between the data module's form (typed arrays) and the protocol's (plain numbers). */
import type { NormalisationStats } from '../data';
import { applyNormalisation } from '../data';
import type { InputNormalisation } from './protocol';

/** The protocol form of a fitted transform, for done messages and trained-model files. */
export function toInputNormalisation(stats: NormalisationStats): InputNormalisation {
  return { kind: stats.kind, offset: Array.from(stats.offset), scale: Array.from(stats.scale) };
}

/** The data module's form of a saved transform. */
export function toNormalisationStats(normalisation: InputNormalisation): NormalisationStats {
  return { kind: normalisation.kind, offset: Float32Array.from(normalisation.offset), scale: Float32Array.from(normalisation.scale) };
}

/** A normalised copy of raw samples; `raw` is left unchanged. */
export function normaliseCopy(normalisation: InputNormalisation, raw: Float32Array): Float32Array {
  const x = raw.slice();
  applyNormalisation(toNormalisationStats(normalisation), x);
  return x;
}

/** Raw values back from normalised ones (x = x' / scale + offset), in place. */
export function denormaliseInPlace(normalisation: InputNormalisation, x: Float32Array): void {
  if (normalisation.kind === 'none') return;
  const width = normalisation.offset.length;
  for (let i = 0; i < x.length; i++) {
    const f = width === 1 ? 0 : i % width;
    x[i] = x[i] / normalisation.scale[f] + normalisation.offset[f];
  }
}
