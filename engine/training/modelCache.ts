/**
 * One built model kept between requests: evaluating, then predicting, then evaluating again with
 * the same document reuses its plans, and weights are copied in only when they changed.
 */
import type { Kernels } from '../kernels/api';
import type { Program } from '../model/program';
import type { Model } from '../runtime';
import { buildModel } from '../runtime';
import type { WeightMap } from './protocol';

/** A cheap content hash of a weight map (FNV-1a over names, sizes and every value's bits). */
export function weightsFingerprint(weights: WeightMap): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h ^= v;
    h = Math.imul(h, 0x01000193);
  };
  for (const name of Object.keys(weights).sort()) {
    for (let i = 0; i < name.length; i++) mix(name.charCodeAt(i));
    const w = weights[name];
    mix(w.length);
    const bits = new Uint32Array(w.buffer, w.byteOffset, w.length);
    for (let i = 0; i < bits.length; i++) mix(bits[i]);
  }
  return (h >>> 0).toString(16);
}

/** Holds at most one model; a different program replaces it. */
export class ModelCache {
  private entry: { key: string; model: Model; fingerprint: string | null } | null = null;

  /** The model for `program` with `weights` loaded, built on `kernels` unless the cached one fits. */
  get(program: Program, weights: WeightMap, kernels: Kernels): Model {
    const key = JSON.stringify(program);
    const fingerprint = weightsFingerprint(weights);
    if (this.entry?.key !== key) {
      this.clear();
      const model = buildModel(program, kernels);
      try {
        model.setWeights(weights);
      } catch (error) {
        model.dispose();
        throw error;
      }
      this.entry = { key, model, fingerprint };
      return model;
    }
    if (this.entry.fingerprint !== fingerprint) {
      this.entry.fingerprint = null;
      this.entry.model.setWeights(weights);
      this.entry.fingerprint = fingerprint;
    }
    return this.entry.model;
  }

  /** Keeps a model that already holds `weights` (e.g. the one a run just trained). */
  adopt(program: Program, model: Model, weights: WeightMap): void {
    if (this.entry?.model !== model) this.clear();
    this.entry = { key: JSON.stringify(program), model, fingerprint: weightsFingerprint(weights) };
  }

  clear(): void {
    this.entry?.model.dispose();
    this.entry = null;
  }
}
