import { describe, expect, it } from 'vitest';
import { downsampleDrawing, MNIST_SIZE, toProbabilities } from '../../../renderer/evaluation/drawing';

/** A width × height image with a filled rectangle of ink. */
function canvasWithRect(width: number, height: number, x0: number, y0: number, w: number, h: number): Float32Array {
  const img = new Float32Array(width * height);
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) img[y * width + x] = 1;
  return img;
}

function centreOfMass(sample: Float32Array): { x: number; y: number; mass: number } {
  let mass = 0, x = 0, y = 0;
  for (let r = 0; r < MNIST_SIZE; r++) {
    for (let c = 0; c < MNIST_SIZE; c++) {
      const v = sample[r * MNIST_SIZE + c];
      mass += v;
      x += v * (c + 0.5);
      y += v * (r + 0.5);
    }
  }
  return { x: x / mass, y: y / mass, mass };
}

describe('downsampleDrawing', () => {
  it('centres a stroke drawn in a corner by its centre of mass, like MNIST', () => {
    const drawn = canvasWithRect(280, 280, 10, 20, 40, 120);
    const sample = downsampleDrawing(drawn, 280, 280);
    expect(sample).toHaveLength(784);
    const com = centreOfMass(sample);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(1);
  });

  it('fits the longer side of the strokes into 20 pixels, keeping the aspect ratio', () => {
    const sample = downsampleDrawing(canvasWithRect(280, 280, 100, 40, 30, 200), 280, 280);
    const rows = new Set<number>();
    const cols = new Set<number>();
    sample.forEach((v, i) => {
      if (v > 0.5) {
        rows.add(Math.floor(i / MNIST_SIZE));
        cols.add(i % MNIST_SIZE);
      }
    });
    expect(rows.size).toBe(20);
    expect(cols.size).toBeGreaterThanOrEqual(2);
    expect(cols.size).toBeLessThanOrEqual(4);
  });

  it('keeps values in 0..1 times the raw maximum and returns zeros for an empty pad', () => {
    const sample = downsampleDrawing(canvasWithRect(100, 100, 30, 30, 20, 20), 100, 100, 255);
    expect(Math.max(...sample)).toBeCloseTo(255, 3);
    expect(Math.min(...sample)).toBe(0);
    expect(downsampleDrawing(new Float32Array(100 * 100), 100, 100).every((v) => v === 0)).toBe(true);
  });
});

describe('toProbabilities', () => {
  it('applies softmax to logits but leaves probabilities alone', () => {
    const fromLogits = toProbabilities([2, 1, 0]);
    expect(fromLogits.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(fromLogits[0]).toBeGreaterThan(fromLogits[1]);
    expect(Array.from(toProbabilities([0.25, 0.75]))).toEqual([0.25, 0.75]);
  });
});
