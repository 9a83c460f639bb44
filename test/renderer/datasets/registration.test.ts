import { describe, expect, it } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import { parseCsv, tabularDataset } from '../../../engine/data';
import type { HostMessage, WorkerMessage } from '../../../engine/training/protocol';
import { createTrainingController } from '../../../renderer/training/controller';
import { createTrainingStore } from '../../../renderer/training/store';
import type { ImportedDataset } from '../../../renderer/training/store';
import { createEditorStore } from '../../../renderer/store/editorStore';
import { FakeChannel, scriptedRun } from '../training/fakeChannel';

const table = parseCsv('a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,10,x\n11,12,y\n');
const imported: ImportedDataset = {
  id: 'user:pairs',
  fileName: 'pairs.csv',
  dataset: tabularDataset(table, { features: ['a', 'b'], target: 'label', task: 'binary' }, { name: 'pairs.csv' }),
  importedAt: 1,
};

/** A controller over a fake worker that answers registrations, like the real session. */
function setup() {
  const channel = new FakeChannel();
  const editor = createEditorStore(createEmptyDocument());
  const store = createTrainingStore();
  const controller = createTrainingController(channel, editor, store, { autoEvaluate: false });
  controller.connect();
  channel.onPost = (message, ch) => {
    if (message.type === 'registerDataset') ch.emit({ type: 'datasetRegistered', requestId: message.requestId, id: message.id });
  };
  const training = editor.getState().doc.training;
  editor.getState().edit({ type: 'setTraining', training: { ...training, dataset: { name: 'user:pairs', options: { file: 'pairs.csv' } } } });
  const types = () => channel.posted.map((m: HostMessage) => m.type);
  return { channel, editor, store, controller, types };
}

describe('imported datasets and the training worker', () => {
  it('registers an import, keeps it in the store, and does not send it again for the next run', async () => {
    const { channel, store, controller, types } = setup();
    await controller.registerDataset(imported);
    expect(store.getState().userDatasets['user:pairs'].fileName).toBe('pairs.csv');
    const first = controller.start();
    channel.emit(...scriptedRun(first, { epochs: 1, batchesPerEpoch: 1 }));
    controller.start();
    expect(types()).toEqual(['registerDataset', 'start', 'start']);
  });

  it('registers again before the next run after the worker crashed', async () => {
    const { channel, controller, types } = setup();
    await controller.registerDataset(imported);
    const runId = controller.start();
    channel.emit({ type: 'error', runId, code: 'crashed', message: 'The training worker stopped unexpectedly.', hint: '', epochs: [], weights: null, bestEpoch: null });
    controller.start();
    expect(types()).toEqual(['registerDataset', 'start', 'registerDataset', 'start']);
    const again = channel.lastPosted('registerDataset');
    expect(again?.dataset.train.x).toBe(imported.dataset.train.x);
  });

  it('when a fresh worker says the dataset is missing, registers it and posts the run again, once', async () => {
    const { channel, store, controller, types } = setup();
    await controller.registerDataset(imported);
    const runId = controller.start();
    const missing: WorkerMessage = { type: 'error', runId, code: 'dataset', message: "The dataset 'user:pairs' is not loaded in the training worker.", hint: '', epochs: [], weights: null, bestEpoch: null, missingDataset: 'user:pairs' };
    channel.emit(missing);
    expect(types()).toEqual(['registerDataset', 'start', 'registerDataset', 'start']);
    expect(channel.lastPosted('start')?.runId).toBe(runId);
    expect(store.getState().runs[runId].status).toBe('starting');
    // A second refusal is not retried: the person sees it.
    channel.emit(missing);
    expect(types()).toHaveLength(4);
    expect(store.getState().runs[runId].status).toBe('failed');
  });

  it('retries a preview the same way, and lets a reopened project without the import fail with the message', async () => {
    const { channel, controller, types } = setup();
    // The worker's answers to the previews, in order: the last one is what a retried request gets.
    const answers = [
      { message: 'not loaded', missingDataset: 'user:pairs' },
      { message: 'lost after a crash', missingDataset: 'user:pairs' },
      { message: 'second' },
    ];
    channel.onPost = (message, ch) => {
      if (message.type === 'registerDataset') ch.emit({ type: 'datasetRegistered', requestId: message.requestId, id: message.id });
      if (message.type === 'datasetPreview') ch.emit({ type: 'requestFailed', requestId: message.requestId, hint: '', ...answers.shift()! });
    };
    const withoutImport = controller.preview({ name: 'user:pairs', options: {} }, 3);
    await expect(withoutImport).rejects.toThrow('not loaded');
    await controller.registerDataset(imported);
    const retried = controller.preview({ name: 'user:pairs', options: {} }, 3);
    await expect(retried).rejects.toThrow('second');
    expect(types()).toEqual(['datasetPreview', 'registerDataset', 'datasetPreview', 'registerDataset', 'datasetPreview']);
  });
});
