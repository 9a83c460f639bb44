/**
 * Driving the designer the way a person does (drag from the palette, drag between handles, type in the
 * inspector, click the toolbar) and reading back what the canvas shows. Expected states come from the
 * engine's own analysis of the document, so the tests check that the UI shows what the model means.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { analyzeGraph, catalog, createEmptyDocument, defaultParams, edgeIdFor, formatShape } from '../../engine/model';
import type { LayerType, ModelDocument } from '../../engine/model';

/** What the canvas shows: each node's shape label, each edge's shape label, the nodes with an error badge. */
export interface CanvasState {
  nodes: Record<string, string>;
  edges: Record<string, string>;
  errors: string[];
}

/** Reads the canvas from the DOM. */
export function readCanvas(page: Page): Promise<CanvasState> {
  return page.evaluate(() => {
    const text = (testId: string): string => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '(none)';
    const nodes: Record<string, string> = {};
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const id = el.getAttribute('data-id')!;
      nodes[id] = text(`node-shape-${id}`);
    }
    const edges: Record<string, string> = {};
    for (const el of document.querySelectorAll('[data-testid^="edge-shape-"]')) {
      edges[el.getAttribute('data-testid')!.slice('edge-shape-'.length)] = el.textContent?.trim() ?? '';
    }
    const errors = [...document.querySelectorAll('[data-testid^="node-error-"]')].map((el) => el.getAttribute('data-testid')!.slice('node-error-'.length)).sort();
    return { nodes, edges, errors };
  });
}

/** What the canvas must show for `doc`, by the engine's shape inference and validation. */
export function expectedCanvas(doc: ModelDocument): CanvasState {
  const analysis = analyzeGraph(doc);
  const nodes: Record<string, string> = {};
  for (const node of doc.nodes) {
    const info = analysis.nodes[node.id];
    // Layers without an output (Output) show the shape they receive.
    nodes[node.id] = formatShape(catalog[node.type].hasOutput ? info?.outputShape : info?.inputShapes[0]);
  }
  const edges: Record<string, string> = {};
  for (const edge of doc.edges) edges[edge.id] = formatShape(analysis.edges[edge.id]?.shape);
  const errors = doc.nodes.filter((n) => analysis.nodes[n.id]?.issues.some((i) => i.severity === 'error')).map((n) => n.id).sort();
  return { nodes, edges, errors };
}

/** Waits until the canvas shows `expected` (React renders asynchronously after each edit). */
export async function expectCanvas(page: Page, expected: CanvasState): Promise<void> {
  await expect.poll(() => readCanvas(page), { timeout: 10_000 }).toEqual(expected);
}

/** A document built alongside the UI, to compute what the canvas should show. */
export class ModelSketch {
  readonly doc: ModelDocument = createEmptyDocument('sketch');

  addNode(id: string, type: LayerType): void {
    this.doc.nodes.push({ id, type, params: defaultParams(type), position: { x: 0, y: 0 } });
  }

  connect(source: string, target: string, port = 0): string {
    const id = edgeIdFor(source, target, port);
    this.doc.edges.push({ id, source, target, targetPort: port });
    return id;
  }

  setParam(id: string, name: string, value: unknown): void {
    const node = this.doc.nodes.find((n) => n.id === id)!;
    node.params = { ...node.params, [name]: value as never };
  }

  expected(): CanvasState {
    return expectedCanvas(this.doc);
  }
}

const nodeLocator = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!));
}

/** Clicks a toolbar button (data-testid `cmd-<commandId>`), waiting for it to be enabled. */
export async function clickCommand(page: Page, commandId: string): Promise<void> {
  const button = page.getByTestId(`cmd-${commandId}`);
  await expect.poll(() => button.isEnabled(), { timeout: 10_000 }).toBe(true);
  await button.click();
}

/** Runs New on a document without unsaved changes and waits for the empty canvas. */
export async function newDocument(page: Page): Promise<void> {
  await clickCommand(page, 'file.new');
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
}

/**
 * Drags a layer from the palette onto the canvas (HTML5 drag and drop) at `at`, in pixels from the
 * canvas's top-left corner, and returns the id of the node it created.
 */
export async function dropLayer(page: Page, type: LayerType, at: { x: number; y: number }): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page.getByTestId(`palette-item-${type}`).dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
  let created: string[] = [];
  await expect
    .poll(async () => {
      created = (await nodeIds(page)).filter((id) => !before.has(id));
      return created.length;
    })
    .toBe(1);
  await nodeLocator(page, created[0]).waitFor();
  return created[0];
}

async function centreOf(locator: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags with the mouse from `source`'s output handle to input handle `port` of `target`. */
export async function connectNodes(page: Page, source: string, target: string, port = 0): Promise<string> {
  const from = await centreOf(nodeLocator(page, source).locator('.react-flow__handle.source'));
  const to = await centreOf(nodeLocator(page, target).locator('.react-flow__handle.target').nth(port));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  const edgeId = edgeIdFor(source, target, port);
  await page.getByTestId(`edge-shape-${edgeId}`).waitFor();
  return edgeId;
}

/** Selects a node by clicking its title, waiting for the inspector to show it. */
export async function selectNode(page: Page, id: string): Promise<void> {
  await nodeLocator(page, id).locator('.layer-node__header').click();
  await page.getByTestId('inspector-layer').locator('.inspector__id', { hasText: new RegExp(`^${id}$`) }).waitFor();
}

/** Types a value into an inspector field of the selected layer and commits it with Enter. */
export async function setParam(page: Page, name: string, value: string): Promise<void> {
  const field = page.getByTestId(`param-${name}`);
  await field.fill(value);
  await field.press('Enter');
}

/** Clicks an empty part of the canvas, which clears the selection and takes focus out of any field. */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
}

/**
 * Builds Input → Dense → Output by dragging from the palette and between handles. Returns the node
 * ids and a sketch of the same model.
 */
export async function buildMlp(page: Page): Promise<{ input: string; dense: string; output: string; sketch: ModelSketch }> {
  const sketch = new ModelSketch();
  const input = await dropLayer(page, 'Input', { x: 140, y: 160 });
  sketch.addNode(input, 'Input');
  const dense = await dropLayer(page, 'Dense', { x: 440, y: 160 });
  sketch.addNode(dense, 'Dense');
  const output = await dropLayer(page, 'Output', { x: 740, y: 160 });
  sketch.addNode(output, 'Output');
  await connectNodes(page, input, dense);
  sketch.connect(input, dense);
  await connectNodes(page, dense, output);
  sketch.connect(dense, output);
  return { input, dense, output, sketch };
}
