/** The CLI reads project files the way the app saves them: plain JSON, or an archive holding runs too. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../engine/model';
import { writeProjectFile } from '../../engine/project';
import type { ProjectRun } from '../../engine/project';
import { netwrightInProcess, root } from './helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'netwright-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function archiveOfTemplate(name: string): Promise<string> {
  const parsed = parseDocument(JSON.parse(await readFile(path.join(root, 'templates', name), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  const doc = { ...parsed.doc, training: { ...parsed.doc.training, epochs: 1 } };
  const run: ProjectRun = {
    id: 'r1',
    label: 'Run 1',
    startedAt: 0,
    document: doc,
    status: 'completed',
    error: null,
    totalEpochs: 1,
    batchesPerEpoch: 1,
    threads: 1,
    kernels: 'wasm',
    epochs: [],
    bestEpoch: null,
    batches: new Float32Array(0),
    live: { epoch: 1, progress: 1, elapsedSeconds: 1, samplesPerSecond: 1 },
    weights: null,
    normalisation: null,
  };
  const file = path.join(dir, `${name}.netwright`);
  writeFileSync(file, writeProjectFile(doc, [run]));
  return file;
}

describe('project archives on the command line', () => {
  it('validate reads an archive, its model and how many runs it holds', async () => {
    const file = await archiveOfTemplate('binary-2d.json');
    const { code, stdout } = await netwrightInProcess('validate', file);
    expect(code).toBe(0);
    expect(stdout).toContain('The project holds 1 saved run.');
    expect(stdout).toMatch(/Total parameters: [\d,]+/);
  });

  it('train takes the model from an archive', async () => {
    const file = await archiveOfTemplate('binary-2d.json');
    const out = path.join(dir, 'out');
    const { code, stderr } = await netwrightInProcess('train', file, '--out', out, '--epochs', '1');
    expect(stderr).not.toMatch(/not valid JSON/);
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8')).status).toBe('completed');
  });

  it('a damaged archive is a message and exit 1', async () => {
    const file = await archiveOfTemplate('binary-2d.json');
    const bytes = await readFile(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 40));
    const { code, stderr } = await netwrightInProcess('validate', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/binary-2d\.json\.netwright/);
  });
});
