/** The `file.export` command: opens the Export dialog. */
import type { Command } from '../commands/types';
import { exportDialogStore } from './exportDialogState';

export const EXPORT_COMMANDS: Command[] = [
  {
    id: 'file.export',
    label: 'Export…',
    menu: 'File',
    shortcuts: ['Mod+E'],
    groupStart: true,
    enabled: () => true,
    perform: () => exportDialogStore.getState().setOpen(true),
  },
];
