import { describe, expect, it } from 'vitest';
import type { LabelledImage } from '../../../engine/data';
import { imageDataset, resizeBilinear } from '../../../engine/data';
import { rgbaToChannels } from '../../../engine/data/images';

function solid(className: string, width: number, height: number, rgb: [number, number, number]): LabelledImage {
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) rgba.set([...rgb, 255], 4 * p);
  return { className, width, height, rgba };
}

describe('resizeBilinear', () => {
  it('keeps a constant image constant at any size', () => {
    const out = resizeBilinear(new Float32Array(5 * 3).fill(0.25), 5, 3, 1, 8, 7);
    expect(out.length).toBe(56);
    for (const v of out) expect(v).toBeCloseTo(0.25, 6);
  });

  it('averages 2×2 blocks when halving, and interpolates a ramp linearly', () => {
    const src = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(Array.from(resizeBilinear(src, 4, 4, 1, 2, 2))).toEqual([2.5, 4.5, 10.5, 12.5]);
    const ramp = resizeBilinear(Float32Array.from([0, 1]), 2, 1, 1, 4, 1);
    expect(Array.from(ramp)).toEqual([0, 0.25, 0.75, 1]);
  });

  it('resizes each channel of interleaved pixels separately', () => {
    const src = Float32Array.from([1, 0, 1, 0, 1, 0, 1, 0]);
    expect(Array.from(resizeBilinear(src, 2, 2, 2, 1, 1))).toEqual([1, 0]);
  });
});

describe('imageDataset', () => {
  it('builds grey samples of the target size with sorted class names', () => {
    const images = [...Array.from({ length: 5 }, () => solid('zebra', 10, 6, [255, 255, 255])), ...Array.from({ length: 5 }, () => solid('cat', 3, 3, [255, 0, 0]))];
    const d = imageDataset(images, { width: 4, height: 4, grayscale: true, testFraction: 0.2 });
    expect(d.meta.classes).toEqual(['cat', 'zebra']);
    expect(d.meta.inputShape).toEqual([4, 4, 1]);
    expect(d.train.count).toBe(8);
    expect(d.test.count).toBe(2);
    expect(new Set(d.test.y)).toEqual(new Set([0, 1]));
    for (let i = 0; i < d.train.count; i++) {
      const expected = d.train.y[i] === 1 ? 1 : 0.299;
      for (let p = 0; p < 16; p++) expect(d.train.x[i * 16 + p]).toBeCloseTo(expected, 5);
    }
  });

  it('keeps three colour channels when grey is off, and treats transparency as black', () => {
    const d = imageDataset([solid('a', 2, 2, [0, 128, 255]), solid('b', 2, 2, [0, 0, 0])], { width: 2, height: 2, grayscale: false, testFraction: 0 });
    expect(d.meta.inputShape).toEqual([2, 2, 3]);
    const sample = d.train.y[0] === 0 ? d.train.x.subarray(0, 3) : d.train.x.subarray(12, 15);
    expect(Array.from(sample).map((v) => Math.round(v * 255))).toEqual([0, 128, 255]);
    expect(Array.from(rgbaToChannels([255, 255, 255, 0], 1, true))).toEqual([0]);
  });

  it('rejects a single class and undecodable images, naming the image', () => {
    expect(() => imageDataset([solid('a', 2, 2, [0, 0, 0])], { width: 2, height: 2, grayscale: true })).toThrow(/at least 2/);
    const broken = { ...solid('b', 2, 2, [0, 0, 0]), rgba: new Uint8Array(3), name: 'b/photo.png' };
    expect(() => imageDataset([solid('a', 2, 2, [0, 0, 0]), broken], { width: 2, height: 2, grayscale: true })).toThrow(/b\/photo\.png: 2×2 RGBA needs 16 bytes but has 3/);
  });
});
