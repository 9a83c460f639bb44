import type { z } from 'zod';
import { DOCUMENT_VERSION, documentSchema } from './document';
import type { ModelDocument } from './document';

type Json = Record<string, unknown>;

/**
 * Numbered migrations: MIGRATIONS[n] upgrades a version-n document to version n+1. Each is a pure
 * function over plain JSON, written against the shape of that old version, never against today's types.
 */
export const MIGRATIONS: Record<number, (doc: Json) => Json> = {
  // v1 stored the layer kind as "layer", positions as x/y, connections as "links" without ports,
  // and training with a bare dataset name and optimiser name.
  1: (doc) => {
    const nodes = (doc.nodes as Json[]).map((n) => ({
      id: n.id,
      type: n.layer,
      ...(n.name !== undefined ? { name: n.name } : {}),
      params: n.params ?? {},
      position: { x: n.x ?? 0, y: n.y ?? 0 },
    }));
    const nextPort = new Map<unknown, number>();
    const edges = ((doc.links as Json[]) ?? []).map((l, i) => {
      const port = nextPort.get(l.to) ?? 0;
      nextPort.set(l.to, port + 1);
      return { id: `e${i + 1}`, source: l.from, target: l.to, targetPort: port };
    });
    const t = (doc.training ?? {}) as Json;
    const training = {
      dataset: { name: t.dataset ?? 'mnist', options: {} },
      optimizer: { type: t.optimizer ?? 'adam', learningRate: t.learningRate ?? 0.001 },
      batchSize: t.batchSize ?? 64,
      epochs: t.epochs ?? 3,
      validationSplit: t.validationSplit ?? 0.1,
      seed: t.seed ?? 42,
    };
    return { format: doc.format, version: 2, name: doc.name ?? 'Untitled', description: doc.description ?? '', nodes, edges, training };
  },
};

export type ParseResult = { ok: true; doc: ModelDocument; migratedFrom?: number } | { ok: false; error: string };

function describeZodError(error: z.ZodError): string {
  const lines = error.issues.slice(0, 8).map((issue) => {
    const path = issue.path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
    return `  ${path || '(root)'}: ${issue.message}`;
  });
  const more = error.issues.length > 8 ? `\n  … and ${error.issues.length - 8} more` : '';
  return `${lines.join('\n')}${more}`;
}

/** Validates any JSON value as a model document, upgrading older versions. Never throws. */
export function parseDocument(json: unknown): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, error: 'This is not a Netwright model: the file must hold a JSON object.' };
  }
  let doc = json as Json;
  if (doc.format !== 'netwright-model') {
    return { ok: false, error: 'This is not a Netwright model: it lacks "format": "netwright-model".' };
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    // Lists and objects are named, not printed: one nested thousands deep would exhaust the stack.
    const shown = Array.isArray(version) ? 'a list' : typeof version === 'object' && version !== null ? 'an object' : JSON.stringify(version);
    return { ok: false, error: `The model's "version" must be a whole number from 1 to ${DOCUMENT_VERSION}, but it is ${shown}.` };
  }
  if (version > DOCUMENT_VERSION) {
    return {
      ok: false,
      error: `This model was made by a newer Netwright (format version ${version}; this one reads up to ${DOCUMENT_VERSION}). Update Netwright to open it.`,
    };
  }
  try {
    for (let v = version; v < DOCUMENT_VERSION; v++) doc = MIGRATIONS[v](doc);
  } catch (err) {
    // A migration reads the old shape without checking it: a TypeError means the file is not in that shape.
    const detail =
      err instanceof TypeError || err instanceof RangeError
        ? `its nodes, connections or training settings are not in the form a version-${version} file has. Check the file, or save it again from the Netwright that made it.`
        : (err as Error).message;
    return { ok: false, error: `The version-${version} model could not be upgraded: ${detail}` };
  }
  const parsed = documentSchema.safeParse(doc);
  if (!parsed.success) {
    return { ok: false, error: `The model does not match the format:\n${describeZodError(parsed.error)}` };
  }
  return version < DOCUMENT_VERSION ? { ok: true, doc: parsed.data, migratedFrom: version } : { ok: true, doc: parsed.data };
}
