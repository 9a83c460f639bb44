import { describe, expect, it, vi } from 'vitest';
import { createEmptyDocument } from '../../../engine/model';
import { createFileActions } from '../../../renderer/app/fileActions';
import { loadTemplate } from '../../../renderer/app/templates';
import type { Host, SaveRequest } from '../../../renderer/host/host';
import { serializeProject } from '../../../engine/model';
import { createEditorStore } from '../../../renderer/store/editorStore';

function fakeHost(overrides: Partial<Host> = {}): Host {
  return {
    kind: 'electron',
    openFile: vi.fn(async () => null),
    openRecent: vi.fn(async () => ({ name: 'r', data: new Uint8Array() })),
    saveFile: vi.fn(async (r: SaveRequest) => ({ name: 'model.netwright', path: r.path ?? '/home/u/model.netwright' })),
    saveBinary: vi.fn(async () => null),
    openModelFiles: vi.fn(async () => null),
    recentFiles: vi.fn(async () => []),
    writeRecovery: vi.fn(async () => {}),
    readRecovery: vi.fn(async () => null),
    clearRecovery: vi.fn(async () => {}),
    setMenu: vi.fn(),
    onMenuCommand: vi.fn(() => () => {}),
    setTitle: vi.fn(),
    training: { post: vi.fn(), onMessage: vi.fn(() => () => {}) },
    ...overrides,
  };
}

function mlp() {
  const t = loadTemplate('mlp-mnist');
  if (!t.ok) throw new Error(t.error);
  return t.doc;
}

describe('file actions', () => {
  it('save writes the project, marks it saved, and the next save goes to the same path', async () => {
    const host = fakeHost();
    const store = createEditorStore(mlp());
    const files = createFileActions(store, host, { confirmDiscard: () => true });
    store.getState().edit({ type: 'setParam', id: 'hidden', name: 'units', value: 10 });
    await files.save();
    expect(store.getState().isDirty()).toBe(false);
    expect(store.getState().origin).toBe('/home/u/model.netwright');
    const first = vi.mocked(host.saveFile).mock.calls[0][0];
    expect(new TextDecoder().decode(first.data)).toBe(serializeProject(store.getState().doc));
    await files.save();
    expect(vi.mocked(host.saveFile).mock.calls[1][0]).toMatchObject({ path: '/home/u/model.netwright', saveAs: false });
  });

  it('open replaces the document, or shows why the file could not be read', async () => {
    const other = createEmptyDocument('Other');
    const host = fakeHost({ openFile: vi.fn(async () => ({ name: 'other.netwright', path: '/o.netwright', data: new TextEncoder().encode(serializeProject(other)) })) });
    const store = createEditorStore(mlp());
    await createFileActions(store, host, { confirmDiscard: () => true }).open();
    expect(store.getState().doc.name).toBe('Other');
    expect(store.getState().origin).toBe('/o.netwright');

    const broken = fakeHost({ openFile: vi.fn(async () => ({ name: 'bad.netwright', data: new TextEncoder().encode('{ "format": ') })) });
    await createFileActions(store, broken, { confirmDiscard: () => true }).open();
    expect(store.getState().doc.name).toBe('Other');
    expect(store.getState().notice).toMatchObject({ kind: 'error' });
    expect(store.getState().notice!.text).toContain('bad.netwright');
  });

  it('never discards unsaved work without consent', async () => {
    const host = fakeHost();
    const store = createEditorStore(mlp());
    const confirmDiscard = vi.fn(() => false);
    const files = createFileActions(store, host, { confirmDiscard });
    await files.newDocument();
    expect(confirmDiscard).not.toHaveBeenCalled();
    expect(store.getState().doc.nodes).toHaveLength(0);
    store.getState().addLayer('Dense');
    await files.loadTemplate('lenet5');
    await files.open();
    expect(confirmDiscard).toHaveBeenCalledTimes(2);
    expect(host.openFile).not.toHaveBeenCalled();
    expect(store.getState().doc.nodes).toHaveLength(1);
  });

  it('loading a template lays it out and leaves a clean, undo-free document', async () => {
    const store = createEditorStore(createEmptyDocument());
    await createFileActions(store, fakeHost(), { confirmDiscard: () => true }).loadTemplate('resnet-small');
    const { doc } = store.getState();
    expect(doc.name.length).toBeGreaterThan(0);
    expect(store.getState().isDirty()).toBe(false);
    expect(store.getState().history.undo).toHaveLength(0);
    // Laid out left to right: every connection runs from a layer further left to one further right.
    const x = new Map(doc.nodes.map((n) => [n.id, n.position.x]));
    for (const e of doc.edges) expect(x.get(e.source)!).toBeLessThan(x.get(e.target)!);
  });
});
