/**
 * Compares both implementations with PyTorch's saved outputs (golden/torch.json, written by
 * golden/generate.py): activations, losses, norms, conv, pooling and optimiser steps.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivationKind, type Conv2dGeometry, type Kernels, type Pool2dGeometry } from '../../../engine/kernels/api';
import { createKernels } from '../../../engine/kernels/index';
import { createReferenceKernels } from '../../../engine/kernels/reference';
import { download, expectClose, upload } from './harness';

type Values = number[];
interface Golden {
  activations: { x: Values; dy: Values; alpha: Record<string, number>; cases: Record<string, { y: Values; dx: Values }> };
  losses: {
    rows: number; cols: number; logits: Values; labels: number[]; probs: Values; n: number; pred: Values; target: Values;
    binTarget: Values; huberDelta: number; cases: Record<string, { loss: number; grad: Values }>;
  };
  batchNorm: Record<string, Values> & { rows: number; channels: number };
  layerNorm: Record<string, Values> & { rows: number; cols: number };
  conv2d: Array<{ geometry: Conv2dGeometry; x: Values; w: Values; dy: Values; y: Values; dx: Values; dw: Values }>;
  pool2d: { geometry: Pool2dGeometry; x: Values; max: { y: Values; dy: Values; dx: Values }; avg: { y: Values; dy: Values; dx: Values } };
  optimisers: { w0: Values; grads: Values[]; cases: Record<string, { hyper: Record<string, number | boolean>; steps: Values[] }> };
}

const golden = JSON.parse(readFileSync(new URL('./golden/torch.json', import.meta.url), 'utf8')) as Golden;
const implementations: Kernels[] = [];
beforeAll(async () => {
  implementations.push(await createKernels(), createReferenceKernels());
});
afterAll(() => implementations.forEach((k) => k.dispose()));

/** Runs a check once per implementation, labelled with its name. */
const eachKernels = (check: (k: Kernels) => void) => () => implementations.forEach(check);

describe('matches PyTorch', () => {
  for (const [name, expected] of Object.entries(golden.activations.cases)) {
    it(`activation ${name}`, eachKernels((k) => {
      const { x, dy, alpha } = golden.activations;
      const kind = ActivationKind[name as keyof typeof ActivationKind];
      const n = x.length;
      const [xp, dyp, y, dx] = [upload(k, x), upload(k, dy), k.alloc(n * 4), k.alloc(n * 4)];
      k.activationForward(kind, n, xp, y, alpha[name] ?? 0);
      k.activationBackward(kind, n, xp, y, dyp, dx, alpha[name] ?? 0);
      expectClose(download(k, y, n), expected.y, 2e-6, `${k.name} ${name} y`);
      expectClose(download(k, dx, n), expected.dx, 2e-6, `${k.name} ${name} dx`);
    }));
  }

  for (const [name, expected] of Object.entries(golden.losses.cases)) {
    it(`loss ${name}`, eachKernels((k) => {
      const g = golden.losses;
      const rc = g.rows * g.cols;
      const logits = upload(k, g.logits);
      const pred = upload(k, g.pred);
      const d = k.alloc(Math.max(rc, g.n) * 4);
      const calls: Record<string, () => number> = {
        softmaxCrossEntropySparse: () => k.softmaxCrossEntropySparse(g.rows, g.cols, logits, upload(k, g.labels, true), d),
        softmaxCrossEntropyDense: () => k.softmaxCrossEntropyDense(g.rows, g.cols, logits, upload(k, g.probs), d),
        klDivergenceFromLogits: () => k.klDivergenceFromLogits(g.rows, g.cols, logits, upload(k, g.probs), d),
        sigmoidBinaryCrossEntropy: () => k.sigmoidBinaryCrossEntropy(g.n, pred, upload(k, g.binTarget), d),
        meanSquaredError: () => k.meanSquaredError(g.n, pred, upload(k, g.target), d),
        meanAbsoluteError: () => k.meanAbsoluteError(g.n, pred, upload(k, g.target), d),
        huber: () => k.huber(g.n, pred, upload(k, g.target), g.huberDelta, d),
      };
      expectClose([calls[name]()], [expected.loss], 2e-6, `${k.name} ${name} loss`);
      expectClose(download(k, d, expected.grad.length), expected.grad, 2e-6, `${k.name} ${name} gradient`);
    }));
  }

  it('batch norm (train step, running stats, backward)', eachKernels((k) => {
    const g = golden.batchNorm;
    const { rows, channels: c } = g;
    const [x, gamma, beta, rm, rv, dy] = [g.x, g.gamma, g.beta, g.runMean, g.runVar, g.dy].map((v) => upload(k, v));
    const [y, mean, inv, dx, dg, db] = [rows * c, c, c, rows * c, c, c].map((n) => k.alloc(n * 4));
    k.batchNormForwardTrain(rows, c, x, gamma, beta, 1e-5, 0.1, y, mean, inv, rm, rv);
    k.batchNormBackward(rows, c, x, dy, gamma, mean, inv, dx, dg, db);
    expectClose(download(k, y, rows * c), g.y, 1e-5, `${k.name} y`);
    expectClose(download(k, rm, c), g.runMeanAfter, 1e-5, `${k.name} running mean`);
    expectClose(download(k, rv, c), g.runVarAfter, 1e-5, `${k.name} running var`);
    expectClose(download(k, dx, rows * c), g.dx, 1e-4, `${k.name} dx`);
    expectClose(download(k, dg, c), g.dgamma, 1e-5, `${k.name} dgamma`);
    expectClose(download(k, db, c), g.dbeta, 1e-5, `${k.name} dbeta`);
  }));

  it('layer norm (forward, backward)', eachKernels((k) => {
    const g = golden.layerNorm;
    const { rows, cols } = g;
    const [x, gamma, beta, dy] = [g.x, g.gamma, g.beta, g.dy].map((v) => upload(k, v));
    const [y, mean, inv, dx, dg, db] = [rows * cols, rows, rows, rows * cols, cols, cols].map((n) => k.alloc(n * 4));
    k.layerNormForward(rows, cols, x, gamma, beta, 1e-5, y, mean, inv);
    k.layerNormBackward(rows, cols, x, dy, gamma, mean, inv, dx, dg, db);
    expectClose(download(k, y, rows * cols), g.y, 1e-5, `${k.name} y`);
    expectClose(download(k, dx, rows * cols), g.dx, 1e-4, `${k.name} dx`);
    expectClose(download(k, dg, cols), g.dgamma, 1e-5, `${k.name} dgamma`);
    expectClose(download(k, db, cols), g.dbeta, 1e-5, `${k.name} dbeta`);
  }));

  golden.conv2d.forEach((c, i) => {
    it(`conv2d case ${i} (stride ${c.geometry.strideH}, pad ${c.geometry.padTop}, dilation ${c.geometry.dilationH})`, eachKernels((k) => {
      const g = c.geometry;
      const [x, w, dy] = [c.x, c.w, c.dy].map((v) => upload(k, v));
      const [y, dx, dw] = [c.y.length, c.x.length, c.w.length].map((n) => k.alloc(n * 4));
      const scratch = k.alloc(k.conv2dScratchBytes(g));
      k.conv2dForward(g, x, w, y, scratch);
      k.conv2dBackwardInput(g, dy, w, dx, scratch);
      k.conv2dBackwardFilter(g, x, dy, dw, scratch);
      expectClose(download(k, y, c.y.length), c.y, 1e-5, `${k.name} y`);
      expectClose(download(k, dx, c.x.length), c.dx, 1e-5, `${k.name} dx`);
      expectClose(download(k, dw, c.w.length), c.dw, 1e-5, `${k.name} dw`);
    }));
  });

  it('max and average pooling', eachKernels((k) => {
    const { geometry: g, x: xs, max, avg } = golden.pool2d;
    const x = upload(k, xs);
    const [y, argmax, dx] = [max.y.length, max.y.length, xs.length].map((n) => k.alloc(n * 4));
    k.maxPool2dForward(g, x, y, argmax);
    expectClose(download(k, y, max.y.length), max.y, 1e-6, `${k.name} max y`);
    k.maxPool2dBackward(g, upload(k, max.dy), argmax, dx);
    expectClose(download(k, dx, xs.length), max.dx, 1e-6, `${k.name} max dx`);
    k.avgPool2dForward(g, x, y);
    expectClose(download(k, y, avg.y.length), avg.y, 1e-5, `${k.name} avg y`);
    k.avgPool2dBackward(g, upload(k, avg.dy), dx);
    expectClose(download(k, dx, xs.length), avg.dx, 1e-5, `${k.name} avg dx`);
  }));

  for (const [name, { hyper: h, steps }] of Object.entries(golden.optimisers.cases)) {
    it(`optimiser ${name}`, eachKernels((k) => {
      const { w0, grads } = golden.optimisers;
      const n = w0.length;
      const w = upload(k, w0);
      const [s1, s2] = [k.alloc(n * 4), k.alloc(n * 4)];
      const num = (key: string) => h[key] as number;
      steps.forEach((expected, step) => {
        const g = upload(k, grads[step]);
        if (name === 'sgd' || name === 'momentum' || name === 'nesterov') k.sgdUpdate(n, w, g, s1, num('lr'), num('momentum'), h.nesterov as boolean, num('weightDecay'));
        else if (name === 'adagrad') k.adagradUpdate(n, w, g, s1, num('lr'), num('eps'), num('weightDecay'));
        else if (name === 'adadelta') k.adadeltaUpdate(n, w, g, s1, s2, num('lr'), num('rho'), num('eps'), num('weightDecay'));
        else if (name.startsWith('rmsprop')) k.rmspropUpdate(n, w, g, s1, s2, num('lr'), num('alpha'), num('eps'), num('momentum'), num('weightDecay'));
        else if (name.startsWith('adam')) k.adamUpdate(n, w, g, s1, s2, { lr: num('lr'), beta1: num('beta1'), beta2: num('beta2'), eps: num('eps'), step: step + 1, weightDecay: num('weightDecay'), decoupled: h.decoupled as boolean });
        else expect.fail(`no kernel for optimiser ${name}`);
        expectClose(download(k, w, n), expected, 1e-5, `${k.name} ${name} step ${step + 1}`);
      });
    }));
  }
});
