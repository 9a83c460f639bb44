/** A command: the one definition that shortcuts, the toolbar and the application menu all read. */
import type { Host, ModelFileSet } from '../host/host';
import type { EditorStore } from '../store/editorStore';
import type { EditorState } from '../store/types';
import type { Rect } from '../editor/placement';

/** The application menu a command appears under. */
export type CommandMenu = 'File' | 'Edit' | 'View' | 'Layer' | 'Train' | 'Templates' | 'Help';

/** What the canvas lends to commands that need the viewport. Null until the canvas has mounted. */
export interface CanvasControls {
  fitView(): void;
  /** The visible part of the canvas in flow coordinates; added and pasted layers look for free space there. */
  visibleArea(): Rect;
  focusNode(nodeId: string): void;
}

/** File operations over the host; implemented in app/fileActions.ts. */
export interface FileActions {
  newDocument(): Promise<void>;
  open(): Promise<void>;
  openRecent(path: string): Promise<void>;
  save(): Promise<void>;
  saveAs(): Promise<void>;
  loadTemplate(id: string): Promise<void>;
  /** File › Import…: a TF.js or ONNX model onto the canvas, its weights kept as a run. */
  importModel(): Promise<void>;
  /** Files dropped on the window: a project file opens as Open would, a model imports. */
  openDropped(files: ModelFileSet): Promise<void>;
}

export interface CommandContext {
  store: EditorStore;
  host: Host;
  files: FileActions;
  canvas: CanvasControls | null;
}

export interface Command {
  id: string;
  label: string;
  menu: CommandMenu;
  /** Keys in a portable notation: "Mod" is Cmd on macOS and Ctrl elsewhere, e.g. "Mod+Shift+Z". The first is shown. */
  shortcuts?: readonly string[];
  /** Starts a new group in its menu (a separator goes before it). */
  groupStart?: boolean;
  /** Pure predicate over the editor state; a disabled command never runs. */
  enabled(state: EditorState): boolean;
  perform(context: CommandContext): void | Promise<void>;
}
