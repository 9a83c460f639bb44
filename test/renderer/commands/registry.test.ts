import { describe, expect, it, vi } from 'vitest';
import { LAYER_TYPES, TEMPLATES } from '../../../engine/model';
import { loadTemplate } from '../../../renderer/app/templates';
import { buildMenu, commandForKey, COMMANDS, getCommand, runCommand } from '../../../renderer/commands/registry';
import { formatShortcut, matchesShortcut, toAccelerator } from '../../../renderer/commands/shortcuts';
import type { CommandContext, FileActions } from '../../../renderer/commands/types';
import type { Host, MenuEntry } from '../../../renderer/host/host';
import { createEditorStore } from '../../../renderer/store/editorStore';

function setup() {
  const template = loadTemplate('mlp-mnist');
  if (!template.ok) throw new Error(template.error);
  const store = createEditorStore(template.doc);
  const files: FileActions = {
    newDocument: vi.fn(async () => {}),
    open: vi.fn(async () => {}),
    openRecent: vi.fn(async () => {}),
    save: vi.fn(async () => {}),
    saveAs: vi.fn(async () => {}),
    loadTemplate: vi.fn(async () => {}),
    importModel: vi.fn(async () => {}),
    openDropped: vi.fn(async () => {}),
  };
  const context: CommandContext = { store, host: {} as Host, files, canvas: null };
  return { store, files, context };
}

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

function commandEntries(menu: ReturnType<typeof buildMenu>, label: string): Extract<MenuEntry, { kind: 'command' }>[] {
  return menu.find((s) => s.label === label)!.items.filter((i): i is Extract<MenuEntry, { kind: 'command' }> => i.kind === 'command');
}

describe('command registry', () => {
  it('names every command area.verb (a parameter may follow a colon), so menus, shortcuts and the palette agree', () => {
    for (const command of COMMANDS) expect(command.id).toMatch(/^[a-z]+\.[a-z][A-Za-z]*(:.+)?$/);
    expect(getCommand('file.openRecent:/home/a/model.netwright')?.id).toBe('file.openRecent:/home/a/model.netwright');
  });

  it('has the file, edit and view commands plus one per layer type and template, with unique ids', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['file.new', 'file.open', 'file.save', 'file.saveAs', 'edit.undo', 'edit.redo', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete', 'edit.selectAll', 'view.autoLayout', 'view.zoomToFit']) {
      expect(getCommand(id), id).toBeDefined();
    }
    for (const type of LAYER_TYPES) expect(getCommand(`layer.add:${type}`)).toBeDefined();
    for (const t of TEMPLATES) expect(getCommand(`template.open:${t.id}`)).toBeDefined();
  });

  it('predicates follow the editor state', () => {
    const { store } = setup();
    const enabled = (id: string) => getCommand(id)!.enabled(store.getState());
    expect(enabled('edit.undo')).toBe(false);
    expect(enabled('edit.copy')).toBe(false);
    expect(enabled('edit.delete')).toBe(false);
    expect(enabled('edit.paste')).toBe(false);
    store.getState().setSelection({ nodes: ['hidden'] });
    expect(enabled('edit.copy')).toBe(true);
    expect(enabled('edit.delete')).toBe(true);
    store.getState().copySelection();
    expect(enabled('edit.paste')).toBe(true);
    store.getState().deleteSelection();
    expect(enabled('edit.undo')).toBe(true);
    expect(enabled('edit.redo')).toBe(false);
    store.getState().undo();
    expect(enabled('edit.redo')).toBe(true);
  });

  it('a disabled command does not run; an enabled one does', async () => {
    const { store, context, files } = setup();
    expect(await runCommand('edit.delete', context)).toBe(false);
    store.getState().setSelection({ nodes: ['logits'] });
    expect(await runCommand('edit.delete', context)).toBe(true);
    expect(store.getState().doc.nodes.some((n) => n.id === 'logits')).toBe(false);
    expect(await runCommand('file.save', context)).toBe(true);
    expect(files.save).toHaveBeenCalledOnce();
    expect(await runCommand('file.openRecent:/home/a/model.netwright', context)).toBe(true);
    expect(files.openRecent).toHaveBeenCalledWith('/home/a/model.netwright');
    expect(await runCommand('no-such-command', context)).toBe(false);
  });

  it('adding a layer while one layer is selected connects it after that layer', async () => {
    const { store, context } = setup();
    store.getState().setSelection({ nodes: ['hidden'] });
    await runCommand('layer.add:Dropout', context);
    const id = store.getState().selectedNodeIds[0];
    expect(store.getState().doc.nodes.find((n) => n.id === id)!.type).toBe('Dropout');
    expect(store.getState().doc.edges.some((e) => e.source === 'hidden' && e.target === id)).toBe(true);
  });

  it('clicking Dense, Dense, Output in the palette builds a chain, each step one undo', async () => {
    const { store, context } = setup();
    store.getState().setSelection({ nodes: ['input'] });
    for (const type of ['Dense', 'Dense', 'Output']) await runCommand(`layer.add:${type}`, context);
    const { doc } = store.getState();
    const added = doc.nodes.slice(4);
    expect(added.map((n) => n.type)).toEqual(['Dense', 'Dense', 'Output']);
    const chain = ['input', ...added.map((n) => n.id)];
    for (let i = 1; i < chain.length; i++) expect(doc.edges.some((e) => e.source === chain[i - 1] && e.target === chain[i] && e.targetPort === 0)).toBe(true);
    expect(store.getState().selectedNodeIds).toEqual([added[2].id]);
    // Left to right, each layer sits right of the one before it.
    for (let i = 1; i < added.length; i++) expect(added[i].position.x).toBeGreaterThan(added[i - 1].position.x);
    const edgesBefore = doc.edges.length;
    store.getState().undo();
    expect(store.getState().doc.nodes.some((n) => n.id === added[2].id)).toBe(false);
    expect(store.getState().doc.edges).toHaveLength(edgesBefore - 1);
  });

  it('a layer clicked in while several layers are selected goes after them unwired', async () => {
    const { store, context } = setup();
    store.getState().setSelection({ nodes: ['input', 'hidden'] });
    const edges = store.getState().doc.edges.length;
    await runCommand('layer.add:Dense', context);
    expect(store.getState().doc.edges).toHaveLength(edges);
  });

  it('maps keys to commands, leaving text fields their own editing keys', () => {
    expect(commandForKey(key('z', { ctrl: true }), false, false)?.id).toBe('edit.undo');
    expect(commandForKey(key('Z', { ctrl: true, shift: true }), false, false)?.id).toBe('edit.redo');
    expect(commandForKey(key('y', { ctrl: true }), false, false)?.id).toBe('edit.redo');
    expect(commandForKey(key('z', { meta: true }), true, false)?.id).toBe('edit.undo');
    expect(commandForKey(key('z', { ctrl: true }), true, false)).toBeUndefined();
    expect(commandForKey(key('Delete'), false, false)?.id).toBe('edit.delete');
    expect(commandForKey(key('Backspace'), false, false)?.id).toBe('edit.delete');
    expect(commandForKey(key('Backspace'), false, true)).toBeUndefined();
    expect(commandForKey(key('z', { ctrl: true }), false, true)).toBeUndefined();
    expect(commandForKey(key('s', { ctrl: true }), false, true)?.id).toBe('file.save');
    expect(commandForKey(key('S', { ctrl: true, shift: true }), false, false)?.id).toBe('file.saveAs');
    expect(commandForKey(key('a'), false, false)).toBeUndefined();
  });

  it('formats shortcuts for Electron and for tooltips', () => {
    expect(toAccelerator('Mod+Shift+z')).toBe('CmdOrCtrl+Shift+Z');
    expect(formatShortcut('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(formatShortcut('Mod+Shift+Z', true)).toBe('⌘⇧Z');
    expect(matchesShortcut(key('0', { ctrl: true }), 'Mod+0', false)).toBe(true);
  });
});

describe('buildMenu', () => {
  it('builds File, Edit, View, Layer, Train and Templates with enabled states from the predicates', () => {
    const { store } = setup();
    const menu = buildMenu(store.getState());
    expect(menu.map((s) => s.label)).toEqual(['File', 'Edit', 'View', 'Layer', 'Train', 'Templates', 'Help']);
    const edit = commandEntries(menu, 'Edit');
    expect(edit.find((e) => e.commandId === 'edit.undo')).toMatchObject({ enabled: false, accelerator: 'CmdOrCtrl+Z' });
    store.getState().setSelection({ nodes: ['hidden'] });
    store.getState().deleteSelection();
    const after = commandEntries(buildMenu(store.getState()), 'Edit');
    expect(after.find((e) => e.commandId === 'edit.undo')!.enabled).toBe(true);
    expect(commandEntries(menu, 'Layer')).toHaveLength(LAYER_TYPES.length);
    expect(commandEntries(menu, 'Templates').map((e) => e.commandId)).toEqual(TEMPLATES.map((t) => `template.open:${t.id}`));
  });

  it('lists recent files under File as openRecent commands, and separators never lead or double', () => {
    const { store } = setup();
    store.getState().setRecentFiles([{ name: 'a.netwright', path: '/x/a.netwright' }]);
    const menu = buildMenu(store.getState());
    const file = commandEntries(menu, 'File');
    expect(file.find((e) => e.commandId === 'file.openRecent:/x/a.netwright')?.label).toContain('a.netwright');
    for (const section of menu) {
      expect(section.items[0].kind).toBe('command');
      section.items.forEach((item, i) => {
        if (item.kind === 'separator') expect(section.items[i + 1]?.kind).toBe('command');
      });
    }
  });
});
