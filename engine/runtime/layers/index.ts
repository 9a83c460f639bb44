/** The layer builder for each trainable-graph layer kind. */
import type { LayerType } from '../../model/layerTypes';
import { EngineError } from '../errors';
import { activationLayer } from './activation';
import type { LayerBuilder } from './context';
import { conv2dLayer } from './conv2d';
import { denseLayer } from './dense';
import { dropoutLayer } from './dropout';
import { addLayer, concatenateLayer } from './merge';
import { batchNormLayer, layerNormLayer } from './normalization';
import { avgPool2dLayer, globalAvgPool2dLayer, maxPool2dLayer } from './pooling';
import { reshapeLayer } from './reshape';

export type { LayerBuilder, RecordContext } from './context';

/** The builder for a layer kind; Input and Output are handled by the plan itself. */
export function layerBuilder(type: LayerType, nodeId: string): LayerBuilder {
  switch (type) {
    case 'Dense':
      return denseLayer;
    case 'Conv2D':
      return conv2dLayer;
    case 'MaxPool2D':
      return maxPool2dLayer;
    case 'AvgPool2D':
      return avgPool2dLayer;
    case 'GlobalAvgPool2D':
      return globalAvgPool2dLayer;
    case 'Flatten':
    case 'Reshape':
      return reshapeLayer;
    case 'Dropout':
      return dropoutLayer;
    case 'BatchNorm':
      return batchNormLayer;
    case 'LayerNorm':
      return layerNormLayer;
    case 'Activation':
      return activationLayer;
    case 'Add':
      return addLayer;
    case 'Concatenate':
      return concatenateLayer;
    case 'DepthwiseConv2D': // runtime lands with its kernels
    case 'Input':
    case 'Output':
      throw new EngineError('unsupported', `Internal error: ${type} node ${nodeId} has no layer builder.`, { nodeId });
    default: {
      const unreachable: never = type;
      throw new EngineError('unsupported', `Unknown layer type ${String(unreachable)} on ${nodeId}.`, { nodeId });
    }
  }
}
