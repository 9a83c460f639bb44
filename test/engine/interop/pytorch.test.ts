import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPytorch } from '../../../engine/interop';
import { writeNpz } from '../../../engine/interop/npy';
import { compile, enginePredictions, exportable, fixtureDocuments, maxAbsDiff, randomArray, sampleInputs } from './fixtures';
import { runPython, torchProblem, writeExport } from './python';

const CHECK = path.resolve('scripts/interop/check_pytorch.py');

describe('PyTorch export', () => {
  it('has python3 with torch to check against (a missing torch is a failure, not a skip)', () => {
    expect(torchProblem()).toBeNull();
  });

  fixtureDocuments().forEach((doc, index) => {
    // Every other model goes through weights.pt (model.py's converter and torch.load) as a user would.
    const viaPt = index % 2 === 1;
    it(`model.py predicts what our engine predicts: ${doc.name}${viaPt ? ' (via weights.pt)' : ''}`, () => {
      const model = exportable(doc);
      const program = compile(doc);
      const n = 5;
      const inputs = sampleInputs(program, n);
      const dir = writeExport(exportPytorch(model), 'pytorch');
      const arrays = Object.fromEntries(inputs.map((x, i) => [`x${i}`, { data: x, shape: [n, x.length / n] }]));
      writeFileSync(path.join(dir, 'inputs.npz'), writeNpz(arrays));
      const out = path.join(dir, 'predictions.bin');
      const r = runPython([CHECK, dir, path.join(dir, 'inputs.npz'), out, ...(viaPt ? ['--via-pt'] : [])]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const bytes = readFileSync(out);
      const theirs = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
      expect(maxAbsDiff(enginePredictions(model, inputs, n), theirs)).toBeLessThan(1e-4);
    });
  });

  it('train.py trains for an epoch under torchrun with 2 processes (DDP over gloo) and saves a state dict', () => {
    const doc = structuredClone(fixtureDocuments()[1]);
    doc.training = { ...doc.training, batchSize: 16, epochs: 1 };
    const model = exportable(doc);
    const count = 96;
    const x = randomArray(count * 9 * 9 * 2, 5);
    // Categorical CE: one-hot targets over 3 classes.
    const y = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) y[i * 3 + (i % 3)] = 1;
    const dir = writeExport(exportPytorch(model, { inputs: [x], targets: y, count }), 'torchrun');
    const started = Date.now();
    const r = runPython(
      [
        '-m',
        'torch.distributed.run',
        '--standalone',
        '--nnodes=1',
        '--nproc_per_node=2',
        // torch 1.13's launcher cannot parse its own default "0" for these under Python 3.11 (see docs/exports.md).
        '--redirects=1',
        '--tee=1',
        `--log_dir=${path.join(tmpdir(), 'netwright-torchrun-logs')}`,
        'train.py', '--data', 'data.npz', '--init-weights', 'weights.npz', '--out', 'trained.pt'],
      dir,
      90_000,
    );
    expect(r.status, r.stderr.slice(-3000)).toBe(0);
    expect(r.stdout).toMatch(/epoch 1\/1 loss \d+\.\d+ \(rank 0 of 2\)/);
    expect(r.stdout).toMatch(/saved trained\.pt/);
    expect(existsSync(path.join(dir, 'trained.pt'))).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
    const load = runPython(['-c', 'import torch, model; m = model.NetwrightModel(); m.load_state_dict(torch.load("trained.pt")); print("loaded")'], dir);
    expect(load.stdout.trim()).toBe('loaded');
  });
});
