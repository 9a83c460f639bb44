/**
 * Builds a Netwright document from a foreign graph: nodes with catalog defaults filled in, edges in
 * port order, weights by engine name, and positions from a simple layered layout (column = longest
 * path from an input), which the app's Auto Layout can refine.
 */
import { createEmptyDocument } from '../model/empty';
import { defaultParams } from '../model/params';
import type { LayerType } from '../model/layerTypes';
import type { ModelDocument } from '../model/document';
import type { ParamValue } from '../model/program';
import { edgeIdFor } from '../model/ids';
import { analyzeGraph } from '../model/analyze';
import { prepareModel } from './graph';
import type { ExportableModel, UnsupportedLayer } from './types';
import { InteropError, unsupportedLayersError } from './types';

const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 140;

export class ImportBuilder {
  readonly doc: ModelDocument;
  readonly weights: Record<string, Float32Array> = {};
  readonly unsupported: UnsupportedLayer[] = [];
  private readonly ids = new Set<string>();
  private readonly inputsOf = new Map<string, string[]>();
  private readonly nextSuffix = new Map<string, number>();

  constructor(name: string) {
    this.doc = createEmptyDocument(name);
  }

  /** A node id from a foreign name: kept when free, else suffixed. */
  private idFor(name: string): string {
    const base = name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100) || 'layer';
    let id = base;
    // Counting on from the last suffix used for this base keeps many same-named layers linear.
    for (let i = this.nextSuffix.get(base) ?? 2; this.ids.has(id); i++) {
      id = `${base}_${i}`;
      this.nextSuffix.set(base, i + 1);
    }
    this.ids.add(id);
    return id;
  }

  /** Adds a layer fed by `inputs` (node ids, port order); returns its id. */
  add(name: string, type: LayerType, params: Record<string, ParamValue>, inputs: string[]): string {
    const id = this.idFor(name);
    this.doc.nodes.push({ id, type, params: { ...defaultParams(type), ...params }, position: { x: 0, y: 0 } });
    inputs.forEach((source, port) => this.doc.edges.push({ id: edgeIdFor(source, id, port), source, target: id, targetPort: port }));
    this.inputsOf.set(id, inputs);
    return id;
  }

  /** Sets a node's param after the fact (e.g. a bias found in a later op). */
  setParam(id: string, key: string, value: ParamValue): void {
    this.doc.nodes.find((n) => n.id === id)!.params[key] = value;
  }

  /** The output shape of a node of the graph built so far, or null when it cannot be inferred yet. */
  shapeOf(id: string): number[] | null {
    const shape = analyzeGraph(this.doc).nodes[id]?.outputShape;
    return shape ? [...shape] : null;
  }

  setWeight(id: string, key: string, values: Float32Array): void {
    this.weights[`${id}/${key}`] = values;
  }

  /** Puts the Input nodes first, in the given order (the order predict and exports take inputs in). */
  orderInputs(ids: string[]): void {
    const inputs = ids.map((id) => this.doc.nodes.find((n) => n.id === id)!).filter(Boolean);
    this.doc.nodes = [...inputs, ...this.doc.nodes.filter((n) => !inputs.includes(n))];
  }

  reject(name: string, type: string, reason: string): void {
    this.unsupported.push({ name, type, reason });
  }

  /** The imported model: throws one error naming every unsupported layer, or the graph's own errors. */
  finish(format: string): ExportableModel {
    if (this.unsupported.length > 0) throw unsupportedLayersError(`Netwright cannot import from ${format}`, this.unsupported);
    this.layout();
    const model: ExportableModel = { document: this.doc, weights: this.weights };
    try {
      prepareModel(model);
    } catch (err) {
      throw new InteropError(`The ${format} model was read but does not make a valid Netwright model: ${(err as Error).message}`);
    }
    return model;
  }

  private layout(): void {
    // Every node is added after the nodes feeding it, so one pass in order finds each depth
    // (no recursion: a foreign graph may be thousands of layers deep).
    const depth = new Map<string, number>();
    const rows = new Map<number, number>();
    for (const node of this.doc.nodes) {
      let d = 0;
      for (const source of this.inputsOf.get(node.id) ?? []) d = Math.max(d, (depth.get(source) ?? 0) + 1);
      depth.set(node.id, d);
      const row = rows.get(d) ?? 0;
      rows.set(d, row + 1);
      node.position = { x: d * COLUMN_WIDTH, y: row * ROW_HEIGHT };
    }
  }
}
