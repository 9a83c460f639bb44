/**
 * The command registry: every action a person can take from the keyboard, toolbar or menu, defined
 * once. Menus are built from it as data (buildMenu) and the host renders them.
 */
import { catalog, CATEGORY_ORDER, LAYER_TYPES, TEMPLATES } from '../../engine/model';
import type { LayerType } from '../../engine/model';
import type { MenuEntry, MenuSection } from '../host/host';
import { selectCanRedo, selectCanUndo, selectHasSelection } from '../store/selectors';
import { TRAIN_COMMANDS } from '../training/commands';
import { EXPORT_COMMANDS } from '../export/exportCommand';
import { KEYBOARD_HELP_COMMANDS } from './keyboardHelpCommands';
import type { EditorState } from '../store/types';
import { autoLayoutDocument } from './autoLayout';
import type { Command, CommandContext, CommandMenu } from './types';
import { matchesShortcut, toAccelerator } from './shortcuts';
import type { KeyLike } from './shortcuts';

const always = (): boolean => true;
const hasNodes = (s: EditorState): boolean => s.doc.nodes.length > 0;
const hasSelectedNodes = (s: EditorState): boolean => s.selectedNodeIds.length > 0;

/**
 * Adds a clicked-in layer after the selection, or in free space in view. With exactly one layer selected
 * it is wired after that layer when the types allow, so clicking Dense, Dense, Output builds a chain.
 */
function addLayerCommand(type: LayerType): Command {
  return {
    id: `layer.add:${type}`,
    label: catalog[type].label,
    menu: 'Layer',
    enabled: always,
    perform({ store, canvas }) {
      const state = store.getState();
      const from = state.selectedNodeIds.length === 1 ? state.doc.nodes.find((n) => n.id === state.selectedNodeIds[0]) : undefined;
      const canConnect = from !== undefined && catalog[from.type].hasOutput && catalog[type].maxInputs > 0;
      state.addLayer(type, { ...(canConnect ? { connectFrom: from.id } : {}), ...(canvas ? { view: canvas.visibleArea() } : {}) });
    },
  };
}

const STATIC_COMMANDS: Command[] = [
  { id: 'file.new', label: 'New', menu: 'File', shortcuts: ['Mod+N'], enabled: always, perform: ({ files }) => files.newDocument() },
  {
    id: 'file.newFromTemplate',
    label: 'New from Template…',
    menu: 'File',
    enabled: always,
    perform: ({ store }) => store.getState().setTemplatePickerOpen(true),
  },
  { id: 'file.open', label: 'Open…', menu: 'File', shortcuts: ['Mod+O'], groupStart: true, enabled: always, perform: ({ files }) => files.open() },
  {
    id: 'file.import',
    label: 'Import…',
    menu: 'File',
    shortcuts: ['Mod+I'],
    enabled: always,
    perform: ({ files }) => files.importModel(),
  },
  { id: 'file.save', label: 'Save', menu: 'File', shortcuts: ['Mod+S'], groupStart: true, enabled: always, perform: ({ files }) => files.save() },
  { id: 'file.saveAs', label: 'Save As…', menu: 'File', shortcuts: ['Mod+Shift+S'], enabled: always, perform: ({ files }) => files.saveAs() },
  { id: 'edit.undo', label: 'Undo', menu: 'Edit', shortcuts: ['Mod+Z'], enabled: selectCanUndo, perform: ({ store }) => store.getState().undo() },
  { id: 'edit.redo', label: 'Redo', menu: 'Edit', shortcuts: ['Mod+Shift+Z', 'Mod+Y'], enabled: selectCanRedo, perform: ({ store }) => store.getState().redo() },
  {
    id: 'edit.copy',
    label: 'Copy',
    menu: 'Edit',
    shortcuts: ['Mod+C'],
    groupStart: true,
    enabled: hasSelectedNodes,
    perform: ({ store }) => store.getState().copySelection(),
  },
  { id: 'edit.paste', label: 'Paste', menu: 'Edit', shortcuts: ['Mod+V'], enabled: (s) => s.clipboard !== null, perform: ({ store, canvas }) => store.getState().paste(canvas?.visibleArea()) },
  {
    id: 'edit.duplicate',
    label: 'Duplicate',
    menu: 'Edit',
    shortcuts: ['Mod+D'],
    enabled: hasSelectedNodes,
    perform: ({ store, canvas }) => store.getState().duplicateSelection(canvas?.visibleArea()),
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    menu: 'Edit',
    shortcuts: ['Delete', 'Backspace'],
    enabled: selectHasSelection,
    perform: ({ store }) => store.getState().deleteSelection(),
  },
  {
    id: 'edit.selectAll',
    label: 'Select All',
    menu: 'Edit',
    shortcuts: ['Mod+A'],
    groupStart: true,
    enabled: hasNodes,
    perform: ({ store }) => store.getState().selectAll(),
  },
  {
    id: 'view.autoLayout',
    label: 'Auto Layout',
    menu: 'View',
    shortcuts: ['Mod+Shift+L'],
    enabled: hasNodes,
    async perform({ store, canvas }) {
      await autoLayoutDocument(store);
      // Let React Flow take the new positions before fitting the view to them.
      requestAnimationFrame(() => canvas?.fitView());
    },
  },
  { id: 'view.zoomToFit', label: 'Zoom to Fit', menu: 'View', shortcuts: ['Mod+0'], enabled: hasNodes, perform: ({ canvas }) => canvas?.fitView() },
];

const LAYER_COMMANDS: Command[] = CATEGORY_ORDER.flatMap((category, i) =>
  LAYER_TYPES.filter((t) => catalog[t].category === category).map((t, j) => ({ ...addLayerCommand(t), groupStart: i > 0 && j === 0 })),
);

const TEMPLATE_COMMANDS: Command[] = TEMPLATES.map((t) => ({
  id: `template.open:${t.id}`,
  label: t.name,
  menu: 'Templates',
  enabled: always,
  perform: ({ files }: CommandContext) => files.loadTemplate(t.id),
}));

const OPEN_RECENT_PREFIX = 'file.openRecent:';

function openRecentCommand(path: string, label = path): Command {
  return { id: `${OPEN_RECENT_PREFIX}${path}`, label, menu: 'File', enabled: always, perform: ({ files }) => files.openRecent(path) };
}

/** Every fixed command, in menu order. */
export const COMMANDS: readonly Command[] = [...STATIC_COMMANDS, ...EXPORT_COMMANDS, ...KEYBOARD_HELP_COMMANDS, ...TRAIN_COMMANDS, ...LAYER_COMMANDS, ...TEMPLATE_COMMANDS];
const byId = new Map(COMMANDS.map((c) => [c.id, c]));

/** Looks a command up by id, including the per-file "file.openRecent:<path>" commands. */
export function getCommand(id: string): Command | undefined {
  if (id.startsWith(OPEN_RECENT_PREFIX)) return openRecentCommand(id.slice(OPEN_RECENT_PREFIX.length));
  return byId.get(id);
}

/** Runs a command if it exists and is enabled; returns whether it ran. */
export async function runCommand(id: string, context: CommandContext): Promise<boolean> {
  const command = getCommand(id);
  if (!command || !command.enabled(context.store.getState())) return false;
  await command.perform(context);
  return true;
}

/** Commands that still make sense while typing in a text field (everything else belongs to the field). */
const TEXT_FIELD_SAFE = new Set(['file.new', 'file.open', 'file.save', 'file.saveAs', 'train.start', 'train.stop']);

/** The command a key press triggers, if any. */
export function commandForKey(event: KeyLike, isMac: boolean, inTextField: boolean): Command | undefined {
  return COMMANDS.find(
    (c) => (!inTextField || TEXT_FIELD_SAFE.has(c.id)) && c.shortcuts?.some((s) => matchesShortcut(event, s, isMac)),
  );
}

/** The application menus, in order. */
export const MENU_ORDER: readonly CommandMenu[] = ['File', 'Edit', 'View', 'Layer', 'Train', 'Templates', 'Help'];

function entry(command: Command, state: EditorState): MenuEntry {
  const shortcut = command.shortcuts?.[0];
  return {
    kind: 'command',
    commandId: command.id,
    label: command.label,
    enabled: command.enabled(state),
    ...(shortcut ? { accelerator: toAccelerator(shortcut) } : {}),
  };
}

/** The application menu as data: sections in a fixed order, enabled states from the commands' predicates. */
export function buildMenu(state: EditorState): MenuSection[] {
  return MENU_ORDER.map((menu) => {
    const items: MenuEntry[] = [];
    for (const command of COMMANDS.filter((c) => c.menu === menu)) {
      if (command.groupStart && items.length > 0) items.push({ kind: 'separator' });
      items.push(entry(command, state));
      if (command.id === 'file.open' && state.recentFiles.length > 0) {
        for (const file of state.recentFiles) items.push(entry(openRecentCommand(file.path, `Open Recent: ${file.name}`), state));
      }
    }
    return { label: menu, items };
  });
}
