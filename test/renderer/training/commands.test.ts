import { afterEach, describe, expect, it } from 'vitest';
import { getCommand, runCommand } from '../../../renderer/commands/registry';
import type { CommandContext } from '../../../renderer/commands/types';
import type { Host } from '../../../renderer/host/host';
import { createEditorStore } from '../../../renderer/store/editorStore';
import { createTrainingController, setActiveTrainingController } from '../../../renderer/training/controller';
import { createTrainingStore } from '../../../renderer/training/store';
import { FakeChannel, scriptedRun } from './fakeChannel';
import { readFileSync } from 'node:fs';
import { parseDocument } from '../../../engine/model';

function mlpDocument() {
  const parsed = parseDocument(JSON.parse(readFileSync(new URL('../../../templates/mlp-mnist.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.doc;
}

function setup(doc = mlpDocument()) {
  const channel = new FakeChannel();
  const editor = createEditorStore(doc);
  const controller = createTrainingController(channel, editor, createTrainingStore());
  controller.connect();
  setActiveTrainingController(controller);
  const context = { store: editor, host: {} as Host, files: {} as CommandContext['files'], canvas: null } as CommandContext;
  return { channel, editor, controller, context };
}

const enabled = (id: string, state: ReturnType<ReturnType<typeof createEditorStore>['getState']>) => getCommand(id)?.enabled(state) ?? false;

afterEach(() => setActiveTrainingController(null));

describe('train commands', () => {
  it('are disabled until the app mounts a training controller', () => {
    const editor = createEditorStore(mlpDocument());
    expect(enabled('train.start', editor.getState())).toBe(false);
  });

  it('start a run and switch to the Train view; pause, resume and stop follow the run', async () => {
    const { channel, editor, controller, context } = setup();
    expect(enabled('train.start', editor.getState())).toBe(true);
    expect(enabled('train.pause', editor.getState())).toBe(false);
    expect(await runCommand('train.start', context)).toBe(true);
    const runId = channel.lastPosted('start')?.runId ?? '';
    expect(controller.store.getState().mode).toBe('train');
    expect(enabled('train.start', editor.getState())).toBe(false);
    channel.emit(scriptedRun(runId, { epochs: 1, batchesPerEpoch: 2 })[0]);
    expect(enabled('train.pause', editor.getState())).toBe(true);
    await runCommand('train.pause', context);
    expect(channel.posted.at(-1)?.type).toBe('pause');
    channel.emit({ type: 'paused', runId });
    expect(enabled('train.resume', editor.getState())).toBe(true);
    expect(enabled('train.stop', editor.getState())).toBe(true);
    channel.emit({ type: 'resumed', runId }, ...scriptedRun(runId, { epochs: 1, batchesPerEpoch: 2 }).slice(1));
    expect(enabled('train.stop', editor.getState())).toBe(false);
    expect(enabled('train.start', editor.getState())).toBe(true);
  });

  it('refuse to start a model with errors', () => {
    const broken = { ...mlpDocument(), edges: [] };
    const { editor } = setup(broken);
    expect(enabled('train.start', editor.getState())).toBe(false);
  });

  it('refuse to start (Ctrl+Enter included) while the model does not fit its dataset, and allow it once fixed', () => {
    const { editor } = setup();
    editor.getState().edit({ type: 'setParam', id: 'logits', name: 'units', value: 7 });
    expect(enabled('train.start', editor.getState())).toBe(false);
    editor.getState().undo();
    expect(enabled('train.start', editor.getState())).toBe(true);
  });
});
