/**
 * Model files the page itself reads: picked with an <input type=file multiple> (the web host's
 * File › Import…) or dropped on the window (both hosts). A TF.js model arrives as model.json plus
 * its .bin shards chosen together, since a page cannot open files next to one it was given.
 */
import type { ModelFile, ModelFileSet } from './host';

/** Models larger than this are refused before their bytes are read; real ones are tens of megabytes. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
/** More files than this is no model: a TF.js model has model.json and a handful of shards. */
export const MAX_IMPORT_FILES = 200;

/** The slice of a browser File used here. */
export interface FileLike {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const mebibytes = (bytes: number): string => `${Math.ceil(bytes / 1024 / 1024)} MiB`;

/** Reads the files' bytes; rejects with a message when there are too many or they are too large. */
export async function readFileLikes(files: readonly FileLike[]): Promise<ModelFileSet> {
  if (files.length > MAX_IMPORT_FILES) throw new Error(`${files.length} files were given; a model is an .onnx file or a model.json with its .bin files.`);
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_IMPORT_BYTES) throw new Error(`The files add up to ${mebibytes(total)}, more than the ${mebibytes(MAX_IMPORT_BYTES)} Netwright imports.`);
  const read: ModelFile[] = [];
  for (const file of files) read.push({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
  return { files: read };
}

/** Asks for model files with a hidden multi-select <input type=file>; resolves null when the person cancels. */
export function pickModelFiles(document: Pick<Document, 'createElement'>): Promise<ModelFileSet | null> {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.accept = '.onnx,.json,.bin';
  return new Promise((resolve, reject) => {
    input.addEventListener(
      'change',
      () => {
        const files = input.files ? Array.from(input.files) : [];
        if (files.length === 0) return resolve(null);
        readFileLikes(files).then(resolve, reject);
      },
      { once: true },
    );
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}
