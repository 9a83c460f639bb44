/**
 * Decodes image files to RGBA pixels in the page (createImageBitmap and a canvas), for imageDataset.
 * Large photos are drawn at no more than twice the target size, so a folder of camera pictures does
 * not hold gigabytes of full-size pixels; the engine's bilinear resize does the rest.
 */
import type { LabelledImage } from '../../engine/data';

/** Target size, progress and cancellation of a decode. */
export interface DecodeOptions {
  width: number;
  height: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** What was decoded, and the files that could not be. */
export interface DecodedImages {
  images: LabelledImage[];
  failed: string[];
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function drawingContext(width: number, height: number): Canvas2D {
  if (typeof OffscreenCanvas !== 'undefined') {
    const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (ctx) return ctx;
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw images to a canvas.');
  return ctx;
}

/** Pixels of one file, at most twice the target size in each direction. */
async function decodeOne(file: Blob, width: number, height: number): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const bitmap = await createImageBitmap(file);
  try {
    const w = Math.max(1, Math.min(bitmap.width, 2 * width));
    const h = Math.max(1, Math.min(bitmap.height, 2 * height));
    const ctx = drawingContext(w, h);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(bitmap, 0, 0, w, h);
    return { width: w, height: h, rgba: ctx.getImageData(0, 0, w, h).data };
  } finally {
    bitmap.close();
  }
}

/** Decodes every file of every class, reporting progress; unreadable files are listed, not fatal. */
export async function decodeClassImages(classes: readonly { name: string; files: readonly { path: string; file: Blob }[] }[], options: DecodeOptions): Promise<DecodedImages> {
  const total = classes.reduce((n, c) => n + c.files.length, 0);
  const images: LabelledImage[] = [];
  const failed: string[] = [];
  let done = 0;
  for (const group of classes) {
    for (const entry of group.files) {
      if (options.signal?.aborted) throw new DOMException('The import was cancelled.', 'AbortError');
      try {
        const pixels = await decodeOne(entry.file, options.width, options.height);
        images.push({ className: group.name, name: entry.path, ...pixels });
      } catch {
        failed.push(entry.path);
      }
      done++;
      if (done % 16 === 0 || done === total) options.onProgress?.(done, total);
    }
  }
  return { images, failed };
}
