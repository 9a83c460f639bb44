/**
 * Whether the chosen dataset fits the model, for the designer: engine/model's data-fit check over the
 * document and the dataset the training settings name (built-in, or a file this window imported).
 * Problems lists these, the dataset picker shows them, and Train stays disabled while an error stands.
 */
import { useMemo } from 'react';
import { DEFAULT_LOSS, dataFitProblems } from '../../engine/model';
import type { DataFitProblem, GraphAnalysis, ModelDocument } from '../../engine/model';
import { datasetMetaFor } from '../../engine/data';
import type { DatasetMeta } from '../../engine/data';
import { isUserDatasetName } from '../../engine/training/protocol';
import { useEditor } from '../store/EditorContext';
import { selectAnalysis } from '../store/selectors';
import { useTraining } from '../training/TrainingContext';
import type { TrainingState } from '../training/store';
import { datasetMetaByName } from './importedNames';

export interface FitNote {
  severity: 'warning' | 'info';
  message: string;
}

/** The dataset as the check needs it; the CSV import dialog has no name yet. */
export type FitDataset = Pick<DatasetMeta, 'inputShape' | 'task' | 'classes'> & { name?: string };

const described = (meta: FitDataset) => ({ ...meta, name: meta.name ?? 'The dataset' });

/** The loss on the model's Output layer, or null when there is none. */
export function outputLoss(doc: ModelDocument): string | null {
  const output = doc.nodes.find((n) => n.type === 'Output');
  return output ? String(output.params.loss ?? DEFAULT_LOSS) : null;
}

/** Every way `meta` does not fit the model, with the fix for each where one edit makes it fit. */
export function fitProblems(doc: ModelDocument, analysis: GraphAnalysis, meta: FitDataset): DataFitProblem[] {
  return dataFitProblems(doc, analysis, described(meta));
}

/** Notes about how `meta` fits the model; empty when it fits. Errors read as warnings in the picker. */
export function datasetFit(doc: ModelDocument, analysis: GraphAnalysis, meta: FitDataset): FitNote[] {
  return fitProblems(doc, analysis, meta).map((p) => ({ severity: p.severity === 'error' ? 'warning' : 'info', message: p.message }));
}

/**
 * The chosen dataset's description with the document's options (a generated set's classes follow
 * them), or null when the document names a dataset this window does not know.
 */
export function chosenDataset(doc: ModelDocument, userDatasets: TrainingState['userDatasets']): DatasetMeta | null {
  const { name, options } = doc.training.dataset;
  return isUserDatasetName(name) ? datasetMetaByName(name, userDatasets) : datasetMetaFor(name, options);
}

/** The data-fit problems of the editor's document against its chosen dataset (for command predicates). */
export function blockingFitProblems(doc: ModelDocument, userDatasets: TrainingState['userDatasets']): DataFitProblem[] {
  const dataset = chosenDataset(doc, userDatasets);
  return dataset ? fitProblems(doc, selectAnalysis({ doc }), dataset).filter((p) => p.severity === 'error') : [];
}

/** The chosen dataset and how it fits the model, recomputed when the document or the dataset changes. */
export function useDataFit(): { dataset: DatasetMeta | null; problems: DataFitProblem[]; blocking: DataFitProblem[] } {
  const doc = useEditor((s) => s.doc);
  const analysis = useEditor(selectAnalysis);
  const userDatasets = useTraining((s) => s.userDatasets);
  return useMemo(() => {
    const dataset = chosenDataset(doc, userDatasets);
    // Errors first: they are what keeps Train disabled.
    const problems = (dataset ? fitProblems(doc, analysis, dataset) : []).sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error'));
    return { dataset, problems, blocking: problems.filter((p) => p.severity === 'error') };
  }, [doc, analysis, userDatasets]);
}

/** Why Train is disabled, in one line: graph errors first, then the dataset that does not fit; null when it can train. */
export function trainBlockedReason(errorCount: number, blocking: readonly DataFitProblem[], datasetName: string | undefined): string | null {
  if (errorCount > 0) return `Fix the ${errorCount === 1 ? 'problem' : `${errorCount} problems`} in the model first (see Problems).`;
  if (blocking.length > 0) return `The model does not fit ${datasetName ?? 'the dataset'}: ${blocking[0].message}${blocking.length > 1 ? ` (and ${blocking.length - 1} more in Problems)` : ''}`;
  return null;
}
