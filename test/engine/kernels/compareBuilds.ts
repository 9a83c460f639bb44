/**
 * A/B comparison of two builds of the single-threaded kernels on the reference CNN's conv and pool
 * layers, run alternately in one process so machine load affects both alike.
 * Not a unit test: `npx tsx test/engine/kernels/compareBuilds.ts a.wasm [b.wasm ...]` (ROUNDS=n for more
 * rounds than 15); prints each build's best CPU milliseconds per call. The builds must read the
 * geometry blocks the current binding writes (variants of the current sources, built with
 * `bash engine/kernels/build.sh <dir>`).
 */
import { readFileSync } from 'node:fs';
import { createKernels } from '../../../engine/kernels';
import type { Kernels } from '../../../engine/kernels/api';
import { convGeometry } from './geometry';

const g1 = convGeometry({ batch: 64, inH: 28, inW: 28, inC: 1, outC: 32, k: 3 });
const g2 = convGeometry({ batch: 64, inH: 13, inW: 13, inC: 32, outC: 64, k: 3 });

function setup(k: Kernels) {
  const buf = (n: number) => {
    const p = k.alloc(n * 4);
    const f = k.f32();
    for (let i = 0; i < n; i++) f[(p >> 2) + i] = Math.sin(i * 0.37);
    return p;
  };
  const ops: Record<string, () => void> = {};
  for (const [name, g] of [['conv1', g1], ['conv2', g2]] as const) {
    const nx = g.batch * g.inH * g.inW * g.inC, nw = g.kH * g.kW * g.inC * g.outC, ny = g.batch * g.outH * g.outW * g.outC;
    const [x, w, dy, y, dx, dw] = [buf(nx), buf(nw), buf(ny), buf(ny), buf(nx), buf(nw)];
    const s = k.alloc(k.conv2dScratchBytes(g));
    ops[`${name} fwd`] = () => k.conv2dForward(g, x, w, y, s);
    ops[`${name} filter`] = () => k.conv2dBackwardFilter(g, x, dy, dw, s);
    if (g.inC > 1) ops[`${name} input`] = () => k.conv2dBackwardInput(g, dy, w, dx, s);
  }
  for (const [name, inHW, outHW, C] of [['pool1', 26, 13, 32], ['pool2', 11, 5, 64]] as const) {
    const g = { batch: 64, inH: inHW, inW: inHW, channels: C, kH: 2, kW: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0, outH: outHW, outW: outHW };
    const nx = 64 * inHW * inHW * C, ny = 64 * outHW * outHW * C;
    const [x, y, arg, dy, dx] = [buf(nx), buf(ny), buf(ny), buf(ny), buf(nx)];
    ops[`${name} fwd`] = () => k.maxPool2dForward(g, x, y, arg);
    ops[`${name} bwd`] = () => k.maxPool2dBackward(g, dy, arg, dx);
  }
  return ops;
}

async function main(): Promise<void> {
  const builds = process.argv.slice(2);
  const kernels = await Promise.all(builds.map((p) => createKernels({ wasmSource: new Uint8Array(readFileSync(p)) })));
  const ops = kernels.map(setup);
  const best = builds.map(() => new Map<string, number>());
  const rounds = Number(process.env.ROUNDS ?? 15);
  for (let round = 0; round < rounds; round++) {
    for (let b = 0; b < builds.length; b++) {
      for (const [name, run] of Object.entries(ops[b])) {
        run();
        const c0 = process.cpuUsage();
        for (let i = 0; i < 3; i++) run();
        const c = process.cpuUsage(c0);
        const ms = (c.user + c.system) / 3000;
        best[b].set(name, Math.min(best[b].get(name) ?? Infinity, ms));
      }
    }
  }
  for (const name of Object.keys(ops[0])) console.log(name.padEnd(14), builds.map((_, b) => best[b].get(name)?.toFixed(3).padStart(8)).join(' '));
  process.exit(0);
}

void main();
