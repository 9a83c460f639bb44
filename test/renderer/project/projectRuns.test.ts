import { describe, expect, it, vi } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import { readProjectFile, writeProjectFile } from '../../../engine/project';
import { BATCH_METRIC_STRIDE } from '../../../engine/training/protocol';
import { createFileActions } from '../../../renderer/app/fileActions';
import type { Host, SaveRequest } from '../../../renderer/host/host';
import { finishedProjectRuns, hasUnsavedRuns, markRunsSaved, projectRunOf, projectRunsAccess, restoreRuns, runsKey, trainingRunOf } from '../../../renderer/project/projectRuns';
import { createEditorStore } from '../../../renderer/store/editorStore';
import type { TrainingController } from '../../../renderer/training/controller';
import { addRun, createTrainingStore, initialTrainingData, reduceTraining } from '../../../renderer/training/store';
import type { TrainingData } from '../../../renderer/training/store';
import { scriptedRun } from '../training/fakeChannel';

function trained(ids: string[], active: string | null = null): TrainingData {
  let data = initialTrainingData();
  for (const [i, id] of ids.entries()) {
    data = addRun(data, { id, label: `Run ${i + 1}`, document: createEmptyDocument(`Model ${i + 1}`), startedAt: 1000 + i });
    const messages = scriptedRun(id, { epochs: 2, batchesPerEpoch: 5 });
    for (const message of id === active ? messages.slice(0, 3) : messages) data = reduceTraining(data, message);
  }
  return data;
}

const columns = (run: { batches: { columns: number; column(i: number): Float32Array } }) =>
  Array.from({ length: run.batches.columns }, (_, c) => Array.from(run.batches.column(c)));

describe('project runs', () => {
  it('gives back, after a file round trip, runs shaped like the live ones', () => {
    const data = trained(['r1', 'r2']);
    const saved = finishedProjectRuns(data);
    expect(saved.map((r) => r.id)).toEqual(['r1', 'r2']);
    const read = readProjectFile(writeProjectFile(createEmptyDocument(), saved), 'p.netwright');
    if (!read.ok) throw new Error(read.message);
    for (const [i, id] of ['r1', 'r2'].entries()) {
      const live = data.runs[id];
      const back = trainingRunOf(read.runs[i]);
      const { batches: liveBatches, live: liveNumbers, ...liveRest } = live;
      const { batches: backBatches, live: backNumbers, ...backRest } = back;
      expect(backRest).toEqual(liveRest);
      expect(backNumbers).toEqual({ ...liveNumbers, etaSeconds: null });
      expect(backBatches.length).toBe(liveBatches.length);
      expect(columns(back)).toEqual(columns(live));
      expect(back.batches.columns).toBe(BATCH_METRIC_STRIDE);
    }
  });

  it('keeps where a run came from: the run it continued, or the file its weights were imported from', () => {
    const data = trained(['r1', 'r2', 'r3']);
    const runs = {
      ...data.runs,
      r2: { ...data.runs.r2, startedFrom: { runId: 'r1', label: 'Run 1' } },
      r3: { ...data.runs.r3, importedFrom: 'classifier.onnx' },
    };
    const saved = finishedProjectRuns({ ...data, runs });
    const read = readProjectFile(writeProjectFile(createEmptyDocument(), saved), 'p.netwright');
    if (!read.ok) throw new Error(read.message);
    const back = read.runs.map(trainingRunOf);
    expect(back[0].startedFrom).toBeUndefined();
    expect(back[1].startedFrom).toEqual({ runId: 'r1', label: 'Run 1' });
    expect(back[2].importedFrom).toBe('classifier.onnx');
  });

  it('never writes a run that is still training', () => {
    const data = trained(['r1', 'r2'], 'r2');
    expect(projectRunOf(data.runs.r2)).toBeNull();
    expect(finishedProjectRuns(data).map((r) => r.id)).toEqual(['r1']);
    expect(runsKey(data)).toBe('r1');
  });

  it('restoring replaces finished runs, keeps the one still training, and selects the newest', () => {
    const store = createTrainingStore(trained(['old', 'busy'], 'busy'));
    const saved = finishedProjectRuns(trained(['a', 'b']));
    restoreRuns(store, saved);
    const state = store.getState();
    expect(state.order).toEqual(['a', 'b', 'busy']);
    expect(state.currentRunId).toBe('busy');
    expect(state.selectedRunId).toBe('busy');
    const idle = createTrainingStore(trained(['old']));
    restoreRuns(idle, saved);
    expect(idle.getState().order).toEqual(['a', 'b']);
    expect(idle.getState().selectedRunId).toBe('b');
  });

  it('tells runs that ended since the last save from saved ones', () => {
    const store = createTrainingStore();
    expect(hasUnsavedRuns(store)).toBe(false);
    store.setState(trained(['r1']));
    expect(hasUnsavedRuns(store)).toBe(true);
    markRunsSaved(store);
    expect(hasUnsavedRuns(store)).toBe(false);
    store.getState().removeRun('r1');
    expect(hasUnsavedRuns(store)).toBe(true);
  });
});

describe('file actions with runs', () => {
  function hostWith(overrides: Partial<Host>): Host {
    return {
      kind: 'web',
      openFile: vi.fn(async () => null),
      openRecent: vi.fn(async () => Promise.reject(new Error('no'))),
      saveFile: vi.fn(async (r: SaveRequest) => ({ name: 'p.netwright', path: r.path ?? 'handle:1' })),
      saveBinary: vi.fn(async () => null),
      recentFiles: vi.fn(async () => []),
      writeRecovery: vi.fn(async () => {}),
      readRecovery: vi.fn(async () => null),
      clearRecovery: vi.fn(async () => {}),
      openModelFiles: vi.fn(async () => null),
      setMenu: vi.fn(),
      onMenuCommand: vi.fn(() => () => {}),
      setTitle: vi.fn(),
      training: { post: vi.fn(), onMessage: vi.fn(() => () => {}) },
      ...overrides,
    };
  }

  it('saves the finished runs in the file, and opening it brings them back and evaluates the newest', async () => {
    const host = hostWith({});
    const editor = createEditorStore(createEmptyDocument('Mine'));
    const training = createTrainingStore(trained(['r1', 'r2']));
    const evaluate = vi.fn();
    const controller = { store: training, evaluate } as unknown as TrainingController;
    const files = createFileActions(editor, host, { confirmDiscard: () => false, runs: projectRunsAccess(controller) });
    await files.save();
    const data = vi.mocked(host.saveFile).mock.calls[0][0].data;
    expect(hasUnsavedRuns(training)).toBe(false);

    const other = createTrainingStore();
    const reopened = createFileActions(createEditorStore(createEmptyDocument()), hostWith({ openFile: vi.fn(async () => ({ name: 'p.netwright', data })) }), {
      confirmDiscard: () => false,
      runs: projectRunsAccess({ store: other, evaluate } as unknown as TrainingController),
    });
    await reopened.open();
    expect(other.getState().order).toEqual(['r1', 'r2']);
    expect(other.getState().runs.r2.weights).toEqual(training.getState().runs.r2.weights);
    expect(evaluate).toHaveBeenCalledWith('r2');
    expect(hasUnsavedRuns(other)).toBe(false);
  });

  it('asks before opening another file over runs that were never saved', async () => {
    const training = createTrainingStore(trained(['r1']));
    const confirmDiscard = vi.fn(() => false);
    const openFile = vi.fn(async () => null);
    const files = createFileActions(createEditorStore(createEmptyDocument()), hostWith({ openFile }), {
      confirmDiscard,
      runs: projectRunsAccess({ store: training, evaluate: vi.fn() } as unknown as TrainingController),
    });
    await files.open();
    expect(confirmDiscard).toHaveBeenCalled();
    expect(openFile).not.toHaveBeenCalled();
  });
});
