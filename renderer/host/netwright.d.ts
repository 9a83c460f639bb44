/**
 * The API the Electron preload exposes as `window.netwright` (see electron/preload/api.ts, which is
 * checked against this declaration by test/electron/preloadApi.test.ts). Absent in a plain browser.
 */
import type { MenuSection, ModelFileSet, OpenedFile, RecentFile, RecoverySnapshot, SaveBinaryRequest, SavedFile, SaveRequest, TrainingChannel } from './host';

export interface NetwrightApi {
  openFile(): Promise<OpenedFile | null>;
  openRecent(path: string): Promise<OpenedFile>;
  saveFile(request: SaveRequest): Promise<SavedFile | null>;
  /** Native open dialog for an .onnx file or a TF.js model.json; the main process reads the shards beside it. */
  openModelFiles(): Promise<ModelFileSet | null>;
  recentFiles(): Promise<RecentFile[]>;
  writeRecovery(snapshot: RecoverySnapshot): Promise<void>;
  readRecovery(): Promise<RecoverySnapshot | null>;
  clearRecovery(): Promise<void>;
  /** Native save dialog, then an atomic write; refuses files over the contract's size cap. */
  saveBinary(request: SaveBinaryRequest): Promise<SavedFile | null>;
  setMenu(sections: MenuSection[]): void;
  setTitle(title: string, dirty: boolean): void;
  onMenuCommand(listener: (commandId: string) => void): () => void;
  /** The training worker in the main process. */
  training: TrainingChannel;
}

declare global {
  interface Window {
    netwright?: NetwrightApi;
  }
}
