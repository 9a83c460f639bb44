import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InteropError, modelJsonJsonSchema, modelJsonSchema, parseModelJson, serializeModelJson } from '../../../engine/interop';
import { compile, enginePredictions, exportable, fixtureDocuments, sampleInputs } from './fixtures';

describe('Netwright model JSON', () => {
  it('the checked-in JSON Schema equals the one generated from the zod schema (run scripts/interop/generate-model-schema.ts)', () => {
    const checkedIn = JSON.parse(readFileSync('docs/model-format.schema.json', 'utf8'));
    expect(checkedIn).toEqual(JSON.parse(JSON.stringify(modelJsonJsonSchema())));
  });

  for (const doc of fixtureDocuments()) {
    it(`saved and loaded, a model predicts exactly as before: ${doc.name}`, () => {
      const model = { ...exportable(doc), normalisation: { kind: 'standardise' as const, offset: [0.5], scale: [2] } };
      const text = serializeModelJson(model);
      expect(modelJsonSchema.safeParse(JSON.parse(text)).success).toBe(true);
      const loaded = parseModelJson(text);
      expect(loaded.document).toEqual(doc);
      expect(loaded.normalisation).toEqual(model.normalisation);
      const inputs = sampleInputs(compile(doc), 4);
      expect(enginePredictions(loaded, inputs, 4)).toEqual(enginePredictions(model, inputs, 4));
    });
  }

  it('refuses a file from a newer Netwright, and weights that do not fit, with a clear message', () => {
    const text = serializeModelJson(exportable(fixtureDocuments()[0]));
    const newer = JSON.parse(text);
    newer.trained.version = 99;
    expect(() => parseModelJson(JSON.stringify(newer))).toThrow(/newer Netwright/);
    const broken = JSON.parse(text);
    delete broken.weights['d1/kernel'];
    expect(() => parseModelJson(JSON.stringify(broken))).toThrow(InteropError);
    expect(() => parseModelJson(JSON.stringify(broken))).toThrow(/d1\/kernel is missing/);
  });

  it('reads a version-1 document through the model migrations', () => {
    const file = JSON.parse(serializeModelJson(exportable(fixtureDocuments()[4])));
    const { nodes, edges, training: _training, ...rest } = file;
    const v1 = {
      ...rest,
      version: 1,
      nodes: nodes.map((n: { id: string; type: string; params: object; position: { x: number; y: number } }) => ({ id: n.id, layer: n.type, params: n.params, x: n.position.x, y: n.position.y })),
      links: edges.map((e: { source: string; target: string }) => ({ from: e.source, to: e.target })),
      training: { dataset: 'mnist' },
    };
    const loaded = parseModelJson(JSON.stringify(v1));
    expect(loaded.document.version).toBe(2);
    expect(loaded.document.nodes.map((n) => n.id)).toEqual(nodes.map((n: { id: string }) => n.id));
  });
});
