/**
 * Fuzzing the TF.js importer: model.json texts and parsed values mutated from our own exports of the
 * templates, weight data cut, padded or flipped, and random bytes — read the way the CLI and the app
 * read them (JSON text → importTfjs with the weight bytes). Every input must import or be refused with
 * an InteropError that says something; none may take over 5 s or grow memory without bound.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportModel, importTfjs, InteropError } from '../../engine/interop';
import type { ExportableModel } from '../../engine/interop';
import { parseJsonText } from '../../engine/model/jsonSyntax';
import { describeFailures, runFuzz, usefulMessage } from './support/harness';
import type { FuzzInput } from './support/harness';
import { jsonText, mutateBytes, mutateJson, mutateText } from './support/mutate';
import { tfjsExport } from './support/models';
import { Prng } from './support/prng';

const COUNT = 1200;

/** What was imported must also export (or be refused with a message) in every format. */
function exportAll(model: ExportableModel): void {
  for (const format of EXPORT_FORMATS) {
    try {
      exportModel(model, format);
    } catch (error) {
      if (!(error instanceof InteropError)) throw error;
    }
  }
}

/** What the CLI and the app do with a model.json's text and the shards' bytes. */
function readTfjs(text: string, weightData: Uint8Array): ExportableModel {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InteropError(`model.json is not valid JSON: ${parsed.message}`);
  const model = importTfjs(parsed.json, weightData);
  exportAll(model);
  return model;
}

function* inputs(): Generator<FuzzInput> {
  const rng = new Prng(0x7f1a5 ^ Number(process.env.FUZZ_SEED ?? 0));
  const bases = ['binary-2d', 'lenet5', 'resnet-small', 'binary-2d'].map((name) => ({ name, ...tfjsExport(name) }));
  for (let i = 0; i < COUNT; i++) {
    const base = bases[i % bases.length];
    const text = JSON.stringify(base.modelJson);
    const kind = i % 6;
    const label = `#${i} ${base.name}`;
    if (kind === 0) {
      const mutated = mutateText(text, rng);
      yield { label: `${label} text edit`, run: () => readTfjs(mutated, base.weightData) };
    } else if (kind === 1 || kind === 2) {
      const mutated = jsonText(mutateJson(base.modelJson, rng), rng);
      yield { label: `${label} value swap`, run: () => readTfjs(mutated, base.weightData) };
    } else if (kind === 3) {
      const data = mutateBytes(base.weightData, rng);
      yield { label: `${label} weight bytes edit`, run: () => readTfjs(text, data) };
    } else if (kind === 4) {
      const cut = text.slice(0, rng.int(text.length));
      yield { label: `${label} truncated model.json`, run: () => readTfjs(cut, base.weightData) };
    } else {
      const bytes = rng.bytes(rng.int(4096));
      const asText = new TextDecoder().decode(bytes);
      yield { label: `${label} random bytes`, run: () => readTfjs(rng.bool() ? asText : `{"modelTopology":${asText}`, bytes) };
    }
  }
}

/** A value nested 20,000 deep at each key of a model.json: readers and their messages must not recurse that far. */
function* deeplyNested(): Generator<FuzzInput> {
  const { modelJson, weightData } = tfjsExport('binary-2d');
  const text = JSON.stringify(modelJson);
  const keys = [...new Set([...text.matchAll(/"([A-Za-z_]+)":/g)].map((m) => m[1]))];
  for (const key of keys) {
    const deep = text.replace(`"${key}":`, `"${key}":${'['.repeat(20_000)}${']'.repeat(20_000)},"was_${key}":`);
    yield { label: `deep list at "${key}"`, run: () => readTfjs(deep, weightData) };
  }
}

describe('fuzz: TF.js import', () => {
  it(`${COUNT} malformed model.json / weight inputs: imported or refused with a message, each in under 5 s, memory bounded`, () => {
    const outcome = runFuzz('TF.js import', (function* all() {
      yield* inputs();
      yield* deeplyNested();
    })(), (e) => e instanceof InteropError && usefulMessage(e));
    expect(outcome.inputs).toBeGreaterThanOrEqual(1000);
    expect(outcome.failures.length, describeFailures(outcome)).toBe(0);
    expect(outcome.slowestMs, outcome.slowestLabel).toBeLessThan(5000);
    expect(outcome.peakGrowth).toBeLessThan(512 * 1024 * 1024);
  });

  it('refuses declared sizes far beyond the data before allocating them', () => {
    const { modelJson, weightData } = tfjsExport('binary-2d');
    const manifest = structuredClone(modelJson.weightsManifest) as { weights: { shape: number[] }[] }[];
    manifest[0].weights[0].shape = [2 ** 30, 2 ** 30];
    const before = process.memoryUsage().arrayBuffers;
    expect(() => importTfjs({ ...modelJson, weightsManifest: manifest }, weightData)).toThrow(/import limit/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });
});
