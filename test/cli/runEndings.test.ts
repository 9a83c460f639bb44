import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrainedModel } from '../../engine/training/trainedFile';
import { runEnd, runExitCode } from '../../cli/training/runOutcome';
import { CliProcess, netwrightInProcess as netwright } from './helpers';
import { lineCsv, lineModel } from './fixtures/lineModel';

let dir: string;
let csv: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-endings-'));
  csv = path.join(dir, 'line.csv');
  await writeFile(csv, lineCsv());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function outputs(out: string) {
  const metrics = JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8'));
  const trained = parseTrainedModel(await readFile(path.join(out, 'model.json'), 'utf8'));
  return { metrics, trained };
}

describe('a run that fails still writes its last good weights, and metrics.json says how it ended', () => {
  it('a loss that turns NaN in epoch 6 keeps the weights of the best epoch before it, exit 1', async () => {
    // Plain SGD at learning rate 4 on y = 3x + 1 grows the loss every step until it overflows in epoch 6.
    const model = path.join(dir, 'diverging.json');
    await writeFile(model, JSON.stringify(lineModel({ epochs: 6, lr: 4 })));
    const out = path.join(dir, 'diverging');
    const { code, stdout, stderr } = await netwright('train', model, '--dataset', csv, '--target', 'y', '--out', out);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^netwright train: The loss became NaN at epoch 6/);
    expect(stderr).toMatch(/\nhint: Lower the learning rate/);
    expect(stdout).toContain('The run failed after epoch 5. Kept the weights of epoch 1');
    const { metrics, trained } = await outputs(out);
    expect(metrics).toMatchObject({ status: 'failed', epoch: 5, bestEpoch: 1, error: { code: 'nonFinite' } });
    expect(metrics.reason).toMatch(/NaN at epoch 6/);
    expect(metrics.epochs).toHaveLength(5);
    expect(metrics.final.train.loss).toBe(metrics.epochs[0].trainLoss);
    expect(metrics.final.test.samples).toBeGreaterThan(0);
    expect(trained.info.bestEpoch).toBe(1);
    expect(Number.isFinite(trained.weights['line/kernel'][0])).toBe(true);
  });

  it('a run that fails before any epoch ends writes nothing and says so', async () => {
    const model = path.join(dir, 'mismatch.json');
    const doc = lineModel({ epochs: 2, lr: 0.1 });
    doc.nodes[0].params.shape = [3];
    await writeFile(model, JSON.stringify(doc));
    const out = path.join(dir, 'mismatch');
    const { code, stderr } = await netwright('train', model, '--dataset', csv, '--target', 'y', '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain(`nothing was written to ${out}: no usable weights survived (no epoch finished).`);
    await expect(readFile(path.join(out, 'metrics.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('maps every ending to a status and an exit code', () => {
    const done = (reason: 'completed' | 'stopped' | 'earlyStopping') => ({ type: 'done' as const, runId: 'r', reason, epochs: [], weights: {}, bestEpoch: null });
    expect([runEnd(done('completed'), null), runEnd(done('earlyStopping'), null)].map((e) => [e.status, runExitCode(e)])).toEqual([
      ['completed', 0],
      ['completed', 0],
    ]);
    expect([runEnd(done('stopped'), 'SIGINT'), runEnd(done('stopped'), 'SIGTERM')].map((e) => [e.status, runExitCode(e)])).toEqual([
      ['stopped', 130],
      ['interrupted', 143],
    ]);
    const crash = runEnd({ type: 'error', runId: 'r', code: 'crashed', message: 'The worker stopped.', hint: 'Try again.', epochs: [], weights: null, bestEpoch: null }, null);
    expect([crash.status, runExitCode(crash)]).toEqual(['failed', 2]);
  });
});

describe('signals stop the run after the current batch and keep what was trained', () => {
  const longRun = async (name: string) => {
    const model = path.join(dir, `${name}.json`);
    await writeFile(model, JSON.stringify(lineModel({ epochs: 100_000, lr: 0.05 })));
    return new CliProcess(['train', model, '--dataset', csv, '--target', 'y', '--out', path.join(dir, name)]);
  };

  it.each([
    ['SIGTERM', 143, 'interrupted'],
    ['SIGINT', 130, 'stopped'],
  ] as const)('%s: exit %i, status %s, the best weights so far on disk', async (signal, exitCode, status) => {
    const run = await longRun(signal.toLowerCase());
    await run.output(/^epoch 3\//m);
    run.child.kill(signal);
    const { code } = await run.exited;
    expect(code).toBe(exitCode);
    expect(run.stderr).toContain(`${signal} received; stopping after this batch`);
    const { metrics, trained } = await outputs(path.join(dir, signal.toLowerCase()));
    expect(metrics.status).toBe(status);
    expect(metrics.reason).toContain(signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM');
    expect(metrics.epoch).toBeGreaterThanOrEqual(3);
    expect(metrics.bestEpoch).toBeLessThanOrEqual(metrics.epoch);
    expect(metrics.final.test === null).toBe(status === 'interrupted');
    expect(trained.weights['line/kernel']).toHaveLength(1);
  }, 40_000);
});
