// The Export dialog's file (renderer/export/exportBundle.ts): what a person downloads.
import { describe, expect, it } from 'vitest';
import { readStoredZip } from '../../../engine/interop';
import { buildExportBundle, exportableFromRun, fileStem } from '../../../renderer/export/exportBundle';
import { exportable, fixtureDocuments } from './fixtures';

describe('Export dialog bundle', () => {
  it('saves single-file formats as they are and zips the rest', () => {
    const model = exportable(fixtureDocuments()[1]);
    const onnx = buildExportBundle(model, 'onnx');
    expect(onnx.fileName).toBe('cnn.onnx');
    const tfjs = buildExportBundle(model, 'tfjs');
    expect(tfjs.fileName).toBe('cnn-tfjs.zip');
    expect([...readStoredZip(tfjs.bytes).keys()]).toEqual(['model.json', 'group1-shard1of1.bin']);
    expect(buildExportBundle(model, 'model-json').fileName).toBe('cnn.netwright.json');
  });

  it('refuses a format that cannot express a layer, naming it', () => {
    expect(() => buildExportBundle(exportable(fixtureDocuments()[0]), 'tfjs')).toThrow(/elu \(Activation\)/);
  });

  it('needs a run with weights', () => {
    const doc = fixtureDocuments()[0];
    expect(exportableFromRun(null)).toBeNull();
    expect(exportableFromRun({ document: doc, weights: null, normalisation: null })).toBeNull();
    expect(fileStem('  My model / v2 ')).toBe('My-model-v2');
  });
});
