import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../engine/model';
import { TRAINED_FILE_VERSION, parseTrainedModel, serializeTrainedModel } from '../../../engine/training/trainedFile';
import type { TrainedModel } from '../../../engine/training/protocol';
import { template } from './sessionHelpers';

function trained(): TrainedModel {
  const document = template('binary-2d.json');
  const kernel = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * 1e-3 - i);
  return { document, weights: { 'hidden1/kernel': kernel, 'hidden1/bias': new Float32Array([Number.MIN_VALUE, -0, 3.4e38]) }, normalisation: { kind: 'standardise', offset: [0.1, -0.2], scale: [2, 3] } };
}

describe('trained-model file', () => {
  it('round-trips weights bit for bit, with their shapes, the normalisation and the header', () => {
    const model = trained();
    const text = serializeTrainedModel(model, { 'hidden1/kernel': [2, 32], 'hidden1/bias': [3] }, { bestEpoch: 7, epochs: 9, classes: ['0', '1'] });
    const read = parseTrainedModel(text);
    expect(read.weights['hidden1/kernel']).toEqual(model.weights['hidden1/kernel']);
    expect(Array.from(new Uint32Array(read.weights['hidden1/bias'].buffer))).toEqual(Array.from(new Uint32Array(model.weights['hidden1/bias'].buffer)));
    expect(read.shapes).toEqual({ 'hidden1/kernel': [2, 32], 'hidden1/bias': [3] });
    expect(read.normalisation).toEqual(model.normalisation);
    expect(read.info).toMatchObject({ bestEpoch: 7, epochs: 9, classes: ['0', '1'] });
    expect(read.document).toEqual(model.document);
    const json = JSON.parse(text);
    expect(json.trained.version).toBe(TRAINED_FILE_VERSION);
    expect(json.weights['hidden1/bias'].dtype).toBe('float32');
    // The app opens the file as an ordinary model document.
    expect(parseDocument(json).ok).toBe(true);
  });

  it('reads a file saved with a byte-order mark, as the app and every command do', () => {
    const text = serializeTrainedModel(trained(), { 'hidden1/kernel': [2, 32], 'hidden1/bias': [3] }, {});
    expect(parseTrainedModel(`\uFEFF${text}`).weights['hidden1/kernel']).toEqual(trained().weights['hidden1/kernel']);
  });

  it('stores float32 little-endian in base64', () => {
    const model = { ...trained(), weights: { w: new Float32Array([1]) } };
    const json = JSON.parse(serializeTrainedModel(model, { w: [1] }));
    expect(Array.from(Buffer.from(json.weights.w.data, 'base64'))).toEqual([0x00, 0x00, 0x80, 0x3f]);
  });

  it('refuses files without weights, from a newer version, or with a shape that does not match the data', () => {
    const document = template('binary-2d.json');
    expect(() => parseTrainedModel(JSON.stringify(document))).toThrow(/no trained weights/);
    const json = JSON.parse(serializeTrainedModel(trained(), { 'hidden1/kernel': [2, 32], 'hidden1/bias': [3] }));
    expect(() => parseTrainedModel(JSON.stringify({ ...json, trained: { version: TRAINED_FILE_VERSION + 1 } }))).toThrow(/newer Netwright/);
    json.weights['hidden1/bias'].shape = [4];
    expect(() => parseTrainedModel(JSON.stringify(json))).toThrow(/hidden1\/bias.*\[4\]/);
    expect(() => parseTrainedModel('{ nope')).toThrow(/not valid JSON.*line 1, column 3/);
    expect(() => serializeTrainedModel(trained(), { 'hidden1/kernel': [3, 3] })).toThrow(/64 values but shape \[3, 3\]/);
  });
});
