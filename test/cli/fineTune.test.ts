/** `netwright train --init-weights <trained.json> --freeze <id,...>`. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import { parseTrainedModel } from '../../engine/training/trainedFile';
import { runCli } from '../../cli/main';
import { freezeLayers } from '../../cli/training/fineTune';

const root = path.resolve(import.meta.dirname, '../..');
const templatePath = path.join(root, 'templates/binary-2d.json');

async function netwright(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), readTextFile: (f) => readFile(f, 'utf8') });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function template(): Promise<ModelDocument> {
  const parsed = parseDocument(JSON.parse(await readFile(templatePath, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.doc;
}

let dir: string;
let first: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-finetune-'));
  first = path.join(dir, 'first');
  const run = await netwright('train', templatePath, '--dataset', 'moons', '--epochs', '6', '--out', first);
  if (run.code !== 0) throw new Error(run.stderr);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--freeze', () => {
  it('marks the named layers not trainable', async () => {
    const result = freezeLayers(await template(), 'hidden1, hidden2');
    if ('error' in result) throw new Error(result.error);
    expect(result.document.nodes.filter((n) => n.trainable === false).map((n) => n.id)).toEqual(['hidden1', 'hidden2']);
  });

  it('names unknown ids and layers without weights, listing the layers that can be frozen', async () => {
    const doc = await template();
    expect(freezeLayers(doc, 'hidden1,nope')).toEqual({ error: '--freeze names a layer the model does not have: nope. Layers with weights: hidden1, hidden2, hidden3, logit.' });
    expect(freezeLayers(doc, 'input')).toMatchObject({ error: expect.stringMatching(/input \(Input\) has no weights to freeze/) });
    expect(freezeLayers(doc, ' , ')).toMatchObject({ error: expect.stringMatching(/needs layer ids/) });
  });

  it('exits 1 with the message for an unknown id, before training', async () => {
    const run = await netwright('train', templatePath, '--freeze', 'hidden9', '--out', path.join(dir, 'never'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^netwright train: --freeze names a layer the model does not have: hidden9\./);
    expect(run.stdout).toBe('');
  });
});

describe('--init-weights', () => {
  it('continues from a trained file with a frozen layer: the frozen weights are unchanged and training resumes at its level', async () => {
    const out = path.join(dir, 'tuned');
    const run = await netwright('train', templatePath, '--dataset', 'moons', '--epochs', '1', '--init-weights', path.join(first, 'model.json'), '--freeze', 'hidden1', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Frozen: hidden1');
    expect(run.stdout).toMatch(/Starting from .*model\.json: 8 weight\(s\) loaded/);
    const before = parseTrainedModel(await readFile(path.join(first, 'model.json'), 'utf8'));
    const after = parseTrainedModel(await readFile(path.join(out, 'model.json'), 'utf8'));
    expect(after.weights['hidden1/kernel']).toEqual(before.weights['hidden1/kernel']);
    expect(after.weights['hidden2/kernel']).not.toEqual(before.weights['hidden2/kernel']);
    expect(after.document.nodes.find((n) => n.id === 'hidden1')!.trainable).toBe(false);
    expect(after.normalisation).toEqual(before.normalisation);
    const previous = JSON.parse(await readFile(path.join(first, 'metrics.json'), 'utf8'));
    const resumed = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8'));
    expect(resumed.epochs[0].trainLoss).toBeLessThan(1.5 * previous.epochs.at(-1).trainLoss);
    expect(resumed.epochs[0].trainLoss).toBeLessThan(0.6 * previous.epochs[0].trainLoss);
  }, 60_000);

  it('exits 1 naming the weight and both shapes when a layer changed size', async () => {
    const doc = await template();
    const changed = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'hidden2' ? { ...n, params: { ...n.params, units: 8 } } : n)) };
    const file = path.join(dir, 'changed.json');
    await writeFile(file, JSON.stringify(changed));
    const run = await netwright('train', file, '--init-weights', path.join(first, 'model.json'), '--out', path.join(dir, 'never'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('weight hidden2/kernel is [32, 32] in the starting weights, but the model needs [32, 8]');
    expect(run.stderr).toMatch(/hint: /);
    expect(run.stdout).toBe('');
  });

  it('starts a new head fresh and ignores the weights of a removed layer', async () => {
    const doc = await template();
    const rename = (id: string) => (id === 'logit' ? 'head' : id);
    const renamed = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, id: rename(n.id) })), edges: doc.edges.map((e) => ({ ...e, source: rename(e.source), target: rename(e.target) })) };
    const file = path.join(dir, 'newHead.json');
    await writeFile(file, JSON.stringify(renamed));
    const run = await netwright('train', file, '--dataset', 'moons', '--epochs', '1', '--init-weights', path.join(first, 'model.json'), '--out', path.join(dir, 'head'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/6 weight\(s\) loaded; fresh: head\/kernel, head\/bias; ignored \(no such layer\): logit\/kernel, logit\/bias/);
  }, 60_000);

  it('exits 1 when the file is not a trained model', async () => {
    const run = await netwright('train', templatePath, '--init-weights', templatePath, '--out', path.join(dir, 'never'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^netwright train: .*binary-2d\.json/);
  });
});
