/**
 * Opening and saving project files on behalf of the renderer. The renderer never names a path it was
 * not given: it may read a path only from the recent list or a dialog, and write without a dialog only
 * to a path the person chose in this run (opened or saved). Anything else goes through a dialog.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { z } from 'zod';
import type { openedFileSchema, saveRequestSchema, savedFileSchema } from './ipc/contract';
import { MAX_PROJECT_BYTES } from './ipc/contract';
import { describeFileError, errorCode, writeFileAtomic } from './fileSystem';
import type { RecentFilesStore } from './recentFiles';

export const PROJECT_EXTENSION = 'netwright';
const FILTERS = [
  { name: 'Netwright project', extensions: [PROJECT_EXTENSION, 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/** Native dialogs, already bound to the window they belong to. */
export interface ProjectDialogs {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

type OpenedFile = z.infer<typeof openedFileSchema>;
type SaveRequest = z.infer<typeof saveRequestSchema>;
type SavedFile = z.infer<typeof savedFileSchema>;

export interface ProjectFileService {
  openFile(): Promise<OpenedFile | null>;
  openRecent(filePath: string): Promise<OpenedFile>;
  saveFile(request: SaveRequest): Promise<SavedFile | null>;
  /** Called for files the OS hands the app (command line); they become readable and writable. */
  approve(filePath: string): void;
}

/** Adds the project extension when the person typed a bare name (GTK dialogs do not add one). */
export function withProjectExtension(filePath: string): string {
  return path.extname(filePath) ? filePath : `${filePath}.${PROJECT_EXTENSION}`;
}

async function readProject(filePath: string): Promise<OpenedFile> {
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (info.size > MAX_PROJECT_BYTES) {
      throw new Error(`${filePath} is ${Math.round(info.size / 1e6)} MB, larger than any Netwright project; it was not opened.`);
    }
    return { name: path.basename(filePath), path: filePath, data: new Uint8Array(await readFile(filePath)) };
  } catch (err) {
    if (errorCode(err)) throw new Error(describeFileError('read', filePath, err), { cause: err });
    throw err;
  }
}

/** Creates the service; `dialogs` come from the main window, `recent` is the persisted list. */
export function createProjectFileService(dialogs: ProjectDialogs, recent: RecentFilesStore): ProjectFileService {
  const approved = new Set<string>();
  const remember = async (filePath: string): Promise<void> => {
    approved.add(filePath);
    await recent.add(filePath);
  };

  return {
    approve: (filePath) => approved.add(path.resolve(filePath)),
    async openFile() {
      const choice = await dialogs.showOpenDialog({ title: 'Open project', filters: FILTERS, properties: ['openFile'] });
      if (choice.canceled || choice.filePaths.length === 0) return null;
      const file = await readProject(choice.filePaths[0]);
      await remember(choice.filePaths[0]);
      return file;
    },
    async openRecent(filePath) {
      if (!approved.has(filePath) && !(await recent.has(filePath))) {
        throw new Error(`${filePath} is not among the recent files; open it with File › Open.`);
      }
      try {
        const file = await readProject(filePath);
        await remember(filePath);
        return file;
      } catch (err) {
        if (errorCode((err as Error).cause) === 'ENOENT') {
          await recent.remove(filePath);
          throw new Error(`${path.basename(filePath)} is no longer at ${filePath}; it was removed from the recent files.`, { cause: err });
        }
        throw err;
      }
    },
    async saveFile(request) {
      let target = !request.saveAs && request.path && approved.has(request.path) ? request.path : undefined;
      if (!target) {
        const defaultPath = request.path ?? request.suggestedName;
        const choice = await dialogs.showSaveDialog({ title: 'Save project', defaultPath, filters: FILTERS });
        if (choice.canceled || !choice.filePath) return null;
        target = withProjectExtension(choice.filePath);
      }
      try {
        await writeFileAtomic(target, request.data);
      } catch (err) {
        throw new Error(describeFileError('write', target, err), { cause: err });
      }
      await remember(target);
      return { name: path.basename(target), path: target };
    },
  };
}
