/**
 * `netwright train --init-weights <trained.json> --freeze <id,...>`: start from a trained file's
 * weights (and its input transform) and keep some layers as they are. Weights of layers the model no
 * longer has are ignored; new layers start fresh; a weight whose shape changed is an error (exit 1).
 */
import { compileGraph, hasWeights } from '../../engine/model';
import type { ModelDocument } from '../../engine/model';
import { SessionFailure } from '../../engine/training/failures';
import { planStartingWeights } from '../../engine/training/initialWeights';
import type { StartMessage } from '../../engine/training/protocol';
import { weightShapesOf } from '../../engine/training/weightShapes';
import type { CliIo } from '../command';
import { readTrainedFile } from './common';

/** The two options, for parseArgs. */
export const FINE_TUNE_OPTIONS = {
  'init-weights': { type: 'string' },
  freeze: { type: 'string' },
} as const;

/** Their lines in `netwright train --help`. */
export const FINE_TUNE_HELP = [
  '  --init-weights <trained.json>  start from a trained model file\'s weights and input normalisation;',
  '                       layers it lacks start fresh, layers the model lacks are ignored',
  '  --freeze a,b         layer ids whose weights stay as they are (a frozen BatchNorm uses its running statistics)',
];

/** The document with its frozen layers, and what the start message adds. */
export interface FineTune {
  document: ModelDocument;
  start: Pick<StartMessage, 'initialWeights' | 'initialShapes' | 'initialNormalisation'>;
  /** What happened, to print before training (empty without either option). */
  notes: string[];
}

type Values = { 'init-weights'?: string | boolean; freeze?: string | boolean } & Record<string, unknown>;

/** Marks the --freeze layers not trainable; returns an error line for an unknown id or a layer without weights. */
export function freezeLayers(document: ModelDocument, list: string): { document: ModelDocument } | { error: string } {
  const ids = [...new Set(list.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
  if (ids.length === 0) return { error: '--freeze needs layer ids separated by commas, e.g. --freeze conv1,conv2.' };
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  const withWeights = document.nodes.filter((n) => hasWeights(n.type)).map((n) => n.id);
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    return { error: `--freeze names ${unknown.length === 1 ? 'a layer' : 'layers'} the model does not have: ${unknown.join(', ')}. Layers with weights: ${withWeights.join(', ') || 'none'}.` };
  }
  const weightless = ids.filter((id) => !hasWeights(byId.get(id)!.type));
  if (weightless.length > 0) {
    return { error: `--freeze: ${weightless.map((id) => `${id} (${byId.get(id)!.type})`).join(', ')} ${weightless.length === 1 ? 'has' : 'have'} no weights to freeze. Layers with weights: ${withWeights.join(', ') || 'none'}.` };
  }
  const frozen = new Set(ids);
  return { document: { ...document, nodes: document.nodes.map((n) => (frozen.has(n.id) ? { ...n, trainable: false } : n)) } };
}

/**
 * Applies --freeze and --init-weights to the document about to be trained. A problem with either is
 * printed and yields null (exit code 1); an unreadable file is a UsageError (exit code 2).
 */
export async function fineTuneFromArgs(document: ModelDocument, values: Values, io: CliIo): Promise<FineTune | null> {
  const fail = (line: string, hint?: string) => {
    io.err(`netwright train: ${line}`);
    if (hint) io.err(`hint: ${hint}`);
    return null;
  };
  const result: FineTune = { document, start: {}, notes: [] };
  if (typeof values.freeze === 'string') {
    const frozen = freezeLayers(document, values.freeze);
    if ('error' in frozen) return fail(frozen.error);
    result.document = frozen.document;
    result.notes.push(`Frozen: ${result.document.nodes.filter((n) => n.trainable === false).map((n) => n.id).join(', ')}`);
  }
  const file = values['init-weights'];
  if (typeof file !== 'string') return result;
  const trained = await readTrainedFile('train', file, io);
  if (!trained) return null;
  const compiled = compileGraph(result.document);
  // An invalid model is reported by the run itself, with every node at fault.
  if (!compiled.ok) return { ...result, start: { initialWeights: trained.weights, initialShapes: trained.shapes, initialNormalisation: trained.normalisation } };
  try {
    const plan = planStartingWeights(weightShapesOf(compiled.program), trained.weights, trained.shapes);
    result.notes.push(
      `Starting from ${file}: ${plan.loaded.length} weight(s) loaded` +
        (plan.fresh.length ? `; fresh: ${plan.fresh.join(', ')}` : '') +
        (plan.ignored.length ? `; ignored (no such layer): ${plan.ignored.join(', ')}` : ''),
    );
  } catch (error) {
    if (error instanceof SessionFailure) return fail(`--init-weights ${file}: ${error.message}`, error.hint);
    throw error;
  }
  result.start = { initialWeights: trained.weights, initialShapes: trained.shapes, initialNormalisation: trained.normalisation };
  return result;
}
