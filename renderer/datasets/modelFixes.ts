/**
 * One-click fixes that make the model fit an imported dataset: the Input's shape to the samples'
 * shape, the units of the layer that feeds the Output to the number of classes (or 1). Each fix is an
 * ordinary undoable edit.
 */
import { CLASSIFICATION_LOSSES } from '../../engine/model';
import type { GraphAnalysis, ModelDocument } from '../../engine/model';
import type { DatasetMeta } from '../../engine/data';
import type { Edit } from '../editor/edits';
import { outputLoss } from './datasetFit';

/** A fix the picker offers as a button. */
export interface ModelFix {
  label: string;
  edit: Edit;
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Output units the dataset needs with this loss: one per class, or one (binary cross-entropy, regression). */
export function wantedOutputUnits(meta: Pick<DatasetMeta, 'task' | 'classes'>, loss: string): number {
  if (meta.task === 'regression' || loss === 'binaryCrossentropy') return 1;
  return CLASSIFICATION_LOSSES.includes(loss) ? meta.classes.length : 1;
}

/**
 * The Dense layer whose units set the Output's width: walking back from the Output through
 * single-input layers that keep the width (activations, dropout, normalisation).
 */
function widthSettingDense(doc: ModelDocument, analysis: GraphAnalysis, outputId: string): string | null {
  const width = analysis.nodes[outputId]?.outputShape;
  let at = outputId;
  for (let step = 0; step < 16; step++) {
    const incoming = doc.edges.filter((e) => e.target === at);
    if (incoming.length !== 1) return null;
    const source = doc.nodes.find((n) => n.id === incoming[0].source);
    if (!source) return null;
    if (source.type === 'Dense') return source.id;
    const shape = analysis.nodes[source.id]?.outputShape;
    if (!width || !shape || shape.join('x') !== width.join('x')) return null;
    at = source.id;
  }
  return null;
}

/** The fixes that make `doc` fit `meta`; empty when it already fits (or nothing simple would). */
export function modelFixes(doc: ModelDocument, analysis: GraphAnalysis, meta: Pick<DatasetMeta, 'inputShape' | 'task' | 'classes'>): ModelFix[] {
  const fixes: ModelFix[] = [];
  const inputs = doc.nodes.filter((n) => n.type === 'Input');
  if (inputs.length === 1) {
    const shape = Array.isArray(inputs[0].params.shape) ? (inputs[0].params.shape as number[]) : [];
    if (product(shape) !== product(meta.inputShape)) {
      fixes.push({ label: `Set the Input layer's shape to ${meta.inputShape.join('×')}`, edit: { type: 'setParam', id: inputs[0].id, name: 'shape', value: [...meta.inputShape] } });
    }
  }
  const outputs = doc.nodes.filter((n) => n.type === 'Output');
  if (outputs.length === 1) {
    const want = wantedOutputUnits(meta, outputLoss(doc) ?? '');
    const dense = widthSettingDense(doc, analysis, outputs[0].id);
    const node = doc.nodes.find((n) => n.id === dense);
    if (node && Number(node.params.units) !== want) {
      fixes.push({ label: `Set the units of “${node.name ?? node.id}” to ${want}`, edit: { type: 'setParam', id: node.id, name: 'units', value: want } });
    }
  }
  return fixes;
}
