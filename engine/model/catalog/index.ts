import type { LayerType } from '../layerTypes';
import { activationLayer } from './activation';
import { conv2dLayer, depthwiseConv2dLayer } from './conv2d';
import { denseLayer } from './dense';
import { inputLayer } from './input';
import { addLayer, concatenateLayer } from './merge';
import { batchNormLayer, layerNormLayer } from './normalisation';
import { outputLayer } from './output';
import { avgPool2dLayer, globalAvgPool2dLayer, maxPool2dLayer } from './pooling';
import { dropoutLayer } from './regularisation';
import { flattenLayer, reshapeLayer } from './reshape';
import type { LayerCategory, LayerSpec } from './types';

/** The layer catalog: one source of truth for the palette, inspector, validation, compiler and CLI. */
export const catalog: Record<LayerType, LayerSpec> = {
  Input: inputLayer,
  Dense: denseLayer,
  Conv2D: conv2dLayer,
  DepthwiseConv2D: depthwiseConv2dLayer,
  MaxPool2D: maxPool2dLayer,
  AvgPool2D: avgPool2dLayer,
  GlobalAvgPool2D: globalAvgPool2dLayer,
  Flatten: flattenLayer,
  Reshape: reshapeLayer,
  Dropout: dropoutLayer,
  BatchNorm: batchNormLayer,
  LayerNorm: layerNormLayer,
  Activation: activationLayer,
  Add: addLayer,
  Concatenate: concatenateLayer,
  Output: outputLayer,
};

/** Palette order of the categories. */
export const CATEGORY_ORDER: readonly LayerCategory[] = [
  'Input & output',
  'Core',
  'Convolution',
  'Pooling',
  'Normalisation',
  'Activation',
  'Regularisation',
  'Merge',
  'Reshape',
];

export { CLASSIFICATION_LOSSES } from './output';
export { describePadding, formatShape, sizeOf, sameShape, windowAxes, windowAxis, windowGeometry, windowPaddingOf } from './shapeMath';
export type { WindowAxis, WindowPadding } from './shapeMath';
export { ShapeError } from './types';
export type { LayerCategory, LayerSpec, ParamKind, ParamSpec, Params } from './types';
