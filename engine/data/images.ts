/**
 * The core of importing a folder of images per class: the host decodes the files to RGBA pixels; this
 * resizes them (bilinear) to one size, optionally to grey, scales to [0, 1] and builds the dataset.
 */
import type { Dataset } from './types';
import { DatasetError } from './errors';
import { holdOut } from './split';
import { plural } from '../model/plural';

/** One decoded image and the class (folder name) it belongs to. */
export interface LabelledImage {
  className: string;
  width: number;
  height: number;
  /** width·height·4 bytes, RGBA row-major (as ImageData holds them). */
  rgba: Uint8Array | Uint8ClampedArray;
  /** Where it came from, for error messages. */
  name?: string;
}

/** Target size and colour of the samples, and the test hold-out. */
export interface ImageDatasetOptions {
  width: number;
  height: number;
  grayscale: boolean;
  /** Fraction of each class held out as the test split; default 0.2. */
  testFraction?: number;
  seed?: number;
  name?: string;
}

/**
 * Bilinear resize of interleaved pixels with `channels` values each, sampling at pixel centres
 * (the half-pixel convention of PyTorch's align_corners=False), so that no edge is favoured.
 */
export function resizeBilinear(src: ArrayLike<number>, srcWidth: number, srcHeight: number, channels: number, dstWidth: number, dstHeight: number): Float32Array {
  const out = new Float32Array(dstWidth * dstHeight * channels);
  const sx = srcWidth / dstWidth;
  const sy = srcHeight / dstHeight;
  for (let y = 0; y < dstHeight; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), srcHeight - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, srcHeight - 1);
    const wy = fy - y0;
    for (let x = 0; x < dstWidth; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), srcWidth - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, srcWidth - 1);
      const wx = fx - x0;
      for (let c = 0; c < channels; c++) {
        const p00 = src[(y0 * srcWidth + x0) * channels + c];
        const p01 = src[(y0 * srcWidth + x1) * channels + c];
        const p10 = src[(y1 * srcWidth + x0) * channels + c];
        const p11 = src[(y1 * srcWidth + x1) * channels + c];
        const top = p00 + (p01 - p00) * wx;
        const bottom = p10 + (p11 - p10) * wx;
        out[(y * dstWidth + x) * channels + c] = top + (bottom - top) * wy;
      }
    }
  }
  return out;
}

/**
 * RGBA bytes to channel values in [0, 1]: RGB, or grey by the ITU-R BT.601 luma weights.
 * Transparent pixels count as black (colour is multiplied by alpha).
 */
export function rgbaToChannels(rgba: ArrayLike<number>, pixels: number, grayscale: boolean): Float32Array {
  const channels = grayscale ? 1 : 3;
  const out = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const a = rgba[4 * p + 3] / 255;
    const r = (rgba[4 * p] / 255) * a;
    const g = (rgba[4 * p + 1] / 255) * a;
    const b = (rgba[4 * p + 2] / 255) * a;
    if (grayscale) out[p] = 0.299 * r + 0.587 * g + 0.114 * b;
    else {
      out[3 * p] = r;
      out[3 * p + 1] = g;
      out[3 * p + 2] = b;
    }
  }
  return out;
}

/** Builds an image classification dataset; classes are the sorted class names. */
export function imageDataset(images: LabelledImage[], options: ImageDatasetOptions): Dataset {
  const { width, height, grayscale } = options;
  const name = options.name ?? 'Image folder';
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new DatasetError('invalidOption', `The image size ${width}×${height} is not a positive whole size.`, 'Choose a size such as 28×28 or 32×32.');
  }
  const classes = [...new Set(images.map((i) => i.className))].sort();
  if (classes.length < 2) {
    throw new DatasetError('invalidData', `${name} has ${plural(classes.length, 'class folder')}; classifying needs at least 2.`, 'Put the images of each class in their own sub-folder.');
  }
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const channels = grayscale ? 1 : 3;
  const sampleSize = width * height * channels;
  const x = new Float32Array(images.length * sampleSize);
  const y = new Int32Array(images.length);
  images.forEach((image, i) => {
    if (image.rgba.length !== image.width * image.height * 4) {
      const label = image.name ?? `image ${i + 1} of class '${image.className}'`;
      throw new DatasetError('invalidData', `${label}: ${image.width}×${image.height} RGBA needs ${image.width * image.height * 4} bytes but has ${image.rgba.length}.`, 'The image could not be decoded; remove or re-save it.');
    }
    const pixels = rgbaToChannels(image.rgba, image.width * image.height, grayscale);
    const sample = image.width === width && image.height === height ? pixels : resizeBilinear(pixels, image.width, image.height, channels, width, height);
    x.set(sample, i * sampleSize);
    y[i] = classOf.get(image.className)!;
  });
  const all = { x, y, count: images.length, sampleShape: [height, width, channels] };
  const { train, test } = holdOut(all, options.testFraction ?? 0.2, options.seed ?? 0);
  return {
    meta: {
      id: 'images',
      name,
      description: `${plural(images.length, 'image')} in ${plural(classes.length, 'class', 'classes')}, resized to ${width}×${height}${grayscale ? ', grey' : ''}.`,
      task: 'classification',
      kind: 'image',
      inputShape: [height, width, channels],
      classes,
      trainCount: train.count,
      testCount: test.count,
      options: [],
      source: `Your folder ${name}`,
    },
    train,
    test,
  };
}
