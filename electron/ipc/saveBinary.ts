/**
 * Saving a file the renderer produced (an export) through the native save dialog. Unlike projects,
 * exports are not remembered: they stay off the recent list and cannot be written again without a dialog.
 */
import path from 'node:path';
import type { SaveDialogOptions } from 'electron';
import type { z } from 'zod';
import { describeFileError, writeFileAtomic } from '../fileSystem';
import type { saveBinaryRequestSchema, savedFileSchema } from './contract';

type SaveBinaryRequest = z.infer<typeof saveBinaryRequestSchema>;
type SavedFile = z.infer<typeof savedFileSchema>;

/** The native save dialog, already bound to the window it belongs to (main.ts passes Electron's). */
export interface SaveDialogs {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

/** Saves binary files; resolves null when the person cancels the dialog. */
export type SaveBinaryService = (request: SaveBinaryRequest) => Promise<SavedFile | null>;

const ANY_FILE = { name: 'All files', extensions: ['*'] };

/** The first concrete extension the filters offer ("onnx"), if any. */
function preferredExtension(filters: SaveBinaryRequest['filters']): string | undefined {
  return filters?.flatMap((filter) => filter.extensions).find((extension) => extension !== '*');
}

/**
 * Builds the service over a dialog. The suggested name is reduced to a base name, so the renderer can
 * propose a name but not a folder; a bare name typed in the dialog gets the filter's extension
 * (GTK dialogs do not add one).
 */
export function createSaveBinaryService(dialogs: SaveDialogs): SaveBinaryService {
  return async (request) => {
    const defaultPath = path.basename(request.suggestedName.replaceAll('\\', '/')) || 'export';
    const filters = [...(request.filters ?? []), ANY_FILE];
    const choice = await dialogs.showSaveDialog({ title: 'Export', defaultPath, filters });
    if (choice.canceled || !choice.filePath) return null;
    const extension = preferredExtension(request.filters);
    const target = path.extname(choice.filePath) || !extension ? choice.filePath : `${choice.filePath}.${extension}`;
    try {
      await writeFileAtomic(target, request.data);
    } catch (err) {
      throw new Error(describeFileError('write', target, err), { cause: err });
    }
    return { name: path.basename(target), path: target };
  };
}
