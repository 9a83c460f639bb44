import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netwright } from './helpers';
import { parseTrainedModel } from '../../engine/training/trainedFile';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-train-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('netwright train / eval / predict', () => {
  it('trains the MNIST MLP template to at least 97% test accuracy in 3 epochs, well under two minutes', async () => {
    const out = path.join(dir, 'mnist');
    const began = Date.now();
    const { code, stdout, stderr } = await netwright('train', 'templates/mlp-mnist.json', '--dataset', 'mnist', '--epochs', '3', '--out', out);
    const seconds = (Date.now() - began) / 1000;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(seconds).toBeLessThan(90);
    expect(stdout).toMatch(/^epoch 3\/3 /m);
    const metrics = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8'));
    expect(metrics.epochs).toHaveLength(3);
    expect(metrics.final.test.samples).toBe(10000);
    expect(metrics.final.test.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(metrics.final.test.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(10000);
    expect(stdout).toContain(`Accuracy: ${(metrics.final.test.accuracy * 100).toFixed(2)}%`);

    const trained = parseTrainedModel(await readFile(path.join(out, 'model.json'), 'utf8'));
    expect(trained.shapes['hidden/kernel']).toEqual([784, 128]);
    expect(trained.weights['logits/bias']).toHaveLength(10);
    expect(trained.normalisation.kind).toBe('standardise');
    expect(trained.info.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

    // eval reproduces the test metrics from the saved file alone.
    const evaluated = await netwright('eval', path.join(out, 'model.json'), '--json');
    expect(evaluated.code).toBe(0);
    const report = JSON.parse(evaluated.stdout);
    expect(report.accuracy).toBeCloseTo(metrics.final.test.accuracy, 6);
    expect(report.perClass).toHaveLength(10);
    const text = await netwright('eval', path.join(out, 'model.json'));
    expect(text.stdout).toMatch(/^weighted avg\s/m);
    expect(text.stdout).toContain('Confusion matrix');
  }, 150_000);

  it('trains the two-spirals template to at least 95% and predicts points from JSON and CSV', async () => {
    const out = path.join(dir, 'spirals');
    const { code, stdout } = await netwright('train', 'templates/binary-2d.json', '--out', out);
    expect(code).toBe(0);
    const metrics = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8'));
    expect(metrics.final.test.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(stdout).toMatch(/^epoch 100\/100 /m);

    // The arms' ends: arm 0 ends at angle 3.5π (radius 2), arm 1 half a turn further.
    const end0 = [2 * Math.cos(3.5 * Math.PI), 2 * Math.sin(3.5 * Math.PI)];
    const end1 = [2 * Math.cos(4.5 * Math.PI), 2 * Math.sin(4.5 * Math.PI)];
    await writeFile(path.join(dir, 'points.json'), JSON.stringify([end0, end1]));
    const json = await netwright('predict', path.join(out, 'model.json'), path.join(dir, 'points.json'), '--json');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout);
    expect(rows.map((r: { class: string }) => r.class)).toEqual(['0', '1']);
    expect(rows[0].probabilities).toHaveLength(2);
    expect(rows[0].probabilities[0] + rows[0].probabilities[1]).toBeCloseTo(1, 5);

    await writeFile(path.join(dir, 'points.csv'), `x,y\n${end0.join(',')}\n${end1.join(',')}\n`);
    const csv = await netwright('predict', path.join(out, 'model.json'), path.join(dir, 'points.csv'));
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split('\n').map((l) => l.split(' ')[1])).toEqual(['0', '1']);
  }, 60_000);

  it('trains on a CSV file with a chosen target and feature columns', async () => {
    // y = 1 exactly when a + b > 1; the noise column must not matter.
    const lines = ['a,b,noise,label'];
    for (let i = 0; i < 400; i++) {
      const a = ((i * 37) % 100) / 100;
      const b = ((i * 61) % 100) / 100;
      lines.push(`${a},${b},${(i * 17) % 7},${a + b > 1 ? 'yes' : 'no'}`);
    }
    const csvFile = path.join(dir, 'sums.csv');
    await writeFile(csvFile, `${lines.join('\n')}\n`);
    const out = path.join(dir, 'sums');
    const trained = await netwright('train', 'templates/binary-2d.json', '--dataset', csvFile, '--target', 'label', '--features', 'a,b', '--epochs', '40', '--out', out);
    expect(trained.code).toBe(0);
    const metrics = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8'));
    expect(metrics.final.test.classes).toEqual(['no', 'yes']);
    expect(metrics.final.test.accuracy).toBeGreaterThanOrEqual(0.9);

    // The data file named inside the trained file is opened only when the person names it again.
    const unnamed = await netwright('eval', path.join(out, 'model.json'), '--json');
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('was trained on the data file sums.csv');
    expect(unnamed.stderr).toContain('--dataset');
    const evaluated = await netwright('eval', path.join(out, 'model.json'), '--dataset', csvFile, '--json');
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout).accuracy).toBeCloseTo(metrics.final.test.accuracy, 6);
  }, 60_000);

  it('explains bad inputs and exits 1 (the model or data is at fault) or 2 (the command cannot run)', async () => {
    const out = path.join(dir, 'bad');
    const unknown = await netwright('train', 'templates/mlp-mnist.json', '--dataset', 'nope', '--out', out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("There is no built-in dataset 'nope'");
    expect(unknown.stderr).toContain('mnist');

    const missingFile = await netwright('train', 'templates/binary-2d.json', '--dataset', path.join(dir, 'absent.csv'), '--out', out);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain('absent.csv does not exist');

    const csvFile = path.join(dir, 'small.csv');
    await writeFile(csvFile, 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n');
    const wrongColumn = await netwright('train', 'templates/binary-2d.json', '--dataset', csvFile, '--target', 'class', '--out', out);
    expect(wrongColumn.code).toBe(1);
    expect(wrongColumn.stderr).toContain("no column 'class'");
    expect(wrongColumn.stderr).toContain('a, b, label');

    const mismatch = await netwright('train', 'templates/mlp-mnist.json', '--dataset', 'iris', '--out', out);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('Iris samples are 4 values, but the Input layer “input” takes 784 values');
    expect(mismatch.stderr).toMatch(/hint: /);

    const noOut = await netwright('train', 'templates/mlp-mnist.json');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');

    const badNumber = await netwright('train', 'templates/mlp-mnist.json', '--epochs', 'three', '--out', out);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain("--epochs must be a whole number");

    const untrained = await netwright('eval', 'templates/mlp-mnist.json');
    expect(untrained.code).toBe(1);
    expect(untrained.stderr).toContain('no trained weights');
  }, 60_000);
});
