/** Which of the two keyboard helpers is open: the command palette (Mod+K) or the shortcut sheet (?). */
import { createStore } from 'zustand/vanilla';

export type KeyboardHelp = 'palette' | 'shortcuts' | null;

export interface KeyboardHelpState {
  open: KeyboardHelp;
  setOpen(open: KeyboardHelp): void;
}

export const keyboardHelpStore = createStore<KeyboardHelpState>((set) => ({ open: null, setOpen: (open) => set({ open }) }));
