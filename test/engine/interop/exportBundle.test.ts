// The Export dialog's file (renderer/export/exportBundle.ts) and how the dialog saves it (saveExport.ts).
import { describe, expect, it, vi } from 'vitest';
import { readStoredZip } from '../../../engine/interop';
import type { SaveBinaryRequest } from '../../../renderer/host/host';
import { buildExportBundle, fileStem } from '../../../renderer/export/exportBundle';
import { exportableFromRun, exportFileFilter, saveExport } from '../../../renderer/export/saveExport';
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

describe('saving an export through the host', () => {
  const saveBinaryAs = (name: string | null) => vi.fn(async (_request: SaveBinaryRequest) => (name === null ? null : { name }));

  it('hands the ONNX bytes to saveBinary under the model name, with an ONNX filter', async () => {
    const model = exportable(fixtureDocuments()[1]);
    const saveBinary = saveBinaryAs('cnn.onnx');
    expect(await saveExport({ saveBinary }, model, 'onnx')).toEqual({ status: 'saved', message: 'Saved cnn.onnx.' });
    const [request] = saveBinary.mock.lastCall!;
    expect(request.suggestedName).toBe('cnn.onnx');
    expect(request.filters).toEqual([{ name: 'ONNX model', extensions: ['onnx'] }]);
    expect(request.data).toEqual(buildExportBundle(model, 'onnx').bytes);
  });

  it('offers a .zip filter for multi-file formats and reports the name the person chose and what is inside', async () => {
    const saveBinary = saveBinaryAs('renamed.zip');
    const outcome = await saveExport({ saveBinary }, exportable(fixtureDocuments()[1]), 'tfjs');
    expect(outcome).toEqual({ status: 'saved', message: 'Saved renamed.zip (model.json, group1-shard1of1.bin).' });
    expect(saveBinary.mock.lastCall![0]).toMatchObject({ suggestedName: 'cnn-tfjs.zip', filters: [{ name: 'Zip archive', extensions: ['zip'] }] });
    expect(exportFileFilter('cnn.netwright.json')).toEqual({ name: 'JSON file', extensions: ['json'] });
  });

  it('says nothing was saved when the person cancels, and passes save errors on', async () => {
    const model = exportable(fixtureDocuments()[1]);
    expect(await saveExport({ saveBinary: saveBinaryAs(null) }, model, 'model-json')).toEqual({ status: 'cancelled' });
    const failing = vi.fn(() => Promise.reject(new Error('Could not write /p/cnn.onnx: the disk is full.')));
    expect(await saveExport({ saveBinary: failing }, model, 'onnx')).toEqual({ status: 'failed', message: 'Could not write /p/cnn.onnx: the disk is full.' });
  });

  it('reports a layer the format cannot express without asking where to save', async () => {
    const saveBinary = saveBinaryAs('x');
    const outcome = await saveExport({ saveBinary }, exportable(fixtureDocuments()[0]), 'tfjs');
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringMatching(/elu \(Activation\)/) });
    expect(saveBinary).not.toHaveBeenCalled();
  });

  it('explains when the export code cannot be loaded', async () => {
    const saveBinary = saveBinaryAs('x');
    const load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const outcome = await saveExport({ saveBinary }, exportable(fixtureDocuments()[1]), 'onnx', load);
    expect(outcome).toEqual({ status: 'failed', message: expect.stringMatching(/could not load its export code \(Failed to fetch.*reload/) });
    expect(saveBinary).not.toHaveBeenCalled();
  });
});
