import { describe, expect, it } from 'vitest';
import { DOCUMENT_VERSION, MIGRATIONS, parseDocument } from '../../../engine/model';
import { tinyMlp } from './helpers';

const v1 = {
  format: 'netwright-model',
  version: 1,
  name: 'old',
  nodes: [
    { id: 'in', layer: 'Input', params: { shape: [4] }, x: 10, y: 20 },
    { id: 'a', layer: 'Dense', params: { units: 3 }, x: 10, y: 120 },
    { id: 'b', layer: 'Dense', params: { units: 3 }, x: 90, y: 120 },
    { id: 'sum', layer: 'Add', params: {}, x: 10, y: 220 },
    { id: 'out', layer: 'Output', params: {}, x: 10, y: 320 },
  ],
  links: [
    { from: 'in', to: 'a' },
    { from: 'in', to: 'b' },
    { from: 'a', to: 'sum' },
    { from: 'b', to: 'sum' },
    { from: 'sum', to: 'out' },
  ],
  training: { dataset: 'iris', optimizer: 'sgd', learningRate: 0.1, batchSize: 16, epochs: 5, validationSplit: 0.2, seed: 7 },
};

describe('document migrations', () => {
  it('has a migration for every version below the current one', () => {
    for (let v = 1; v < DOCUMENT_VERSION; v++) expect(MIGRATIONS[v], `migration ${v}`).toBeTypeOf('function');
  });

  it('migration 1 turns layer/x/y/links into type/position/edges with ports in link order', () => {
    const result = parseDocument(v1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(1);
    expect(result.doc.version).toBe(DOCUMENT_VERSION);
    expect(result.doc.nodes[1]).toMatchObject({ id: 'a', type: 'Dense', position: { x: 10, y: 120 } });
    expect(result.doc.edges.filter((e) => e.target === 'sum').map((e) => [e.source, e.targetPort])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(result.doc.training.dataset).toEqual({ name: 'iris', options: {} });
    expect(result.doc.training.optimizer).toEqual({ type: 'sgd', learningRate: 0.1 });
    expect(result.doc.training.seed).toBe(7);
  });

  it('reads the current version unchanged', () => {
    const doc = tinyMlp();
    const result = parseDocument(JSON.parse(JSON.stringify(doc)));
    expect(result).toEqual({ ok: true, doc });
  });

  it('refuses a file from a newer version with a message saying what to do', () => {
    const result = parseDocument({ ...tinyMlp(), version: DOCUMENT_VERSION + 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/newer Netwright.*Update Netwright/);
  });

  it('names the path of each schema problem', () => {
    const doc = tinyMlp() as unknown as { nodes: { type: string; position: unknown }[] };
    doc.nodes[1].type = 'Dense3D';
    delete (doc.nodes[2] as { position?: unknown }).position;
    const result = parseDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('nodes[1].type');
    expect(result.error).toContain('nodes[2].position');
  });

  it('refuses what is not a model at all', () => {
    expect(parseDocument([]).ok).toBe(false);
    expect(parseDocument({ hello: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('netwright-model') });
    expect(parseDocument({ format: 'netwright-model', version: '2' })).toMatchObject({ ok: false, error: expect.stringContaining('version') });
  });

  it('keeps a layer\'s trainable flag, reads its absence as trainable, and refuses a flag that is not a boolean', () => {
    const doc = tinyMlp();
    const frozen = { ...doc, nodes: doc.nodes.map((n, i) => (i === 1 ? { ...n, trainable: false } : n)) };
    const result = parseDocument(JSON.parse(JSON.stringify(frozen)));
    expect(result.ok && result.doc.nodes[1].trainable).toBe(false);
    expect(result.ok && result.doc.nodes[0].trainable).toBeUndefined();
    const bad = parseDocument({ ...frozen, nodes: frozen.nodes.map((n, i) => (i === 1 ? { ...n, trainable: 'no' } : n)) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/nodes\[1\]\.trainable/);
  });
});
