/**
 * The fixtures are stored in the engine's layouts (NHWC, HWIO, Dense [in, out], Flatten in H,W,C
 * order). Naive loops written directly from those layouts must reproduce the PyTorch outputs.
 */
import { describe, expect, it } from 'vitest';
import { GOLDEN_TOLERANCE, expectClose, loadGolden } from './loadGolden';
import { conv2dNhwc, dense, gemm, pool2dNhwc, sparseCrossEntropy } from './naiveReference';

const ops = loadGolden('ops');
const layers = loadGolden('layers');
const training = loadGolden('training');
const forward = GOLDEN_TOLERANCE.forward;

describe('fixture layouts', () => {
  it.each(Object.entries(ops.conv2d))('conv2d %s is NHWC input with HWIO weights', (name, c) => {
    expectClose(conv2dNhwc(c.x.data, c.w.data, c.geometry), c.y, forward, `conv2d ${name}`);
  });

  it.each(Object.entries(layers.conv2d).filter(([, c]) => c.activation === 'none'))(
    'Conv2D layer %s adds its bias per output channel',
    (name, c) => expectClose(conv2dNhwc(c.x.data, c.kernel.data, c.geometry, c.bias.data), c.y, forward, name),
  );

  it.each(Object.entries(ops.maxPool2d))('maxPool2d %s never picks padding', (name, c) => {
    expectClose(pool2dNhwc(c.x.data, c.geometry, 'max'), c.y, forward, `maxPool2d ${name}`);
  });

  it.each(Object.entries(ops.avgPool2d))('avgPool2d %s divides by in-bounds cells only', (name, c) => {
    expectClose(pool2dNhwc(c.x.data, c.geometry, 'avg'), c.y, forward, `avgPool2d ${name}`);
  });

  it('Dense kernels are [in, out] with y = x·W + b', () => {
    const c = layers.dense.none;
    expectClose(dense(c.x.data, c.x.shape[0], c.kernel, c.bias), c.y, forward, 'dense none');
  });

  it.each(Object.entries(ops.gemm))('gemm %s stores op inputs row-major with the given leading dimensions', (name, c) => {
    const result = gemm(c.transA, c.transB, c.M, c.N, c.K, c.alpha, c.a.data, c.lda, c.b.data, c.ldb, c.beta, c.c0.data);
    expectClose(result, c.c, forward, `gemm ${name}`);
  });

  it('flatten of an NHWC tensor keeps (h, w, c) order: y[n, (h·W + w)·C + c] = x[n, h, w, c]', () => {
    const { x, y } = ops.flatten;
    const [n, h, w, c] = x.shape;
    expect(y.shape).toEqual([n, h * w * c]);
    expect(Array.from(y.data)).toEqual(Array.from(x.data));
  });

  it('the stored MLP and CNN reproduce the first training loss from their initial weights', () => {
    const mlp = training.models.mlp.initialWeights;
    const mlpData = training.datasets.mlpLabels;
    const hidden = dense(mlpData.x.data.subarray(0, 32), 4, mlp['dense_1.kernel'], mlp['dense_1.bias']).map((v) => Math.max(v, 0));
    const logits = dense(hidden, 4, mlp['dense_2.kernel'], mlp['dense_2.bias']);
    const mlpLoss = sparseCrossEntropy(logits, 4, 4, mlpData.targets.data);
    expectClose(mlpLoss, training.optimizers.sgd.losses[0], forward, 'mlp step-0 loss');

    const cnn = training.models.cnn.initialWeights;
    const cnnData = training.datasets.cnnLabels;
    const convG = {
      batch: 4, inH: 8, inW: 8, inC: 1, outC: 4, kH: 3, kW: 3, strideH: 1, strideW: 1, padTop: 1, padLeft: 1,
      dilationH: 1, dilationW: 1, outH: 8, outW: 8, padBottom: 1, padRight: 1, padding: 'same' as const,
    };
    const conv = conv2dNhwc(cnnData.x.data.subarray(0, 256), cnn['conv_1.kernel'].data, convG, cnn['conv_1.bias'].data);
    const poolG = {
      batch: 4, inH: 8, inW: 8, channels: 4, kH: 2, kW: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0,
      outH: 4, outW: 4, padBottom: 0, padRight: 0, padding: 'valid' as const,
    };
    const pooled = pool2dNhwc(Float32Array.from(conv, (v) => Math.max(v, 0)), poolG, 'max');
    const cnnLogits = dense(pooled, 4, cnn['dense_1.kernel'], cnn['dense_1.bias']);
    const cnnLoss = sparseCrossEntropy(cnnLogits, 4, 3, cnnData.targets.data);
    expectClose(cnnLoss, training.cnnOptimizers.sgd.losses[0], forward, 'cnn step-0 loss');
  });
});
