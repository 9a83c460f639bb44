/**
 * Turns a drawing into an MNIST-like sample: the strokes' bounding box is scaled (keeping its aspect
 * ratio, area-averaged so edges stay grey) to fit 20×20, then placed in a 28×28 frame so that its
 * centre of mass sits at the centre — the way the MNIST digits were prepared. White on black, 0..1.
 */

export const MNIST_SIZE = 28;
const BOX = 20;
/** Intensities at or below this count as background when finding the strokes. */
const INK = 0.05;

/**
 * The dataset's raw value for a white pixel. engine/data stores MNIST and Fashion-MNIST pixels as
 * byte / 255 (raw range 0..1), so a drawing in 0..1 needs no further scaling.
 */
export const RAW_PIXEL_MAX = 1;

/** Area average of the rectangle [x0, x1) × [y0, y1) of a width-wide image (fractional edges weighted). */
function areaAverage(src: Float32Array, width: number, x0: number, x1: number, y0: number, y1: number): number {
  let sum = 0;
  let area = 0;
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    const wy = Math.min(y + 1, y1) - Math.max(y, y0);
    if (wy <= 0) continue;
    for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
      const wx = Math.min(x + 1, x1) - Math.max(x, x0);
      if (wx <= 0) continue;
      sum += src[y * width + x] * wx * wy;
      area += wx * wy;
    }
  }
  return area > 0 ? sum / area : 0;
}

/** A 28×28 sample (row-major, 0..1 × rawMax) from a width × height intensity image (0..1). */
export function downsampleDrawing(intensity: Float32Array, width: number, height: number, rawMax = RAW_PIXEL_MAX): Float32Array {
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  let left = width, right = -1, top = height, bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (intensity[y * width + x] > INK) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  if (right < 0) return out; // nothing drawn
  const boxW = right - left + 1;
  const boxH = bottom - top + 1;
  const scale = BOX / Math.max(boxW, boxH);
  const targetW = Math.max(1, Math.round(boxW * scale));
  const targetH = Math.max(1, Math.round(boxH * scale));
  const small = new Float32Array(targetW * targetH);
  let mass = 0, mx = 0, my = 0;
  for (let ty = 0; ty < targetH; ty++) {
    for (let tx = 0; tx < targetW; tx++) {
      const v = areaAverage(intensity, width, left + tx / scale, Math.min(right + 1, left + (tx + 1) / scale), top + ty / scale, Math.min(bottom + 1, top + (ty + 1) / scale));
      small[ty * targetW + tx] = v;
      mass += v;
      mx += v * (tx + 0.5);
      my += v * (ty + 0.5);
    }
  }
  // Place the box so its centre of mass lands on the frame's centre, staying inside the frame.
  const cx = mass > 0 ? mx / mass : targetW / 2;
  const cy = mass > 0 ? my / mass : targetH / 2;
  const offX = Math.min(MNIST_SIZE - targetW, Math.max(0, Math.round(MNIST_SIZE / 2 - cx)));
  const offY = Math.min(MNIST_SIZE - targetH, Math.max(0, Math.round(MNIST_SIZE / 2 - cy)));
  for (let ty = 0; ty < targetH; ty++) {
    for (let tx = 0; tx < targetW; tx++) {
      out[(offY + ty) * MNIST_SIZE + offX + tx] = Math.min(1, Math.max(0, small[ty * targetW + tx])) * rawMax;
    }
  }
  return out;
}

/** The red channel of RGBA pixels as 0..1 intensities (the pad draws white on black). */
export function intensityOf(rgba: Uint8ClampedArray): Float32Array {
  const out = new Float32Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4] / 255;
  return out;
}

/** Softmax of logits, or the values themselves when they already sum to one (probabilities). */
export function toProbabilities(values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(values.length);
  let sum = 0;
  let allProbabilities = true;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (values[i] < 0 || values[i] > 1) allProbabilities = false;
  }
  if (allProbabilities && Math.abs(sum - 1) < 1e-3) {
    out.set(values);
    return out;
  }
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.exp(values[i] - max);
    total += out[i];
  }
  for (let i = 0; i < values.length; i++) out[i] /= total;
  return out;
}
