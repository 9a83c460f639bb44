import type { Conv2dGeometry } from '../../../engine/kernels/api';

/** A geometry with PyTorch's output size for symmetric padding `pad`. */
export function convGeometry(p: { batch: number; inH: number; inW: number; inC: number; outC: number; k: number; stride?: number; pad?: number; dilation?: number; kW?: number }): Conv2dGeometry {
  const stride = p.stride ?? 1;
  const pad = p.pad ?? 0;
  const dilation = p.dilation ?? 1;
  const kW = p.kW ?? p.k;
  const out = (size: number, k: number) => Math.floor((size + 2 * pad - dilation * (k - 1) - 1) / stride) + 1;
  return {
    batch: p.batch, inH: p.inH, inW: p.inW, inC: p.inC, outC: p.outC, kH: p.k, kW,
    strideH: stride, strideW: stride, padTop: pad, padLeft: pad, dilationH: dilation, dilationW: dilation,
    outH: out(p.inH, p.k), outW: out(p.inW, kW),
  };
}
