import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_VERSION, parseDocument, type ModelDocument } from '../../../engine/model';
import { layoutDirectionOf } from '../../../engine/model/document';
import { parseProject, serializeProject, suggestedFileName } from '../../../engine/model';

const templatePath = path.resolve(import.meta.dirname, '../../../templates/mlp-mnist.json');
const templateText = readFileSync(templatePath, 'utf8');
const template = (): ModelDocument => {
  const parsed = parseDocument(JSON.parse(templateText));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.doc;
};

function expectFailure(result: ReturnType<typeof parseProject>) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result;
}

describe('serializeProject', () => {
  it('round-trips through parseProject unchanged', () => {
    const doc = template();
    const parsed = parseProject(serializeProject(doc), 'mlp.netwright');
    expect(parsed).toEqual({ ok: true, doc });
  });

  it('keeps the layout direction, and reads files without one as left to right', () => {
    const down = { ...template(), layoutDirection: 'DOWN' as const };
    const parsed = parseProject(serializeProject(down), 'down.netwright');
    expect(parsed.ok && parsed.doc.layoutDirection).toBe('DOWN');
    const { layoutDirection: _omitted, ...older } = down;
    const read = parseProject(serializeProject(older), 'older.netwright');
    expect(read.ok && layoutDirectionOf(read.doc)).toBe('RIGHT');
  });

  it('writes the same text whatever order the keys were set in', () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]))
          : value;
    const doc = template();
    const reordered = reverseKeys(doc) as ModelDocument;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(doc)[0]);
    expect(serializeProject(reordered)).toBe(serializeProject(doc));
  });

  it('is pretty JSON that starts with the format and version and ends with a newline', () => {
    const text = serializeProject(template());
    expect(text.split('\n').slice(0, 3)).toEqual(['{', '  "format": "netwright-model",', `  "version": ${DOCUMENT_VERSION},`]);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('parseProject', () => {
  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 3, 1, /trailing commas/],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected "," or "}"/],
    ['an unclosed string', '{\n  "name": "LeNet\n}', 2, 17, /line break or control character inside a string/],
    ['single quotes', "{ 'a': 1 }", 1, 3, /double quotes/],
    ['a truncated file', '{\n  "nodes": [\n    {"id": "a"', 3, 15, /the end of the file/],
    ['an empty file', '   ', 1, 4, /empty/],
  ])('names the line and column of %s', (_what, text, line, column, reason) => {
    const failure = expectFailure(parseProject(text, 'broken.netwright'));
    expect(failure.problem).toBe('malformed-json');
    expect(failure.message).toMatch(/^Could not open "broken\.netwright": it is not valid JSON: /);
    expect(failure.message).toMatch(reason);
    expect(failure.message).toContain(`(line ${line}, column ${column})`);
  });

  it('accepts a file that starts with a byte-order mark', () => {
    expect(parseProject(`\uFEFF${templateText}`, 'bom.netwright').ok).toBe(true);
  });

  it('refuses JSON that is not a Netwright model', () => {
    for (const text of ['[1, 2]', '{"hello": "world"}', '"text"']) {
      const failure = expectFailure(parseProject(text, 'other.json'));
      expect(failure.problem).toBe('not-a-project');
      expect(failure.message).toMatch(/^Could not open "other\.json": .*not a Netwright model/);
    }
  });

  it('lists schema errors with their JSON path and the layer they belong to', () => {
    const doc = JSON.parse(templateText);
    doc.nodes[1].type = 'Teleporter';
    doc.nodes[2].position = { x: 'left' };
    doc.edges[0].targetPort = -1;
    const failure = expectFailure(parseProject(JSON.stringify(doc), 'mlp.netwright'));
    expect(failure.problem).toBe('invalid-document');
    expect(failure.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nodes[1].type', nodeId: 'hidden' }),
        expect.objectContaining({ path: 'nodes[2].position.x', nodeId: 'logits' }),
        expect.objectContaining({ path: 'edges[0].targetPort', edgeId: 'e_input_hidden_0' }),
      ]),
    );
    expect(failure.message).toContain('nodes[1].type (layer "hidden")');
    expect(failure.message).toContain('edges[0].targetPort (connection "e_input_hidden_0")');
  });

  it('refuses a file from a newer Netwright and says to update', () => {
    const doc = { ...JSON.parse(templateText), version: DOCUMENT_VERSION + 1 };
    const failure = expectFailure(parseProject(JSON.stringify(doc), 'future.netwright'));
    expect(failure.problem).toBe('newer-version');
    expect(failure.message).toBe(
      `Could not open "future.netwright": it was made by a newer Netwright (version ${DOCUMENT_VERSION + 1}; this one reads up to ${DOCUMENT_VERSION}) — update Netwright to open it.`,
    );
  });

  it('upgrades a version-1 file and says it did', () => {
    const v1 = {
      format: 'netwright-model',
      version: 1,
      name: 'Old MLP',
      nodes: [
        { id: 'in', layer: 'Input', params: { shape: [4] }, x: 0, y: 0 },
        { id: 'd', layer: 'Dense', params: { units: 3 }, x: 0, y: 100 },
        { id: 'out', layer: 'Output', params: { loss: 'sparseCategoricalCrossentropy' }, x: 0, y: 200 },
      ],
      links: [
        { from: 'in', to: 'd' },
        { from: 'd', to: 'out' },
      ],
      training: { dataset: 'iris', optimizer: 'sgd', learningRate: 0.1 },
    };
    const result = parseProject(JSON.stringify(v1), 'old.netwright');
    if (!result.ok) throw new Error(result.message);
    expect(result.migratedFrom).toBe(1);
    expect(result.doc.version).toBe(DOCUMENT_VERSION);
    expect(result.doc.nodes.map((n) => [n.id, n.type, n.position.y])).toEqual([
      ['in', 'Input', 0],
      ['d', 'Dense', 100],
      ['out', 'Output', 200],
    ]);
    expect(result.doc.edges.map((e) => [e.source, e.target])).toEqual([
      ['in', 'd'],
      ['d', 'out'],
    ]);
    expect(result.doc.training.optimizer).toMatchObject({ type: 'sgd', learningRate: 0.1 });
  });
});

describe('suggestedFileName', () => {
  it('makes a safe file name from the project name', () => {
    expect(suggestedFileName('LeNet-5')).toBe('LeNet-5.netwright');
    expect(suggestedFileName('a/b:c*?')).toBe('a-b-c--.netwright');
    expect(suggestedFileName('  ')).toBe('Untitled.netwright');
    expect(suggestedFileName('..hidden')).toBe('hidden.netwright');
  });
});
