/** `view.commandPalette` and `help.shortcuts`: the two ways to find a command without the mouse. */
import { keyboardHelpStore } from './keyboardHelpState';
import type { Command } from './types';

export const KEYBOARD_HELP_COMMANDS: Command[] = [
  {
    id: 'view.commandPalette',
    label: 'Command Palette…',
    menu: 'View',
    shortcuts: ['Mod+K'],
    groupStart: true,
    enabled: () => true,
    perform: () => keyboardHelpStore.getState().setOpen('palette'),
  },
  {
    id: 'help.shortcuts',
    label: 'Keyboard Shortcuts',
    menu: 'Help',
    shortcuts: ['?'],
    enabled: () => true,
    perform: () => keyboardHelpStore.getState().setOpen('shortcuts'),
  },
];
