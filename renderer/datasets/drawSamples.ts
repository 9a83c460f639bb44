/** Canvas drawing of dataset samples: grey images in a grid, and 2-D point clouds. */
import { classCss } from '../training/classColours';

/** Draws one grey image (height × width, first channel) scaled by its own range into a cell. */
export function drawImage(ctx: CanvasRenderingContext2D, data: ArrayLike<number>, offset: number, shape: readonly number[], x: number, y: number, cell: number): void {
  const [height, width, channels = 1] = shape;
  let lo = Infinity;
  let hi = -Infinity;
  const n = height * width * channels;
  for (let i = 0; i < n; i++) {
    const v = data[offset + i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi > lo ? hi - lo : 1;
  const image = ctx.createImageData(width, height);
  for (let p = 0; p < height * width; p++) {
    const grey = Math.round(((data[offset + p * channels] - lo) / range) * 255);
    image.data[p * 4] = grey;
    image.data[p * 4 + 1] = grey;
    image.data[p * 4 + 2] = grey;
    image.data[p * 4 + 3] = 255;
  }
  const bitmap = document.createElement('canvas');
  bitmap.width = width;
  bitmap.height = height;
  bitmap.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bitmap, x, y, cell, cell);
}

/** Sizes a canvas for the device pixel ratio and returns its 2-D context in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const scale = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(scale, 0, 0, scale, 0, 0);
  return ctx;
}

/** A scatter of (x, y) pairs coloured by class (or one colour for regression), with padded bounds. */
export function drawScatter(ctx: CanvasRenderingContext2D, xs: ArrayLike<number>, ys: ArrayLike<number>, labels: ArrayLike<number> | null, width: number, height: number): void {
  ctx.fillStyle = '#14161b';
  ctx.fillRect(0, 0, width, height);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    x0 = Math.min(x0, xs[i]); x1 = Math.max(x1, xs[i]);
    y0 = Math.min(y0, ys[i]); y1 = Math.max(y1, ys[i]);
  }
  if (!Number.isFinite(x0)) return;
  const pad = 10;
  const sx = (v: number) => pad + ((v - x0) / (x1 - x0 || 1)) * (width - 2 * pad);
  const sy = (v: number) => height - pad - ((v - y0) / (y1 - y0 || 1)) * (height - 2 * pad);
  ctx.strokeStyle = '#2e3340';
  ctx.strokeRect(0.5, 0.5, width - 1, height - 1);
  for (let i = 0; i < xs.length; i++) {
    ctx.beginPath();
    ctx.arc(sx(xs[i]), sy(ys[i]), 2.2, 0, Math.PI * 2);
    ctx.fillStyle = labels ? classCss(Math.round(labels[i])) : 'rgb(110, 168, 254)';
    ctx.fill();
  }
}
