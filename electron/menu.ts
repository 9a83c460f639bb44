/**
 * The native application menu, built from the menu data the renderer's command registry sends.
 * Labels, accelerators and enabled states come from the renderer; a click only ever sends back a
 * command id, so the renderer stays the single owner of what commands do.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { z } from 'zod';
import type { menuEntrySchema, menuSectionSchema } from './ipc/contract';

type MenuSection = z.infer<typeof menuSectionSchema>;
type MenuEntry = z.infer<typeof menuEntrySchema>;

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Adds reload and developer tools, for development builds only. */
  developer: boolean;
  onCommand: (commandId: string) => void;
}

function toItem(entry: MenuEntry, onCommand: (commandId: string) => void): MenuItemConstructorOptions {
  switch (entry.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'command':
      return {
        id: entry.commandId,
        label: entry.label,
        enabled: entry.enabled,
        // The renderer handles its own shortcuts; the menu only shows them, or each would fire twice.
        ...(entry.accelerator ? { accelerator: entry.accelerator, registerAccelerator: false } : {}),
        click: () => onCommand(entry.commandId),
      };
    default: {
      const unreachable: never = entry;
      throw new Error(`Unknown menu entry ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The Electron menu template for the given sections; pass it to Menu.buildFromTemplate. */
export function buildMenuTemplate(sections: MenuSection[], options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = sections.map((section) => ({
    label: section.label,
    submenu: section.items.map((entry) => toItem(entry, options.onCommand)),
  }));
  if (isMac) {
    template.unshift({ role: 'appMenu' });
    // macOS routes Cmd+C/V/X/A in text fields through the Edit menu's roles; without one they do nothing.
    if (!sections.some((s) => s.label.replace(/&/g, '').toLowerCase() === 'edit')) template.splice(1, 0, { role: 'editMenu' });
    template.push({ role: 'windowMenu' });
  }
  if (options.developer) {
    template.push({
      label: 'Developer',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  return template;
}
