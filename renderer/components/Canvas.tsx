/**
 * The React Flow canvas, fully controlled by the editor store: nodes and edges are derived from the
 * document and selection; React Flow's change events are translated into typed edits.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import type { Connection, EdgeChange, IsValidConnection, NodeChange } from '@xyflow/react';
import { catalog, LAYER_TYPES } from '../../engine/model';
import { CATEGORY_COLORS } from './categoryStyle';
import type { DocumentEdge, LayerType } from '../../engine/model';
import { newEdgeId } from '../editor/edits';
import type { XYPosition } from '../editor/edits';
import { DEFAULT_NODE_SIZE } from '../editor/layout';
import type { CanvasControls } from '../commands/types';
import { useEditor, useEditorStore } from '../store/EditorContext';
import type { EditorState } from '../store/types';
import { inputCountsOf, selectAnalysis, selectLayoutDirection } from '../store/selectors';
import { createFlowEdgeBuilder, createFlowNodeBuilder } from './flowElements';
import type { LayerFlowNode, ShapeFlowEdge } from './flowTypes';
import { LAYER_DRAG_TYPE, portOfHandle } from './flowTypes';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';

const nodeTypes = { layer: LayerNode };
const edgeTypes = { shape: ShapeEdge };
// Deep models would shrink to illegible; below half size the view centres instead of fitting everything.
/** Fitting never zooms out past the point where layer labels stay readable; a larger model scrolls. */
const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.1, minZoom: 0.6 };
// Module-level so its identity never changes: React Flow hands it to every edge wrapper through its store,
// and a fresh object per render would re-render all edges on every frame of a drag.
const DEFAULT_EDGE_OPTIONS = { type: 'shape' } as const;
// Also stable: a new array per render re-renders React Flow's whole graph view and re-binds its key listeners.
const MULTI_SELECTION_KEYS = ['Shift', 'Meta', 'Control'];
// A dropped layer hangs from the cursor by the middle of its title bar, as it is picked up in the palette.
const DROP_GRIP = { x: DEFAULT_NODE_SIZE.width / 2, y: 20 };
const minimapColor = (node: LayerFlowNode): string => CATEGORY_COLORS[catalog[node.data.node.type].category];

type Measured = EditorState['measured'];

/** What to do on an empty canvas: drag layers in, or start from a template. */
function EmptyCanvasHint() {
  const openTemplates = useEditor((s) => s.setTemplatePickerOpen);
  return (
    <div className="canvas-hint" data-testid="canvas-empty-hint">
      <p className="canvas-hint__title">Drag layers here from the palette, or pick a template</p>
      <p className="canvas-hint__text">Click a layer in the palette to add it after the selected one; an Input, a few Dense layers and an Output make a first model.</p>
      <button type="button" className="tool-button tool-button--outlined" onClick={() => openTemplates(true)} data-testid="canvas-empty-templates">
        Templates…
      </button>
    </div>
  );
}

export function Canvas({ onControls }: { onControls: (controls: CanvasControls | null) => void }) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const selectedNodeIds = useEditor((s) => s.selectedNodeIds);
  const selectedEdgeIds = useEditor((s) => s.selectedEdgeIds);
  const measured = useEditor((s) => s.measured);
  const focusRequest = useEditor((s) => s.focusRequest);
  const documentEpoch = useEditor((s) => s.documentEpoch);
  const flow = useReactFlow<LayerFlowNode, ShapeFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  // The analysis and input counts keep their identity while only positions change (see selectors.ts).
  const analysis = useEditor(selectAnalysis);
  const inputCounts = inputCountsOf(doc.edges);
  const vertical = useEditor((s) => selectLayoutDirection(s) === 'DOWN');
  const [buildFlowNodes] = useState(createFlowNodeBuilder);
  const nodes = useMemo(
    () => buildFlowNodes({ nodes: doc.nodes, selected: selectedNodeIds, measured, analysis, inputCounts, vertical }),
    [buildFlowNodes, doc.nodes, selectedNodeIds, measured, analysis, inputCounts, vertical],
  );
  const [buildFlowEdges] = useState(createFlowEdgeBuilder);
  const edges = useMemo(
    () => buildFlowEdges({ edges: doc.edges, selected: selectedEdgeIds, analysis }),
    [buildFlowEdges, doc.edges, selectedEdgeIds, analysis],
  );

  // React Flow keeps a fit requested on an empty canvas until the first layer appears, then jumps to it:
  // the first dropped layer would leap to the centre. So the view is only ever fitted to layers that exist.
  const fitToLayers = useCallback(
    (duration?: number) => {
      if (store.getState().doc.nodes.length > 0) void flow.fitView(duration ? { ...FIT_OPTIONS, duration } : FIT_OPTIONS);
    },
    [flow, store],
  );

  useEffect(() => {
    const controls: CanvasControls = {
      fitView: () => fitToLayers(250),
      visibleArea() {
        const rect = wrapper.current?.getBoundingClientRect();
        if (!rect) return { x: 0, y: 0, width: 0, height: 0 };
        const topLeft = flow.screenToFlowPosition({ x: rect.left, y: rect.top });
        const bottomRight = flow.screenToFlowPosition({ x: rect.right, y: rect.bottom });
        return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
      },
      focusNode: (nodeId) => store.getState().focusNode(nodeId),
    };
    onControls(controls);
    return () => onControls(null);
  }, [flow, store, onControls, fitToLayers]);

  useEffect(() => {
    if (!focusRequest) return;
    const node = store.getState().doc.nodes.find((n) => n.id === focusRequest.nodeId);
    if (!node) return;
    const size = store.getState().measured[node.id] ?? { width: 200, height: 90 };
    void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
  }, [focusRequest, flow, store]);

  // The document shown at start and each newly loaded one are framed once their layers have been measured;
  // nothing else moves the view, so layers stay where the person put them.
  useEffect(() => {
    const timer = setTimeout(() => fitToLayers(), 60);
    return () => clearTimeout(timer);
  }, [documentEpoch, fitToLayers]);

  const onNodesChange = useCallback(
    (changes: NodeChange<LayerFlowNode>[]) => {
      const state = store.getState();
      const sizes: Measured = {};
      const positions: Record<string, XYPosition> = {};
      const selection: { kind: 'node'; id: string; selected: boolean }[] = [];
      let dragEnded = false;
      for (const change of changes) {
        switch (change.type) {
          case 'dimensions':
            if (change.dimensions) sizes[change.id] = change.dimensions;
            break;
          case 'position':
            if (change.position) positions[change.id] = change.position;
            if (change.dragging && !dragging.current) {
              // A drag is one undo step however many frames it lasts.
              dragging.current = true;
              state.beginBatch();
            }
            if (change.dragging === false) dragEnded = true;
            break;
          case 'select':
            selection.push({ kind: 'node', id: change.id, selected: change.selected });
            break;
          case 'remove':
          case 'add':
          case 'replace':
            // Deletion and insertion go through commands; React Flow never edits the document itself.
            break;
          default: {
            const unreachable: never = change;
            return unreachable;
          }
        }
      }
      if (Object.keys(sizes).length > 0) state.setMeasured(sizes);
      if (selection.length > 0) state.changeSelection(selection);
      if (Object.keys(positions).length > 0) store.getState().edit({ type: 'moveNodes', positions });
      if (dragEnded && dragging.current) {
        dragging.current = false;
        store.getState().endBatch();
      }
    },
    [store],
  );

  const endDrag = useCallback(() => {
    if (!dragging.current) return;
    dragging.current = false;
    store.getState().endBatch();
  }, [store]);

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ShapeFlowEdge>[]) => {
      const selection = changes.flatMap((c) => (c.type === 'select' ? [{ kind: 'edge' as const, id: c.id, selected: c.selected }] : []));
      if (selection.length > 0) store.getState().changeSelection(selection);
    },
    [store],
  );

  const isValidConnection: IsValidConnection<ShapeFlowEdge> = useCallback(
    (connection) => {
      if (connection.source === connection.target) return false;
      const nodesById = new Map(store.getState().doc.nodes.map((n) => [n.id, n]));
      const source = nodesById.get(connection.source);
      const target = nodesById.get(connection.target);
      return !!source && !!target && catalog[source.type].hasOutput && catalog[target.type].maxInputs > 0;
    },
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const { doc: current } = store.getState();
      const port = portOfHandle(connection.targetHandle) ?? 0;
      const edge: DocumentEdge = {
        id: newEdgeId(current, connection.source, connection.target, port),
        source: connection.source,
        target: connection.target,
        targetPort: port,
      };
      store.getState().edit({ type: 'connect', edge });
    },
    [store],
  );

  const onPaneClick = useCallback(() => store.getState().clearSelection(), [store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(LAYER_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(LAYER_DRAG_TYPE);
      if (!(LAYER_TYPES as readonly string[]).includes(type)) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addLayer(type as LayerType, { position: { x: Math.round(point.x - DROP_GRIP.x), y: Math.round(point.y - DROP_GRIP.y) } });
    },
    [flow, store],
  );

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={endDrag}
        onSelectionDragStop={endDrag}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        selectNodesOnDrag={false}
        minZoom={0.15}
        maxZoom={2.5}
        colorMode="dark"
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        connectionRadius={28}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap pannable zoomable position="bottom-right" nodeBorderRadius={6} nodeColor={minimapColor} ariaLabel="Overview of the network" />
      </ReactFlow>
      {doc.nodes.length === 0 && <EmptyCanvasHint />}
    </div>
  );
}
