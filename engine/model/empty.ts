import { defaultTraining, DOCUMENT_VERSION } from './document';
import type { ModelDocument } from './document';

/** A new, empty project. */
export function createEmptyDocument(name = 'Untitled'): ModelDocument {
  return { format: 'netwright-model', version: DOCUMENT_VERSION, name, description: '', nodes: [], edges: [], training: defaultTraining() };
}
