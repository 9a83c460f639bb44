import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/menu';

const sections = [
  {
    label: 'File',
    items: [
      { kind: 'command' as const, commandId: 'file.open', label: 'Open…', accelerator: 'CmdOrCtrl+O', enabled: true },
      { kind: 'separator' as const },
      { kind: 'command' as const, commandId: 'file.save', label: 'Save', enabled: false },
    ],
  },
  { label: 'Edit', items: [{ kind: 'command' as const, commandId: 'edit.undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z', enabled: true }] },
];

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];

describe('buildMenuTemplate', () => {
  it('turns menu data into native items, in order, with labels, accelerators and enabled states', () => {
    const template = buildMenuTemplate(sections, { platform: 'linux', developer: false, onCommand: vi.fn() });
    expect(template.map((t) => t.label)).toEqual(['File', 'Edit']);
    const file = submenu(template[0]);
    expect(file).toHaveLength(3);
    expect(file[0]).toMatchObject({ id: 'file.open', label: 'Open…', accelerator: 'CmdOrCtrl+O', enabled: true });
    expect(file[1]).toEqual({ type: 'separator' });
    expect(file[2]).toMatchObject({ id: 'file.save', label: 'Save', enabled: false });
    expect(file[2]).not.toHaveProperty('accelerator');
  });

  it('sends back the command id of the clicked item', () => {
    const onCommand = vi.fn();
    const template = buildMenuTemplate(sections, { platform: 'win32', developer: false, onCommand });
    const save = submenu(template[0])[2];
    (save.click as () => void)();
    (submenu(template[1])[0].click as () => void)();
    expect(onCommand.mock.calls).toEqual([['file.save'], ['edit.undo']]);
  });

  it('adds the macOS application and window menus, and an Edit menu when the app has none', () => {
    const mac = buildMenuTemplate(sections, { platform: 'darwin', developer: false, onCommand: vi.fn() });
    expect(mac.map((t) => t.role ?? t.label)).toEqual(['appMenu', 'File', 'Edit', 'windowMenu']);
    const withoutEdit = buildMenuTemplate([sections[0]], { platform: 'darwin', developer: false, onCommand: vi.fn() });
    expect(withoutEdit.map((t) => t.role ?? t.label)).toEqual(['appMenu', 'editMenu', 'File', 'windowMenu']);
  });

  it('offers developer tools only in development', () => {
    const labels = (developer: boolean) => buildMenuTemplate(sections, { platform: 'linux', developer, onCommand: vi.fn() }).map((t) => t.label);
    expect(labels(true)).toContain('Developer');
    expect(labels(false)).not.toContain('Developer');
  });
});
