/** Every layer kind the catalog knows, by its document name. */
export const LAYER_TYPES = [
  'Input',
  'Dense',
  'Conv2D',
  'DepthwiseConv2D',
  'MaxPool2D',
  'AvgPool2D',
  'GlobalAvgPool2D',
  'Flatten',
  'Reshape',
  'Dropout',
  'BatchNorm',
  'LayerNorm',
  'Activation',
  'Add',
  'Concatenate',
  'Output',
] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'leakyRelu', 'elu', 'softmax', 'gelu', 'silu', 'relu6', 'hardSigmoid', 'hardSwish'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/** Activation choices on Dense and Conv2D, where "none" means a linear layer. */
export const FUSED_ACTIVATIONS = ['none', ...ACTIVATIONS] as const;
export type FusedActivationName = (typeof FUSED_ACTIVATIONS)[number];

export const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal'] as const;
export type InitializerName = (typeof INITIALIZERS)[number];

/**
 * "valid": none; "same": TensorFlow's convention (output = ceil(input / stride), the odd extra row or
 * column after); "explicit": the padTop/padBottom/padLeft/padRight params, as PyTorch and ONNX state it.
 */
export const PADDINGS = ['valid', 'same', 'explicit'] as const;
export type Padding = (typeof PADDINGS)[number];
