import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netwright, root } from './helpers';
import { analyzeGraph, modelSummary, parseDocument, TEMPLATES } from '../../engine/model';
import { withThousands } from '../../cli/table';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'netwright-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('netwright validate', () => {
  it.each(TEMPLATES.map((t) => [t.file]))('prints the layer table and totals of templates/%s and exits 0', async (file) => {
    const templatePath = path.join('templates', file);
    const parsed = parseDocument(JSON.parse(await readFile(path.join(root, templatePath), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.error);
    const summary = modelSummary(parsed.doc, analyzeGraph(parsed.doc));

    const { code, stdout } = await netwright('validate', templatePath);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`${parsed.doc.name} (${templatePath})`);
    expect(lines.find((l) => l.startsWith('Layer'))).toMatch(/^Layer\s+Type\s+Output shape\s+Params$/);
    for (const row of summary.rows) {
      const line = lines.find((l) => l.split(/\s{2,}/)[0] === row.name);
      expect(line?.split(/\s{2,}/)).toEqual([row.name, row.type, row.outputShape, withThousands(row.params)]);
    }
    expect(stdout).toContain(`Total parameters: ${withThousands(summary.totalParams)}\n`);
    expect(stdout).toContain(`FLOPs per sample: ${withThousands(summary.totalFlops)} (`);
  });

  it('prints every graph error with its node id and exits 1', async () => {
    const doc = JSON.parse(await readFile(path.join(root, 'templates/mlp-mnist.json'), 'utf8'));
    doc.nodes.find((n: { id: string }) => n.id === 'hidden').params.units = 0;
    doc.edges = doc.edges.filter((e: { target: string }) => e.target !== 'output');
    const file = path.join(dir, 'broken.netwright');
    await writeFile(file, JSON.stringify(doc));

    const parsed = parseDocument(doc);
    if (!parsed.ok) throw new Error(parsed.error);
    const expected = analyzeGraph(parsed.doc).issues.filter((i) => i.severity === 'error');
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const { code, stdout, stderr } = await netwright('validate', file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    for (const issue of expected) {
      const where = issue.nodeId ? `node ${issue.nodeId}` : issue.edgeId ? `edge ${issue.edgeId}` : 'model';
      expect(stderr).toContain(`error: [${where}] ${issue.message}`);
    }
    expect(stderr).toContain('[node hidden]');
    expect(stderr).toContain(`${expected.length} errors`);
  });

  it('prints schema errors with their node id and JSON path and exits 1', async () => {
    const doc = JSON.parse(await readFile(path.join(root, 'templates/mlp-mnist.json'), 'utf8'));
    doc.nodes[1].type = 'Teleporter';
    doc.nodes[2].params = 'lots';
    const file = path.join(dir, 'schema.netwright');
    await writeFile(file, JSON.stringify(doc));
    const { code, stderr } = await netwright('validate', file);
    expect(code).toBe(1);
    expect(stderr).toContain('error: [node hidden] nodes[1].type:');
    expect(stderr).toContain('error: [node logits] nodes[2].params:');
  });

  it('explains malformed JSON with its line and column and exits 1', async () => {
    const file = path.join(dir, 'malformed.netwright');
    await writeFile(file, '{\n  "format": "netwright-model",\n  "version": 2,,\n}');
    const { code, stderr } = await netwright('validate', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/not valid JSON: .*\(line 3, column 16\)/);
  });

  it('says clearly when the file cannot be read and exits 2', async () => {
    const missing = path.join(dir, 'nowhere.netwright');
    const { code, stdout, stderr } = await netwright('validate', missing);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`netwright validate: cannot read ${missing}: the file does not exist.`);
    expect((await netwright('validate', dir)).stderr).toContain('it is a folder, not a file');
  });

  it('exits 2 with usage on missing arguments or an unknown command', async () => {
    const noFile = await netwright('validate');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('Usage: netwright validate <file>');
    const unknown = await netwright('trian', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "trian"');
    expect(unknown.stderr).toMatch(/validate <file>\s+Check a model file/);
  });
});
