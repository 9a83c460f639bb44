/** The built-in templates: model documents in /templates, each valid and ready to train. */
export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  /** File name inside the repository's templates/ folder. */
  file: string;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'mlp-mnist', name: 'MLP for MNIST', description: '784-128-10 multilayer perceptron on handwritten digits.', file: 'mlp-mnist.json' },
  { id: 'lenet5', name: 'LeNet-5', description: 'The classic small CNN for digits: two conv/pool stages and three dense layers.', file: 'lenet5.json' },
  { id: 'vgg-small', name: 'Small VGG-style CNN', description: 'Stacked 3×3 convolutions with pooling, then a dense head.', file: 'vgg-small.json' },
  { id: 'resnet-small', name: 'Small ResNet', description: 'Residual blocks with skip connections joined by Add.', file: 'resnet-small.json' },
  { id: 'binary-2d', name: 'Binary classifier for 2-D points', description: 'A tiny MLP that separates two spirals, with a live decision boundary.', file: 'binary-2d.json' },
];

export const DEFAULT_TEMPLATE_ID = 'mlp-mnist';
