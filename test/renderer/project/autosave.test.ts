import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyDocument, type ModelDocument } from '../../../engine/model';
import type { RecoverySnapshot } from '../../../renderer/host/host';
import { checkRecovery, createAutosaver, type AutosaveSnapshot } from '../../../renderer/project/autosave';
import { parseProject, serializeProject } from '../../../engine/model';
import { readProjectFile } from '../../../engine/project';
import type { ProjectRun } from '../../../engine/project';

const text = (data: Uint8Array): string => new TextDecoder().decode(data);
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);

function memoryHost() {
  const host = {
    slot: null as RecoverySnapshot | null,
    writes: [] as RecoverySnapshot[],
    clears: 0,
    writeRecovery: vi.fn(async (snapshot: RecoverySnapshot) => {
      host.writes.push(snapshot);
      host.slot = snapshot;
    }),
    clearRecovery: vi.fn(async () => {
      host.clears++;
      host.slot = null;
    }),
    readRecovery: vi.fn(async () => host.slot),
  };
  return host;
}

describe('createAutosaver', () => {
  let state: AutosaveSnapshot;
  let host: ReturnType<typeof memoryHost>;
  const edit = (name: string): void => {
    state = { ...state, doc: { ...state.doc, name }, dirty: true };
  };

  beforeEach(() => {
    vi.useFakeTimers();
    state = { doc: createEmptyDocument('Draft'), dirty: false, origin: '/p/draft.netwright' };
    host = memoryHost();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = () => createAutosaver({ host, getSnapshot: () => state, intervalMs: 1000, maxWaitMs: 5000, now: () => new Date('2025-03-01T12:00:00Z') });

  it('writes a snapshot once edits pause for the interval', async () => {
    const saver = make();
    edit('A');
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(999);
    expect(host.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(host.writes).toEqual([{ savedAt: '2025-03-01T12:00:00.000Z', origin: '/p/draft.netwright', data: bytes(serializeProject(state.doc)) }]);
  });

  it('waits while edits keep coming, but never longer than maxWait', async () => {
    const saver = make();
    for (let t = 0; t < 6000; t += 600) {
      edit(`edit ${t}`);
      saver.notifyChange();
      await vi.advanceTimersByTimeAsync(600);
    }
    // Edits 600 ms apart for 6 s: the 1 s quiet interval never passed, so only the 5 s ceiling wrote,
    // with the state of the last edit before it (at 4.8 s).
    expect(host.writes).toHaveLength(1);
    expect(JSON.parse(text(host.writes[0].data)).name).toBe('edit 4800');
  });

  it('writes nothing while the project is saved', async () => {
    const saver = make();
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(host.writeRecovery).not.toHaveBeenCalled();
    expect(host.clearRecovery).not.toHaveBeenCalled();
  });

  it('skips writing the same content twice', async () => {
    const saver = make();
    edit('A');
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(1000);
    saver.notifyChange(); // e.g. a selection change that did not touch the document
    await vi.advanceTimersByTimeAsync(1000);
    expect(host.writes).toHaveLength(1);
  });

  it('clears the snapshot once the project is saved again', async () => {
    const saver = make();
    edit('A');
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(1000);
    expect(host.slot).not.toBeNull();
    state = { ...state, dirty: false };
    await saver.flush();
    expect(host.slot).toBeNull();
    expect(host.clears).toBe(1);
  });

  it('flush writes at once and cancels the pending timer', async () => {
    const saver = make();
    edit('A');
    saver.notifyChange();
    await saver.flush();
    expect(host.writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(host.writes).toHaveLength(1);
  });

  it('reports a failing write once, keeps going, and writes again when it works', async () => {
    const errors: string[] = [];
    host.writeRecovery.mockRejectedValueOnce(new Error('disk full')).mockRejectedValueOnce(new Error('disk full'));
    const saver = createAutosaver({ host, getSnapshot: () => state, intervalMs: 1000, onError: (m) => errors.push(m) });
    for (const name of ['A', 'B', 'C']) {
      edit(name);
      saver.notifyChange();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(errors).toEqual(['disk full']);
    expect(host.writes.map((w) => JSON.parse(text(w.data)).name)).toEqual(['C']);
  });

  it('keeps finished runs with their weights, without their last-epoch copy, and writes again when the runs change', async () => {
    const run = (id: string): ProjectRun => ({
      id,
      label: id,
      startedAt: 1,
      document: state.doc,
      status: 'completed',
      error: null,
      totalEpochs: 1,
      batchesPerEpoch: 1,
      threads: 1,
      kernels: 'reference',
      epochs: [{ epoch: 1, trainLoss: 0.5, trainAccuracy: null, valLoss: null, valAccuracy: null, learningRate: 0.1, seconds: 1 }],
      bestEpoch: 1,
      batches: new Float32Array(6),
      live: { epoch: 1, progress: 1, elapsedSeconds: 1, samplesPerSecond: 10 },
      weights: { 'a/kernel': new Float32Array([1, 2, 3]) },
      lastWeights: { 'a/kernel': new Float32Array([4, 5, 6]) },
      normalisation: null,
    });
    let runs = [run('run-1')];
    const collect = vi.fn(() => runs);
    state = { ...state, dirty: true, runs: collect, runsKey: 'run-1' };
    const saver = make();
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(1000);
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(1000);
    expect(host.writes).toHaveLength(1);
    expect(collect).toHaveBeenCalledTimes(1);
    const read = readProjectFile(host.writes[0].data, 'recovery');
    if (!read.ok) throw new Error(read.message);
    expect(read.runs.map((r) => r.id)).toEqual(['run-1']);
    expect(Array.from(read.runs[0].weights!['a/kernel'])).toEqual([1, 2, 3]);
    expect(read.runs[0].lastWeights).toBeUndefined();

    runs = [run('run-1'), run('run-2')];
    state = { ...state, runsKey: 'run-1\nrun-2' };
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(1000);
    expect(host.writes).toHaveLength(2);
    const second = readProjectFile(host.writes[1].data, 'recovery');
    expect(second.ok && second.runs.length).toBe(2);
    expect(await checkRecovery(host)).toMatchObject({ status: 'found', runs: [{ id: 'run-1' }, { id: 'run-2' }] });
  });

  it('stops after dispose', async () => {
    const saver = make();
    edit('A');
    saver.notifyChange();
    saver.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(host.writes).toHaveLength(0);
  });
});

describe('checkRecovery', () => {
  const doc: ModelDocument = createEmptyDocument('Crashed work');

  it('offers back the unsaved work of a crashed session', async () => {
    const host = memoryHost();
    await host.writeRecovery({ savedAt: '2025-03-01T12:00:00.000Z', origin: 'crash.netwright', data: bytes(serializeProject(doc)) });
    expect(await checkRecovery(host)).toEqual({ status: 'found', doc, runs: [], savedAt: '2025-03-01T12:00:00.000Z', origin: 'crash.netwright' });
  });

  it('reports nothing when there is no snapshot', async () => {
    expect(await checkRecovery(memoryHost())).toEqual({ status: 'none' });
  });

  it('explains a snapshot it cannot read instead of throwing', async () => {
    const host = memoryHost();
    await host.writeRecovery({ savedAt: 'x', data: bytes('{"format":"netwright-model","version":99}') });
    const check = await checkRecovery(host);
    expect(check).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/newer Netwright/) });
    const failing = { readRecovery: async () => Promise.reject(new Error('IPC closed')) };
    expect(await checkRecovery(failing)).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/IPC closed/) });
  });

  it('round-trips through the autosaver', async () => {
    vi.useFakeTimers();
    const host = memoryHost();
    const saver = createAutosaver({ host, getSnapshot: () => ({ doc, dirty: true }), intervalMs: 10 });
    saver.notifyChange();
    await vi.advanceTimersByTimeAsync(10);
    vi.useRealTimers();
    const check = await checkRecovery(host);
    expect(check.status === 'found' && check.doc).toEqual((parseProject(serializeProject(doc), 'x') as { doc: ModelDocument }).doc);
  });
});
