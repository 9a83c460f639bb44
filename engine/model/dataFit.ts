/**
 * Whether a dataset fits a model: its samples against the Input layer, its targets against the
 * Output's loss and width. The designer shows these problems (with one-click fixes) while the model
 * is drawn; the training session refuses a run with the same messages. The rules per loss come from
 * the loss table (losses.ts).
 */
import type { GraphAnalysis } from './analyze';
import type { DocumentNode, ModelDocument } from './document';
import { DEFAULT_LOSS, LOSSES, isLossName } from './losses';
import type { LossName, LossSpec } from './losses';
import type { ParamValue, Program, Shape } from './program';

/** What the check needs to know about a dataset (engine/data's DatasetMeta has all of it). */
export interface DataDescription {
  name: string;
  task: 'classification' | 'binary' | 'regression';
  /** One sample's shape, without the batch dimension. */
  inputShape: readonly number[];
  /** Class names; empty for regression. */
  classes: readonly string[];
}

/** The parts of a model the data meets: its Input, its Output, and the layer that sets the Output's width. */
export interface ModelEnds {
  input: { id: string; label: string; shape: readonly number[] } | null;
  output: { id: string; label: string; loss: LossName; /** Values per sample; null while unknown. */ width: number | null } | null;
  /** The Dense whose units set the Output's width, when one does (reached through width-keeping layers). */
  widthLayer: { id: string; label: string; units: number } | null;
}

/** One parameter of one node set to a value; a fix is a list of them, applied as one undoable edit. */
export interface ParamChange {
  nodeId: string;
  name: string;
  value: ParamValue;
}

export interface DataFitFix {
  /** The button's text: "Set the units of “hidden” to 10". */
  label: string;
  changes: ParamChange[];
}

export type DataFitCode = 'input-size' | 'input-reshaped' | 'loss-task' | 'too-few-classes' | 'output-units';

/** A mismatch between the model and the dataset. Errors block training; info only explains. */
export interface DataFitProblem {
  severity: 'error' | 'info';
  code: DataFitCode;
  /** The Input or Output layer the problem is about. */
  nodeId: string;
  message: string;
  fix: DataFitFix | null;
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const shapeText = (shape: readonly number[]): string => shape.join('×');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "4 values", or "28×28×1 (784 values)" when the shape has more than one axis. */
const sizeText = (shape: readonly number[]): string => (shape.length === 1 ? plural(shape[0], 'value') : `${shapeText(shape)} (${plural(product(shape), 'value')})`);
const classCount = (n: number): string => (n === 1 ? '1 class' : `${n} classes`);
const nodeLabel = (node: DocumentNode): string => `“${node.name || node.id}”`;
const lowerLabel = (spec: LossSpec): string => spec.label.charAt(0).toLowerCase() + spec.label.slice(1);

/** Layers whose output has the width of their input, so the width is set further back. */
const WIDTH_KEEPING: ReadonlySet<string> = new Set(['Activation', 'Dropout', 'BatchNorm', 'LayerNorm']);

/** The Dense that sets the Output's width, walking back through single-input width-keeping layers. */
function widthSettingDense(doc: ModelDocument, outputId: string): DocumentNode | null {
  let at = outputId;
  for (let step = 0; step < doc.nodes.length; step++) {
    const incoming = doc.edges.filter((e) => e.target === at);
    if (incoming.length !== 1) return null;
    const source = doc.nodes.find((n) => n.id === incoming[0].source);
    if (!source) return null;
    if (source.type === 'Dense') return source;
    if (!WIDTH_KEEPING.has(source.type)) return null;
    at = source.id;
  }
  return null;
}

/** The model's ends as the designer sees them: null parts where there is not exactly one Input or Output. */
export function modelEndsOf(doc: ModelDocument, analysis: GraphAnalysis): ModelEnds {
  const inputs = doc.nodes.filter((n) => n.type === 'Input');
  const outputs = doc.nodes.filter((n) => n.type === 'Output');
  let input: ModelEnds['input'] = null;
  if (inputs.length === 1) {
    const shape = analysis.nodes[inputs[0].id]?.params.shape;
    if (Array.isArray(shape)) input = { id: inputs[0].id, label: nodeLabel(inputs[0]), shape };
  }
  let output: ModelEnds['output'] = null;
  let widthLayer: ModelEnds['widthLayer'] = null;
  if (outputs.length === 1) {
    const node = outputs[0];
    const info = analysis.nodes[node.id];
    const loss = info?.params.loss ?? node.params.loss ?? DEFAULT_LOSS;
    const shape: Shape | null | undefined = info?.outputShape;
    if (isLossName(loss)) output = { id: node.id, label: nodeLabel(node), loss, width: shape ? product(shape) : null };
    const dense = widthSettingDense(doc, node.id);
    if (dense) widthLayer = { id: dense.id, label: nodeLabel(dense), units: Number(analysis.nodes[dense.id]?.params.units ?? dense.params.units) };
  }
  return { input, output, widthLayer };
}

/** The model's ends as the training session sees them (single input and output, no fixes offered). */
export function programEnds(program: Program): ModelEnds {
  const input = program.nodes.find((n) => n.id === program.inputs[0]);
  const out = program.outputs[0];
  const outputNode = out ? program.nodes.find((n) => n.id === out.nodeId) : undefined;
  return {
    input: input ? { id: input.id, label: `“${input.id}”`, shape: input.outputShape } : null,
    output: out && outputNode ? { id: out.nodeId, label: `“${out.nodeId}”`, loss: out.loss, width: product(outputNode.inputShapes[0] ?? []) } : null,
    widthLayer: null,
  };
}

/** The change that gives the Output `units` values per sample, when a Dense sets its width. */
function unitsChange(ends: ModelEnds, units: number): ParamChange[] | null {
  if (!ends.widthLayer) return null;
  return ends.widthLayer.units === units ? [] : [{ nodeId: ends.widthLayer.id, name: 'units', value: units }];
}

function unitsFix(ends: ModelEnds, units: number): DataFitFix | null {
  const change = unitsChange(ends, units);
  return change && change.length > 0 ? { label: `Set the units of ${ends.widthLayer!.label} to ${units}`, changes: change } : null;
}

/** Switching the Output's loss, and the units with it when the width must change too. */
function lossFix(ends: ModelEnds, loss: LossName, units: number): DataFitFix {
  const output = ends.output!;
  const change = output.width === units ? [] : unitsChange(ends, units);
  const label = `Switch the loss to ${lowerLabel(LOSSES[loss])}`;
  if (!change || change.length === 0) return { label, changes: [{ nodeId: output.id, name: 'loss', value: loss }] };
  return { label: `${label} with ${plural(units, 'unit')}`, changes: [{ nodeId: output.id, name: 'loss', value: loss }, ...change] };
}

function checkInput(ends: ModelEnds, data: DataDescription): DataFitProblem[] {
  const input = ends.input;
  if (!input) return [];
  const want = product(data.inputShape);
  const have = product(input.shape);
  if (have !== want) {
    return [
      {
        severity: 'error',
        code: 'input-size',
        nodeId: input.id,
        message: `${data.name} samples are ${sizeText(data.inputShape)}, but the Input layer ${input.label} takes ${sizeText(input.shape)}.`,
        fix: { label: `Set the Input shape to ${shapeText(data.inputShape)}`, changes: [{ nodeId: input.id, name: 'shape', value: [...data.inputShape] }] },
      },
    ];
  }
  if (shapeText(input.shape) !== shapeText(data.inputShape)) {
    return [{ severity: 'info', code: 'input-reshaped', nodeId: input.id, message: `${data.name} samples (${shapeText(data.inputShape)}) are reshaped to the Input layer's ${shapeText(input.shape)}.`, fix: null }];
  }
  return [];
}

function checkOutput(ends: ModelEnds, data: DataDescription): DataFitProblem[] {
  const output = ends.output;
  if (!output) return [];
  const spec = LOSSES[output.loss];
  const classes = data.classes.length;
  const width = output.width;
  const where = `Output ${output.label}`;
  const problem = (code: DataFitCode, message: string, fix: DataFitFix | null): DataFitProblem[] => [{ severity: 'error', code, nodeId: output.id, message, fix }];

  if (data.task === 'regression') {
    if (spec.task !== 'regression') {
      return problem('loss-task', `${where} trains with ${lowerLabel(spec)}, a classification loss, but ${data.name} has real-valued targets (regression).`, lossFix(ends, 'meanSquaredError', 1));
    }
    if (width !== null && width !== 1) {
      return problem('output-units', `${data.name} has one target value per sample, but ${where} gets ${plural(width, 'value')} per sample.`, unitsFix(ends, 1));
    }
    return [];
  }

  const classText = `${data.name} has ${classCount(classes)}`;
  switch (spec.task) {
    case 'regression': {
      const binary = classes === 2 && width === 1;
      return problem(
        'loss-task',
        `${where} trains with ${lowerLabel(spec)}, a regression loss, but ${classText} (class labels).`,
        binary ? lossFix(ends, 'binaryCrossentropy', 1) : lossFix(ends, DEFAULT_LOSS, classes),
      );
    }
    case 'classification-binary':
      if (classes !== 2) return problem('loss-task', `${spec.label} on ${where} needs 2 classes, but ${classText}.`, classes >= 2 ? lossFix(ends, DEFAULT_LOSS, classes) : null);
      if (width !== null && width !== 1) return problem('output-units', `${spec.label} on ${where} needs 1 unit (one sigmoid probability per sample), but gets ${plural(width, 'value')} per sample.`, unitsFix(ends, 1));
      return [];
    case 'classification-multi':
      if (classes < 2) return problem('too-few-classes', `${classText}; ${lowerLabel(spec)} on ${where} needs at least 2.`, null);
      if (width !== null && width !== classes) {
        return problem('output-units', `${classText}, but ${where} gets ${plural(width, 'value')} per sample: ${lowerLabel(spec)} needs one unit per class.`, unitsFix(ends, classes));
      }
      return [];
    default: {
      const unreachable: never = spec.task;
      throw new Error(`Unknown loss task ${String(unreachable)}`);
    }
  }
}

/** Every way the dataset does not fit the model's ends; empty when it fits. */
export function checkDataFit(ends: ModelEnds, data: DataDescription): DataFitProblem[] {
  return [...checkInput(ends, data), ...checkOutput(ends, data)];
}

/** The data-fit problems of a document in the designer, with fixes. */
export function dataFitProblems(doc: ModelDocument, analysis: GraphAnalysis, data: DataDescription): DataFitProblem[] {
  return checkDataFit(modelEndsOf(doc, analysis), data);
}
