/**
 * The Host for a plain browser tab. Files are opened with the File System Access API where the browser
 * has it (so "Save" can write back to the same file), else with an <input type=file>; saved with
 * showSaveFilePicker, else as a download (projects and exports alike). Projects travel as bytes (an
 * archive with runs, or JSON text). Recovery lives in IndexedDB (weights are too big for localStorage);
 * there is no native menu.
 */
import { z } from 'zod';
import type { FileFilter, Host, OpenedFile, RecoverySnapshot, SavedFile } from './host';
import { pickModelFiles } from './browserFiles';
import { indexedDbRecoverySlot } from './recoverySlot';
import type { RecoverySlot } from './recoverySlot';
import { formatWindowTitle } from './windowTitle';
import type { TrainingWorkerLike } from './webTraining';
import { createWebTrainingChannel, spawnTrainingWorker } from './webTraining';

/** The slice of a File System Access file handle used here. */
export interface FileHandleLike {
  readonly name: string;
  getFile(): Promise<{ name: string; arrayBuffer(): Promise<ArrayBuffer> }>;
  createWritable(): Promise<{ write(data: string | Uint8Array): Promise<void>; close(): Promise<void> }>;
}

interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}

/** What the web host needs from the browser; `createWebHost()` takes it from the page. */
export interface WebHostEnvironment {
  document: Pick<Document, 'createElement' | 'title'>;
  /**
   * localStorage, where older builds kept recovery text; read once for work they left, then cleared.
   * null when storage is unavailable (some private modes throw on access).
   */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Where unsaved work is kept (IndexedDB in a page); null when the browser offers none. */
  recoverySlot?: RecoverySlot | null;
  showOpenFilePicker?: (options: { types: PickerType[]; multiple: false }) => Promise<FileHandleLike[]>;
  showSaveFilePicker?: (options: { suggestedName: string; types: PickerType[] }) => Promise<FileHandleLike>;
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
  /** Starts a training worker (default: the bundled engine/training/webWorker.ts). */
  spawnTrainingWorker?: () => TrainingWorkerLike;
}

export const RECOVERY_STORAGE_KEY = 'netwright.recovery';
const PICKER_TYPES: PickerType[] = [
  { description: 'Netwright project', accept: { 'application/octet-stream': ['.netwright', '.json'] } },
];
const isBytes = (value: unknown): value is Uint8Array => ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
const recoverySchema = z.object({ savedAt: z.string(), origin: z.string().optional(), data: z.custom<Uint8Array>(isBytes) });
/** What older builds wrote to localStorage: the project as JSON text. */
const legacyRecoverySchema = z.object({ savedAt: z.string(), origin: z.string().optional(), content: z.string() });

/** Picker types for the save dialog's filters; "*" (any file) is the picker's own default and is left out. */
function pickerTypesFor(filters: FileFilter[] = []): PickerType[] {
  return filters.flatMap((filter) => {
    const extensions = filter.extensions.filter((extension) => extension !== '*').map((extension) => `.${extension}`);
    return extensions.length ? [{ description: filter.name, accept: { 'application/octet-stream': extensions } }] : [];
  });
}

const isAbort = (err: unknown): boolean => err instanceof Error && err.name === 'AbortError';

function pageEnvironment(): WebHostEnvironment {
  const picker = window as unknown as Pick<WebHostEnvironment, 'showOpenFilePicker' | 'showSaveFilePicker'>;
  let storage: Storage | null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  let recoverySlot: RecoverySlot | null;
  try {
    recoverySlot = window.indexedDB ? indexedDbRecoverySlot(window.indexedDB) : null;
  } catch {
    recoverySlot = null;
  }
  return {
    document,
    storage,
    recoverySlot,
    showOpenFilePicker: picker.showOpenFilePicker?.bind(window),
    showSaveFilePicker: picker.showSaveFilePicker?.bind(window),
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
  };
}

/** Opens a file with a hidden <input type=file>; resolves null when the person cancels. */
function pickWithInput(env: WebHostEnvironment): Promise<OpenedFile | null> {
  const input = env.document.createElement('input');
  input.type = 'file';
  input.accept = '.netwright,.json,application/json,application/zip';
  return new Promise((resolve, reject) => {
    input.addEventListener(
      'change',
      () => {
        const file = input.files?.[0];
        if (!file) return resolve(null);
        file.arrayBuffer().then((buffer) => resolve({ name: file.name, data: new Uint8Array(buffer) }), reject);
      },
      { once: true },
    );
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** Creates the browser host. */
export function createWebHost(env: WebHostEnvironment = pageEnvironment()): Host {
  // File handles picked in this tab, by the opaque `path` handed to the renderer.
  const handles = new Map<string, FileHandleLike>();
  let nextHandle = 1;
  const keep = (handle: FileHandleLike): string => {
    const key = `browser-file:${nextHandle++}:${handle.name}`;
    handles.set(key, handle);
    return key;
  };

  const download = (content: string | Uint8Array, name: string, type: string): SavedFile => {
    const url = env.createObjectURL(new Blob([content as BlobPart], { type }));
    const link = env.document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    // The download starts asynchronously; revoking at once can cancel it in some browsers.
    setTimeout(() => env.revokeObjectURL(url), 60_000);
    return { name };
  };

  return {
    kind: 'web',
    async openFile() {
      if (!env.showOpenFilePicker) return pickWithInput(env);
      try {
        const [handle] = await env.showOpenFilePicker({ types: PICKER_TYPES, multiple: false });
        const file = await handle.getFile();
        return { name: file.name, path: keep(handle), data: new Uint8Array(await file.arrayBuffer()) };
      } catch (err) {
        if (isAbort(err)) return null;
        throw err;
      }
    },
    openRecent: () => Promise.reject(new Error('Recent files are only kept by the desktop app.')),
    openModelFiles: () => pickModelFiles(env.document),
    async saveFile(request) {
      const known = request.path ? handles.get(request.path) : undefined;
      let handle = !request.saveAs ? known : undefined;
      if (!handle) {
        if (!env.showSaveFilePicker) return download(request.data, request.suggestedName, 'application/octet-stream');
        try {
          handle = await env.showSaveFilePicker({ suggestedName: request.suggestedName, types: PICKER_TYPES });
        } catch (err) {
          if (isAbort(err)) return null;
          throw err;
        }
      }
      const writable = await handle.createWritable();
      await writable.write(request.data);
      await writable.close();
      const path = handle === known ? request.path! : keep(handle);
      return { name: handle.name, path };
    },
    async saveBinary(request) {
      if (!env.showSaveFilePicker) return download(request.data, request.suggestedName, 'application/octet-stream');
      let handle: FileHandleLike;
      try {
        handle = await env.showSaveFilePicker({ suggestedName: request.suggestedName, types: pickerTypesFor(request.filters) });
      } catch (err) {
        if (isAbort(err)) return null;
        throw err;
      }
      const writable = await handle.createWritable();
      await writable.write(request.data);
      await writable.close();
      // Exports are not kept as handles: "Save" writes projects only, never back to an export.
      return { name: handle.name };
    },
    recentFiles: () => Promise.resolve([]),
    async writeRecovery(snapshot) {
      const slot = env.recoverySlot;
      if (!slot) throw new Error('This browser does not allow local storage, so unsaved work cannot be kept.');
      try {
        await slot.set({ savedAt: snapshot.savedAt, data: snapshot.data, ...(snapshot.origin ? { origin: snapshot.origin } : {}) });
      } catch {
        throw new Error('The browser refused to keep a recovery copy (storage is full); save the project to keep your work.');
      }
      env.storage?.removeItem(RECOVERY_STORAGE_KEY);
    },
    async readRecovery(): Promise<RecoverySnapshot | null> {
      try {
        const parsed = recoverySchema.safeParse(await env.recoverySlot?.get());
        if (parsed.success) return parsed.data;
      } catch {
        // An unreadable database is treated like an empty one.
      }
      const text = env.storage?.getItem(RECOVERY_STORAGE_KEY);
      if (!text) return null;
      try {
        const legacy = legacyRecoverySchema.safeParse(JSON.parse(text));
        if (!legacy.success) return null;
        const { content, ...rest } = legacy.data;
        return { ...rest, data: new TextEncoder().encode(content) };
      } catch {
        return null;
      }
    },
    async clearRecovery() {
      env.storage?.removeItem(RECOVERY_STORAGE_KEY);
      await env.recoverySlot?.delete().catch(() => undefined);
    },
    setMenu: () => undefined,
    onMenuCommand: () => () => undefined,
    setTitle(title, dirty) {
      env.document.title = formatWindowTitle(title, dirty);
    },
    training: createWebTrainingChannel(env.spawnTrainingWorker ?? spawnTrainingWorker),
  };
}
