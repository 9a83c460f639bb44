/**
 * Fuzzing the document readers: project files (engine/model parseProject, then the analysis every
 * opened document goes through) and trained-model files (engine/training parseTrainedModel, then the
 * interop reader that checks the weights against the graph). Inputs are the templates and trained
 * files made from them, with bytes edited, values swapped for hostile ones (huge, negative, NaN
 * strings, deep nesting, very long strings, prototype keys), truncated, and random bytes.
 */
import { describe, expect, it } from 'vitest';
import { InteropError, parseModelJson } from '../../engine/interop';
import { analyzeGraph, compileGraph, parseProject } from '../../engine/model';
import { parseTrainedModel } from '../../engine/training/trainedFile';
import { describeFailures, runFuzz, usefulMessage } from './support/harness';
import type { FuzzInput } from './support/harness';
import { jsonText, mutateJson, mutateText } from './support/mutate';
import { templateText, trainedFileText } from './support/models';
import { Prng } from './support/prng';

const COUNT = 1200;
const PROJECTS = ['binary-2d', 'mlp-mnist', 'lenet5', 'resnet-small', 'vgg-small'];

/** Text inputs from valid files: edits, value swaps, truncations, random bytes, older versions. */
function* textInputs(seed: number, bases: { name: string; text: string }[]): Generator<{ label: string; text: string }> {
  const rng = new Prng(seed ^ Number(process.env.FUZZ_SEED ?? 0));
  for (let i = 0; i < COUNT; i++) {
    const base = bases[i % bases.length];
    const label = `#${i} ${base.name}`;
    switch (i % 6) {
      case 0:
      case 1:
        yield { label: `${label} text edit`, text: mutateText(base.text, rng) };
        break;
      case 2:
      case 3: {
        const value = mutateJson(JSON.parse(base.text), rng) as Record<string, unknown>;
        if (rng.bool(0.1) && value && typeof value === 'object') value.version = 1;
        yield { label: `${label} value swap`, text: jsonText(value, rng) };
        break;
      }
      case 4:
        yield { label: `${label} truncated`, text: base.text.slice(0, rng.int(base.text.length)) };
        break;
      default:
        yield { label: `${label} random bytes`, text: new TextDecoder().decode(rng.bytes(rng.int(2048))) };
    }
  }
  // A list nested 20,000 deep at each key of the first file: nothing may recurse that far.
  const text = bases[0].text;
  for (const key of new Set([...text.matchAll(/"([A-Za-z_]+)":/g)].map((m) => m[1]))) {
    yield { label: `deep list at "${key}"`, text: text.replace(`"${key}":`, `"${key}":${'['.repeat(20_000)}${']'.repeat(20_000)},"was_${key}":`) };
  }
}

function* projectInputs(): Generator<FuzzInput> {
  const bases = PROJECTS.map((name) => ({ name, text: templateText(name) }));
  for (const { label, text } of textInputs(0xd0c, bases)) {
    yield {
      label,
      run: () => {
        const read = parseProject(text, 'fuzz.netwright.json');
        if (!read.ok) throw new DocumentedError(read.message);
        // What the app does with every document it opens: analyse and compile it.
        analyzeGraph(read.doc);
        compileGraph(read.doc);
        return read;
      },
    };
  }
}

function* trainedInputs(): Generator<FuzzInput> {
  const bases = ['binary-2d', 'lenet5'].map((name) => ({ name, text: trainedFileText(name) }));
  let n = 0;
  for (const { label, text } of textInputs(0x7a1e, bases)) {
    const withInterop = n++ % 3 === 0;
    yield {
      label,
      run: () => {
        let parsed;
        try {
          parsed = parseTrainedModel(text);
        } catch (error) {
          // parseTrainedModel's documented failure: a plain Error whose message says what is wrong.
          if (error instanceof Error && Object.getPrototypeOf(error) === Error.prototype) throw new DocumentedError(error.message);
          throw error;
        }
        if (withInterop) parseModelJson(text);
        return parsed;
      },
    };
  }
}

/** Marks an error as one of the reader's documented kinds. */
class DocumentedError extends Error {}

describe('fuzz: document readers', () => {
  it(`project files: ${COUNT} malformed inputs are opened or refused with a message, never thrown, each in under 5 s`, () => {
    // parseProject never throws: a refusal is a result, whose message must say something.
    const outcome = runFuzz('project file (parseProject + analyzeGraph)', projectInputs(), (e) => e instanceof DocumentedError && usefulMessage(e));
    expect(outcome.inputs).toBeGreaterThanOrEqual(1000);
    expect(outcome.failures.length, describeFailures(outcome)).toBe(0);
    expect(outcome.slowestMs, outcome.slowestLabel).toBeLessThan(5000);
    expect(outcome.peakGrowth).toBeLessThan(512 * 1024 * 1024);
  });

  it(`trained-model files: ${COUNT} malformed inputs are read or refused with a message, each in under 5 s`, () => {
    const documented = (e: unknown): boolean => (e instanceof DocumentedError || e instanceof InteropError) && usefulMessage(e);
    const outcome = runFuzz('trained file (parseTrainedModel + parseModelJson)', trainedInputs(), documented);
    expect(outcome.inputs).toBeGreaterThanOrEqual(1000);
    expect(outcome.failures.length, describeFailures(outcome)).toBe(0);
    expect(outcome.slowestMs, outcome.slowestLabel).toBeLessThan(5000);
    expect(outcome.peakGrowth).toBeLessThan(512 * 1024 * 1024);
  });
});
