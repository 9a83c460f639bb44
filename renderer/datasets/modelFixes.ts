/**
 * One-click fixes that make the model fit a dataset (the Input's shape, the Output's units, its
 * loss), from engine/model's data-fit check. Each fix is one undoable step, however many params it sets.
 */
import { LOSSES, isLossName } from '../../engine/model';
import type { DataFitFix, GraphAnalysis, ModelDocument } from '../../engine/model';
import type { DatasetMeta } from '../../engine/data';
import type { Edit } from '../editor/edits';
import type { FitDataset } from './datasetFit';
import { fitProblems } from './datasetFit';

/** A fix offered as a button: its label and the edits it applies as one step. */
export interface ModelFix {
  label: string;
  edit: readonly Edit[];
}

/** The edits of a data-fit fix. */
export function fixEdits(fix: DataFitFix): Edit[] {
  return fix.changes.map((c) => ({ type: 'setParam', id: c.nodeId, name: c.name, value: c.value }));
}

/** Output units the dataset needs with this loss: one per class for a multi-class loss, else one. */
export function wantedOutputUnits(meta: Pick<DatasetMeta, 'task' | 'classes'>, loss: string): number {
  if (meta.task === 'regression' || !isLossName(loss)) return 1;
  return LOSSES[loss].task === 'classification-multi' ? meta.classes.length : 1;
}

/** The fixes that make `doc` fit `meta`; empty when it already fits (or nothing simple would). */
export function modelFixes(doc: ModelDocument, analysis: GraphAnalysis, meta: FitDataset): ModelFix[] {
  return fitProblems(doc, analysis, meta).flatMap((p) => (p.fix ? [{ label: p.fix.label, edit: fixEdits(p.fix) }] : []));
}
