import { createEmptyDocument, defaultParams, edgeIdFor } from '../../../engine/model';
import type { LayerType, ModelDocument } from '../../../engine/model';

type Spec = [id: string, type: LayerType, params?: Record<string, unknown>];

/** Builds a document from layer specs and [source, target, port?] connections. */
export function buildDoc(layers: Spec[], links: [string, string, number?][]): ModelDocument {
  const doc = createEmptyDocument('test');
  doc.nodes = layers.map(([id, type, params], i) => ({
    id,
    type,
    params: { ...defaultParams(type), ...((params ?? {}) as object) },
    position: { x: 0, y: i * 100 },
  }));
  doc.edges = links.map(([source, target, port = 0]) => ({ id: edgeIdFor(source, target, port), source, target, targetPort: port }));
  return doc;
}

/** Input -> Dense(units) -> Output, the smallest valid network. */
export function tinyMlp(units = 10): ModelDocument {
  return buildDoc(
    [
      ['in', 'Input', { shape: [4] }],
      ['d', 'Dense', { units }],
      ['out', 'Output'],
    ],
    [
      ['in', 'd'],
      ['d', 'out'],
    ],
  );
}
