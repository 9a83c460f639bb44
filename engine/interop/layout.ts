/**
 * Channel layout planning for formats whose convolutions are channels-first (ONNX, PyTorch).
 * Our tensors are NHWC. A rank-4 value carries a layout; convolution-family layers want NCHW,
 * layers that read the last axis as features (Flatten, Dense, LayerNorm, softmax, Output) want NHWC,
 * element-wise layers keep whatever they get. Exporters insert one transpose where the wish changes,
 * so a Conv → ReLU → Pool → Conv chain stays channels-first and Flatten still sees our H, W, C order.
 */
import type { ProgramNode } from '../model/program';

export type Layout = 'nhwc' | 'nchw';

/** The layout a node needs its image (rank-4) inputs in; 'keep' takes them as they come. */
export function wantedImageLayout(node: ProgramNode): Layout | 'keep' {
  switch (node.type) {
    case 'Conv2D':
    case 'DepthwiseConv2D':
    case 'MaxPool2D':
    case 'AvgPool2D':
    case 'GlobalAvgPool2D':
      return 'nchw';
    case 'BatchNorm':
      return node.inputShapes[0].length === 3 ? 'nchw' : 'nhwc';
    case 'Activation':
      return node.params.activation === 'softmax' ? 'nhwc' : 'keep';
    case 'Dropout':
    case 'Add':
    case 'Concatenate':
      return 'keep';
    case 'Input':
    case 'Dense':
    case 'Flatten':
    case 'Reshape':
    case 'LayerNorm':
    case 'Output':
      return 'nhwc';
    default: {
      const unreachable: never = node.type;
      return unreachable;
    }
  }
}

/** Whether a sample shape is an image, i.e. its batched tensor is rank 4 and has a layout. */
export function isImage(shape: readonly number[]): boolean {
  return shape.length === 3;
}
