import { describe, expect, it, vi } from 'vitest';
import { createEmptyDocument, serializeProject } from '../../../engine/model';
import { createFileActions } from '../../../renderer/app/fileActions';
import type { Host, ModelFileSet } from '../../../renderer/host/host';
import { IMPORTED_RUN_LABEL } from '../../../renderer/import/importActions';
import { createEditorStore } from '../../../renderer/store/editorStore';
import { hasUsableWeights } from '../../../renderer/training/runs';
import { createTrainingStore, selectSelectedRun } from '../../../renderer/training/store';
import { onnxFile, tfjsFiles } from '../../support/importFixtures';

function fakeHost(picked: ModelFileSet | null): Host {
  const fail = () => Promise.reject(new Error('not expected'));
  return {
    kind: 'web',
    openFile: fail,
    openRecent: fail,
    saveFile: fail,
    saveBinary: fail,
    openModelFiles: vi.fn(async () => picked),
    recentFiles: async () => [],
    writeRecovery: fail,
    readRecovery: async () => null,
    clearRecovery: async () => undefined,
    setMenu: () => undefined,
    onMenuCommand: () => () => undefined,
    setTitle: () => undefined,
    training: { post: () => undefined, onMessage: () => () => undefined },
  };
}

function setup(picked: ModelFileSet | null, confirm = true) {
  const store = createEditorStore(createEmptyDocument('Before'));
  const training = createTrainingStore();
  const confirmDiscard = vi.fn(() => confirm);
  const files = createFileActions(store, fakeHost(picked), { confirmDiscard, trainingStore: () => training });
  return { store, training, files, confirmDiscard };
}

describe('File › Import…', () => {
  it('opens the model as a new unsaved project, laid out, its weights an evaluable run without history', async () => {
    const { store, training, files } = setup({ files: tfjsFiles(), folderName: 'iris-net' });
    await files.importModel();
    const state = store.getState();
    expect(state.doc.name).toBe('iris-net');
    expect(state.doc.nodes.length).toBeGreaterThanOrEqual(4);
    expect(state.isDirty()).toBe(true);
    expect(state.origin).toBeNull();
    expect(new Set(state.doc.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(state.doc.nodes.length);
    expect(state.notice).toMatchObject({ kind: 'info', text: expect.stringContaining('Imported model.json') });

    const run = selectSelectedRun(training.getState())!;
    expect(run.label).toBe(IMPORTED_RUN_LABEL);
    expect(run.status).toBe('completed');
    expect(run.epochs).toEqual([]);
    expect(run.normalisation).toEqual({ kind: 'none', offset: [], scale: [] });
    expect(run.importedFrom).toBe('model.json');
    expect(hasUsableWeights(run)).toBe(true);
    expect(run.document.nodes.map((n) => n.id)).toEqual(state.doc.nodes.map((n) => n.id));
    expect(training.getState().currentRunId).toBeNull();
  });

  it('a file that cannot be imported leaves the open project and the runs untouched, and says why', async () => {
    const [modelJson] = tfjsFiles();
    const { store, training, files } = setup({ files: [modelJson] });
    const before = store.getState().doc;
    await files.importModel();
    expect(store.getState().doc).toBe(before);
    expect(training.getState().order).toEqual([]);
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: expect.stringContaining('group1-shard1of1.bin') });
  });

  it('asks before discarding unsaved changes, and keeps them when told to', async () => {
    const { store, training, files, confirmDiscard } = setup({ files: [onnxFile()] }, false);
    store.getState().addLayer('Dense');
    const before = store.getState().doc;
    await files.importModel();
    expect(confirmDiscard).toHaveBeenCalledWith('Before');
    expect(store.getState().doc).toBe(before);
    expect(training.getState().order).toEqual([]);
  });

  it('cancelling the picker changes nothing', async () => {
    const { store, files } = setup(null);
    const before = store.getState().doc;
    await files.importModel();
    expect(store.getState().doc).toBe(before);
    expect(store.getState().notice).toBeNull();
  });
});

describe('files dropped on the window', () => {
  it('an .onnx file imports', async () => {
    const { store, training, files } = setup(null);
    await files.openDropped({ files: [onnxFile()] });
    expect(store.getState().doc.name).toBe('iris-classifier');
    expect(training.getState().order).toHaveLength(1);
  });

  it('a project file opens through the Open command’s path, with no run added', async () => {
    const { store, training, files } = setup(null);
    const doc = createEmptyDocument('Dropped project');
    await files.openDropped({ files: [{ name: 'dropped.netwright', data: new TextEncoder().encode(serializeProject(doc)) }] });
    expect(store.getState().doc.name).toBe('Dropped project');
    expect(store.getState().isDirty()).toBe(false);
    expect(training.getState().order).toEqual([]);
  });

  it('a broken project file is a message, and the open project stays', async () => {
    const { store, files } = setup(null);
    const before = store.getState().doc;
    await files.openDropped({ files: [{ name: 'bad.netwright', data: new TextEncoder().encode('{ "format": ') }] });
    expect(store.getState().doc).toBe(before);
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: expect.stringContaining('bad.netwright') });
  });
});

describe('the dataset imported weights are evaluated on', () => {
  it('can be changed for an imported run only, and drops the old evaluation', async () => {
    const { training, files } = setup({ files: [onnxFile()] });
    await files.importModel();
    const run = selectSelectedRun(training.getState())!;
    training.getState().beginEvaluation(run.id, 'req-1');
    training.getState().setImportedRunDataset(run.id, 'wine');
    const changed = training.getState().runs[run.id];
    expect(changed.settings.dataset).toEqual({ name: 'wine', options: {} });
    expect(changed.document.training.dataset.name).toBe('wine');
    expect(training.getState().evaluations[run.id]).toBeUndefined();

    const trained = { ...changed, id: 'trained', importedFrom: undefined };
    training.getState().addFinishedRun(trained);
    training.getState().setImportedRunDataset('trained', 'iris');
    expect(training.getState().runs.trained.settings.dataset.name).toBe('wine');
  });
});
