import { describe, expect, it } from 'vitest';
import { matchCommands } from '../../../renderer/commands/CommandPalette';
import { COMMANDS, commandForKey } from '../../../renderer/commands/registry';
import { matchesShortcut } from '../../../renderer/commands/shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('finding commands from the keyboard', () => {
  it('the palette finds a command by any words of its menu and name, names that start with the query first', () => {
    const ids = (query: string) => matchCommands(COMMANDS, query).map((c) => c.id);
    expect(ids('export')[0]).toBe('file.export');
    expect(ids('file sav')).toEqual(expect.arrayContaining(['file.save', 'file.saveAs']));
    expect(ids('file sav').every((id) => ['file.save', 'file.saveAs'].includes(id))).toBe(true);
    expect(ids('layer dense')).toContain('layer.add:Dense');
    expect(ids('no such command')).toEqual([]);
    expect(ids('')).toHaveLength(COMMANDS.length);
    // "Undo" starts with "un"; other commands merely containing it come after.
    expect(ids('un')[0]).toBe('edit.undo');
  });

  it('? opens the shortcut sheet whichever modifier the keyboard layout needs for it, but not while typing', () => {
    expect(commandForKey(key('?', { shiftKey: true }), false, false)?.id).toBe('help.shortcuts');
    expect(commandForKey(key('?'), false, false)?.id).toBe('help.shortcuts');
    expect(commandForKey(key('?', { shiftKey: true }), false, true)).toBeUndefined();
    expect(commandForKey(key('k', { ctrlKey: true }), false, false)?.id).toBe('view.commandPalette');
    expect(commandForKey(key('k', { metaKey: true }), true, false)?.id).toBe('view.commandPalette');
  });

  it('Shift still matters for letters: Mod+Z is undo and Mod+Shift+Z redo', () => {
    expect(matchesShortcut(key('z', { ctrlKey: true, shiftKey: true }), 'Mod+Z', false)).toBe(false);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+Z', false)).toBe(true);
  });

  it('every shortcut belongs to one command only, so the sheet never lists a key twice', () => {
    const seen = new Map<string, string>();
    for (const command of COMMANDS) {
      for (const shortcut of command.shortcuts ?? []) {
        expect(seen.get(shortcut), `${shortcut} is used by ${seen.get(shortcut)} and ${command.id}`).toBeUndefined();
        seen.set(shortcut, command.id);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});
