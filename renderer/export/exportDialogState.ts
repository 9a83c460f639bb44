/** Whether the Export dialog is open: a tiny store the `file.export` command and the dialog share. */
import { createStore } from 'zustand/vanilla';

export interface ExportDialogState {
  open: boolean;
  setOpen(open: boolean): void;
}

export const exportDialogStore = createStore<ExportDialogState>((set) => ({ open: false, setOpen: (open) => set({ open }) }));
