import type { HostMessage, WorkerMessage } from '../../engine/training/protocol';

/**
 * The training worker a host runs: a Web Worker in the browser, a worker thread behind IPC in
 * Electron. Same protocol both ways (engine/training/protocol.ts). When the worker dies the channel
 * delivers an `error` message with code "crashed" for the run in progress and starts a fresh worker
 * on the next post.
 */
export interface TrainingChannel {
  post(message: HostMessage): void;
  onMessage(listener: (message: WorkerMessage) => void): () => void;
}

/**
 * What the renderer needs from the world around it. Two implementations: the Electron host (over the
 * preload API) and the web host (browser file handling, IndexedDB). The view never knows which.
 */

/**
 * A project file as the host read it. `path` is the host's own locator for the file, opaque to the
 * renderer: a file-system path in Electron; in the browser a key for a file handle kept for this tab
 * (absent when the browser has no File System Access API). Show `name` to people, never `path`.
 * `data` is the file's bytes: a project archive with runs, or plain JSON text (engine/project reads both).
 */
export interface OpenedFile {
  name: string;
  path?: string;
  data: Uint8Array;
}

export interface SaveRequest {
  /** The project file's bytes, as engine/project's writeProjectFile made them. */
  data: Uint8Array;
  /** Where the project was last saved; absent for a new project or "Save As". */
  path?: string;
  suggestedName: string;
  /** Always ask for a destination, even when `path` is known. */
  saveAs: boolean;
}

/** A kind of file the save dialog offers: extensions without the dot ("onnx"). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Bytes to save under a name the person may change (exports: a model file or a .zip). */
export interface SaveBinaryRequest {
  data: Uint8Array;
  suggestedName: string;
  /** The first filter's first extension is added when the person types a bare name (Electron). */
  filters?: FileFilter[];
}

/** One file of a model to import: its base name (no folders) and its bytes. */
export interface ModelFile {
  name: string;
  data: Uint8Array;
}

/**
 * The files of a model to import, as picked: an .onnx file, or a TF.js model.json with the weight
 * shards its manifest names. `folderName` is the folder they came from, when the host knows it.
 */
export interface ModelFileSet {
  files: ModelFile[];
  folderName?: string;
}

export interface SavedFile {
  name: string;
  path?: string;
}

export interface RecentFile {
  name: string;
  path: string;
}

/** A menu as data, built from the command registry; the host renders it natively (Electron) or not at all (web). */
export interface MenuSection {
  label: string;
  items: MenuEntry[];
}

export type MenuEntry =
  | { kind: 'command'; commandId: string; label: string; accelerator?: string; enabled: boolean }
  | { kind: 'separator' };

/** Unsaved work kept by autosave, offered back after a crash. */
export interface RecoverySnapshot {
  savedAt: string;
  /** The project's file name or path when it had one. */
  origin?: string;
  /** A project file's bytes (with the finished runs and their weights). */
  data: Uint8Array;
}

export interface Host {
  readonly kind: 'electron' | 'web';
  /** Asks the user for a project file. Resolves null when they cancel. */
  openFile(): Promise<OpenedFile | null>;
  /** Reads a file from the recent list (Electron only; the web host has no recent paths). */
  openRecent(path: string): Promise<OpenedFile>;
  /** Writes the project (dialog when needed). Resolves null when the user cancels. */
  saveFile(request: SaveRequest): Promise<SavedFile | null>;
  /** Asks for a model to import (File › Import…): an .onnx file or a TF.js model.json with its shards. Null when cancelled. */
  openModelFiles(): Promise<ModelFileSet | null>;
  /** Saves bytes through a save dialog (or a download in browsers without one). Resolves null when the user cancels. */
  saveBinary(request: SaveBinaryRequest): Promise<SavedFile | null>;
  recentFiles(): Promise<RecentFile[]>;
  /** Keeps the latest unsaved state where it survives a crash or a closed tab. */
  writeRecovery(snapshot: RecoverySnapshot): Promise<void>;
  readRecovery(): Promise<RecoverySnapshot | null>;
  clearRecovery(): Promise<void>;
  /** Installs the application menu (Electron); a no-op in the browser, where the in-app toolbar serves. */
  setMenu(sections: MenuSection[]): void;
  /** Menu clicks from the native menu arrive here as command ids. Returns an unsubscribe function. */
  onMenuCommand(listener: (commandId: string) => void): () => void;
  setTitle(title: string, dirty: boolean): void;
  /** Where models train, evaluate and predict, off the UI thread. */
  readonly training: TrainingChannel;
}
