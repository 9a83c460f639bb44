/** "Continue training": a new run of the current model from a finished run's kept weights. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from '../../../engine/model';
import { getCommand, runCommand } from '../../../renderer/commands/registry';
import type { CommandContext } from '../../../renderer/commands/types';
import type { Host } from '../../../renderer/host/host';
import { createEditorStore } from '../../../renderer/store/editorStore';
import { createTrainingController, setActiveTrainingController, weightShapesOfDocument } from '../../../renderer/training/controller';
import { canContinueFrom } from '../../../renderer/training/runs';
import { createTrainingStore } from '../../../renderer/training/store';
import { FakeChannel, scriptedRun } from './fakeChannel';

function mlpDocument() {
  const parsed = parseDocument(JSON.parse(readFileSync(new URL('../../../templates/mlp-mnist.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.doc;
}

function setup() {
  const channel = new FakeChannel();
  const editor = createEditorStore(mlpDocument());
  const controller = createTrainingController(channel, editor, createTrainingStore(), { autoEvaluate: false });
  controller.connect();
  setActiveTrainingController(controller);
  const context = { store: editor, host: {} as Host, files: {} as CommandContext['files'], canvas: null } as CommandContext;
  return { channel, editor, controller, context };
}

/** Starts a run and plays it to the end (or to a failure after `failAfterEpochs`). */
function finishedRun(setupResult: ReturnType<typeof setup>, failAfterEpochs?: number): string {
  const id = setupResult.controller.start();
  setupResult.channel.emit(...scriptedRun(id, { epochs: 2, batchesPerEpoch: 2, failAfterEpochs }));
  return id;
}

afterEach(() => setActiveTrainingController(null));

describe('continue training', () => {
  it('starts the current model from the run\'s kept weights, shapes and input transform, and says where it came from', () => {
    const s = setup();
    const first = finishedRun(s);
    s.editor.getState().edit({ type: 'setTrainable', id: 'hidden', trainable: false });
    const second = s.controller.continueFrom(first);
    const posted = s.channel.lastPosted('start')!;
    expect(posted.runId).toBe(second);
    expect(posted.initialWeights).toEqual({ 'dense1.kernel': new Float32Array([1, 2]) });
    expect(posted.initialNormalisation).toEqual({ kind: 'standardise', offset: [0.13], scale: [3.2] });
    expect(posted.initialShapes!['hidden/kernel']).toEqual([784, 128]);
    // The current document (with its frozen layer) is trained, not the earlier run's snapshot.
    expect(posted.document.nodes.find((n) => n.id === 'hidden')!.trainable).toBe(false);
    const run = s.controller.store.getState().runs[second];
    expect(run.startedFrom).toEqual({ runId: first, label: 'Run 1' });
    expect(run.label).toBe('Run 2');
    expect(s.controller.store.getState().runs[first].startedFrom).toBeUndefined();
  });

  it('continues from a failed run that kept its best weights', () => {
    const s = setup();
    const failed = finishedRun(s, 1);
    const run = s.controller.store.getState().runs[failed];
    expect(run.status).toBe('failed');
    expect(canContinueFrom(run)).toBe(true);
    s.controller.continueFrom(failed);
    expect(s.channel.lastPosted('start')!.initialWeights).toEqual({ 'dense1.kernel': new Float32Array([0.5, -0.5]) });
  });

  it('refuses a run without weights or one still training', () => {
    const s = setup();
    const running = s.controller.start();
    expect(() => s.controller.continueFrom(running)).toThrow(/no kept weights/);
    expect(() => s.controller.continueFrom('nope')).toThrow(/no kept weights/);
  });

  it('is the train.continue command: enabled for a finished, selected run while idle', async () => {
    const s = setup();
    const enabled = () => getCommand('train.continue')!.enabled(s.editor.getState());
    expect(enabled()).toBe(false);
    const id = s.controller.start();
    expect(enabled()).toBe(false);
    s.channel.emit(...scriptedRun(id, { epochs: 1, batchesPerEpoch: 2 }));
    expect(enabled()).toBe(true);
    expect(await runCommand('train.continue', s.context)).toBe(true);
    const state = s.controller.store.getState();
    expect(state.runs[state.currentRunId!].startedFrom?.runId).toBe(id);
    expect(state.mode).toBe('train');
    expect(enabled()).toBe(false);
  });

  it('computes weight shapes from a document', () => {
    const shapes = weightShapesOfDocument(mlpDocument());
    expect(shapes).toEqual({ 'hidden/kernel': [784, 128], 'hidden/bias': [128], 'logits/kernel': [128, 10], 'logits/bias': [10] });
  });
});
