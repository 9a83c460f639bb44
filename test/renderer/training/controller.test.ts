import { describe, expect, it } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import { createTrainingController, RequestError } from '../../../renderer/training/controller';
import { createTrainingStore } from '../../../renderer/training/store';
import { createEditorStore } from '../../../renderer/store/editorStore';
import { FakeChannel, scriptedRun } from './fakeChannel';

function setup() {
  const channel = new FakeChannel();
  const editor = createEditorStore(createEmptyDocument());
  const store = createTrainingStore();
  const controller = createTrainingController(channel, editor, store);
  controller.connect();
  return { channel, editor, store, controller };
}

describe('training controller', () => {
  it('starts a run with a snapshot of the document, and later edits do not change it', () => {
    const { channel, editor, store, controller } = setup();
    const runId = controller.start();
    const start = channel.lastPosted('start');
    expect(start?.runId).toBe(runId);
    editor.getState().edit({ type: 'setDocumentName', name: 'Renamed' });
    expect(store.getState().runs[runId].document.name).not.toBe('Renamed');
    expect(start?.document.name).not.toBe('Renamed');
    expect(() => controller.start()).toThrow(/still training/);
  });

  it('evaluates a run automatically when it finishes, and stores the evaluation', () => {
    const { channel, store, controller } = setup();
    const runId = controller.start();
    channel.emit(...scriptedRun(runId, { epochs: 2, batchesPerEpoch: 3 }));
    const evaluate = channel.lastPosted('evaluate');
    expect(evaluate?.model.weights['dense1.kernel']).toBeInstanceOf(Float32Array);
    expect(evaluate?.model.normalisation.kind).toBe('standardise');
    expect(store.getState().evaluations[runId].status).toBe('pending');
    channel.emit({
      type: 'evaluation',
      requestId: evaluate?.requestId ?? '',
      task: 'binary',
      classes: ['0', '1'],
      predictions: new Float32Array([0.9, 0.2]),
      targets: new Int32Array([1, 0]),
      outputWidth: 1,
      count: 2,
      loss: 0.15,
      samples: new Float32Array(4),
      sampleShape: [2],
      sampleIndices: new Int32Array([0, 1]),
    });
    const evaluation = store.getState().evaluations[runId];
    expect(evaluation.status === 'ready' && evaluation.result.loss).toBe(0.15);
  });

  it('still evaluates the surviving weights after a NaN failure', () => {
    const { channel, store, controller } = setup();
    const runId = controller.start();
    channel.emit(...scriptedRun(runId, { epochs: 4, batchesPerEpoch: 2, failAfterEpochs: 1 }));
    expect(store.getState().runs[runId].status).toBe('failed');
    expect(channel.lastPosted('evaluate')).toBeDefined();
  });

  it('answers predictions and turns requestFailed into an error with its hint', async () => {
    const { channel, controller } = setup();
    const runId = controller.start();
    channel.emit(...scriptedRun(runId, { epochs: 1, batchesPerEpoch: 1 }));
    channel.onPost = (message, ch) => {
      if (message.type === 'predict') ch.emit({ type: 'prediction', requestId: message.requestId, outputs: new Float32Array([0.25, 0.75]), outputWidth: 2 });
      if (message.type === 'datasetPreview') ch.emit({ type: 'requestFailed', requestId: message.requestId, message: 'No such dataset.', hint: 'Pick one from the list.' });
    };
    const prediction = await controller.predict(runId, new Float32Array(2), 1);
    expect(Array.from(prediction.outputs)).toEqual([0.25, 0.75]);
    const failure = controller.preview({ name: 'nope', options: {} }, 4);
    await expect(failure).rejects.toBeInstanceOf(RequestError);
    await expect(failure).rejects.toMatchObject({ hint: 'Pick one from the list.' });
  });

  it('refuses to predict without weights and stops listening when disposed', async () => {
    const { channel, controller } = setup();
    const runId = controller.start();
    await expect(controller.predict(runId, new Float32Array(1), 1)).rejects.toThrow(/no trained weights/);
    controller.dispose();
    expect(channel.listenerCount).toBe(0);
  });
});
