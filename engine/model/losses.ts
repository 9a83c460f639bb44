/**
 * The losses an Output layer can train with: one table that the catalog's loss param, the data-fit
 * check, accuracy, the exporters and the renderer's pickers all read. Adding a name to LOSS_NAMES is a
 * compile error until LOSSES describes it (and every exhaustive switch over LossName handles it).
 */

export const LOSS_NAMES = [
  'sparseCategoricalCrossentropy',
  'categoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
  'huber',
  'klDivergence',
] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** What a loss learns: one of two classes (one unit), one of several classes (a unit per class), or real values. */
export type LossTask = 'classification-binary' | 'classification-multi' | 'regression';

/** What the training targets are: class ids, probability rows (one-hot from class ids), 0/1 values, or real values. */
export type LossTargets = 'classIds' | 'probabilities' | 'binary' | 'values';

/** What turns an output's raw values into the predictions shown and exported. */
export type PredictionActivation = 'softmax' | 'sigmoid' | null;

/** How predictions are scored: by class (argmax), per binary output (threshold 0.5), or not at all. */
export type ScoreKind = 'classes' | 'binary' | 'none';

/** Everything the app says and does about one loss. */
export interface LossSpec {
  name: LossName;
  /** Shown in pickers and settings: "Sparse categorical cross-entropy". */
  label: string;
  /** Shown where space is short (the Output layer on the canvas): "Sparse CE". */
  short: string;
  task: LossTask;
  targets: LossTargets;
  /** The loss reads raw logits and applies this itself; predictions (and exports) apply it after the model. */
  prediction: PredictionActivation;
  accuracy: ScoreKind;
  /** What the accuracy figure means for this loss, in a sentence. */
  accuracyMeaning: string;
  /** How each export format names it: the Keras loss id (outputs are predictions), and the PyTorch expression over raw `output` and `target`. */
  exports: { keras: string; pytorch: string };
}

const CLASS_ACCURACY = 'Share of samples whose most likely class is the true class.';

/** The table, keyed by name. */
export const LOSSES: { readonly [K in LossName]: LossSpec & { name: K } } = {
  sparseCategoricalCrossentropy: {
    name: 'sparseCategoricalCrossentropy',
    label: 'Sparse categorical cross-entropy',
    short: 'Sparse CE',
    task: 'classification-multi',
    targets: 'classIds',
    prediction: 'softmax',
    accuracy: 'classes',
    accuracyMeaning: CLASS_ACCURACY,
    exports: { keras: 'sparse_categorical_crossentropy', pytorch: 'F.cross_entropy(output, target)' },
  },
  categoricalCrossentropy: {
    name: 'categoricalCrossentropy',
    label: 'Categorical cross-entropy',
    short: 'Categorical CE',
    task: 'classification-multi',
    targets: 'probabilities',
    prediction: 'softmax',
    accuracy: 'classes',
    accuracyMeaning: CLASS_ACCURACY,
    exports: { keras: 'categorical_crossentropy', pytorch: '-(target * torch.log_softmax(output, dim=-1)).sum(dim=-1).mean()' },
  },
  binaryCrossentropy: {
    name: 'binaryCrossentropy',
    label: 'Binary cross-entropy',
    short: 'Binary CE',
    task: 'classification-binary',
    targets: 'binary',
    prediction: 'sigmoid',
    accuracy: 'binary',
    accuracyMeaning: 'Share of outputs on the right side of 0.5.',
    exports: { keras: 'binary_crossentropy', pytorch: 'F.binary_cross_entropy_with_logits(output, target.reshape(output.shape))' },
  },
  meanSquaredError: {
    name: 'meanSquaredError',
    label: 'Mean squared error',
    short: 'MSE',
    task: 'regression',
    targets: 'values',
    prediction: null,
    accuracy: 'none',
    accuracyMeaning: 'None: a regression is judged by its errors (MAE, RMSE, R²).',
    exports: { keras: 'mean_squared_error', pytorch: 'F.mse_loss(output, target.reshape(output.shape))' },
  },
  meanAbsoluteError: {
    name: 'meanAbsoluteError',
    label: 'Mean absolute error',
    short: 'MAE',
    task: 'regression',
    targets: 'values',
    prediction: null,
    accuracy: 'none',
    accuracyMeaning: 'None: a regression is judged by its errors (MAE, RMSE, R²).',
    exports: { keras: 'mean_absolute_error', pytorch: 'F.l1_loss(output, target.reshape(output.shape))' },
  },
  huber: {
    name: 'huber',
    label: 'Huber',
    short: 'Huber',
    task: 'regression',
    targets: 'values',
    prediction: null,
    accuracy: 'none',
    accuracyMeaning: 'None: a regression is judged by its errors (MAE, RMSE, R²).',
    exports: { keras: 'huber', pytorch: 'F.huber_loss(output, target.reshape(output.shape), delta=OUTPUTS[0].get("huberDelta", 1.0))' },
  },
  klDivergence: {
    name: 'klDivergence',
    label: 'KL divergence',
    short: 'KL divergence',
    task: 'classification-multi',
    targets: 'probabilities',
    prediction: 'softmax',
    accuracy: 'classes',
    accuracyMeaning: CLASS_ACCURACY,
    exports: { keras: 'kl_divergence', pytorch: 'F.kl_div(torch.log_softmax(output, dim=-1), target, reduction="batchmean")' },
  },
};

/** True for a name in the table (a document's param may hold anything until it is validated). */
export function isLossName(value: unknown): value is LossName {
  return typeof value === 'string' && Object.hasOwn(LOSSES, value);
}

/** The table's entry for a loss name; null for a name the table does not know. */
export function lossSpec(name: unknown): LossSpec | null {
  return isLossName(name) ? LOSSES[name] : null;
}

/** The names of the losses for a task, in LOSS_NAMES order. */
export function lossesFor(task: LossTask): LossName[] {
  return LOSS_NAMES.filter((name) => LOSSES[name].task === task);
}

/** Losses that read the model's raw output as one logit per class (they need a vector output). */
export const CLASSIFICATION_LOSSES: readonly string[] = lossesFor('classification-multi');

/** The default loss of an Output layer, and the one the data-fit fixes switch a classifier to. */
export const DEFAULT_LOSS: LossName = 'sparseCategoricalCrossentropy';
