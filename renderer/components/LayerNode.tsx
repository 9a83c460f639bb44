/** A layer on the canvas: type, name, key params, output shape, parameter count and an error badge. */
import { memo, useEffect } from 'react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { catalog, formatCount, formatShape, isFrozen, plural } from '../../engine/model';
import type { LayerFlowNode } from './flowTypes';
import { SOURCE_HANDLE, targetHandleId } from './flowTypes';
import { categoryStyle } from './categoryStyle';

/** How many input handles to show: the fixed count, or for merges one per connection plus one free. */
function handleCount(maxInputs: number, connected: number): number {
  return Number.isFinite(maxInputs) ? maxInputs : connected + 1;
}

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  // Everything derived arrives in `data` (see flowElements.ts): no store subscription per layer, so a
  // store update costs nothing here unless this layer's own data changed.
  const { node, info, inputsConnected: connected, vertical } = data;
  const spec = catalog[node.type];
  const inputs = handleCount(spec.maxInputs, connected);
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => updateNodeInternals(id), [id, inputs, vertical, updateNodeInternals]);

  const errors = info?.issues.filter((i) => i.severity === 'error') ?? [];
  const warnings = info?.issues.filter((i) => i.severity === 'warning') ?? [];
  const problems = errors.length > 0 ? errors : warnings;
  const targetSide = vertical ? Position.Top : Position.Left;
  const sourceSide = vertical ? Position.Bottom : Position.Right;
  const params = info?.params ?? node.params;
  const frozen = isFrozen(node);

  return (
    <div className={`layer-node${selected ? ' is-selected' : ''}${errors.length > 0 ? ' has-error' : ''}${frozen ? ' is-frozen' : ''}`} style={categoryStyle(spec.category)}>
      {Array.from({ length: inputs }, (_, port) => (
        <Handle
          key={port}
          type="target"
          id={targetHandleId(port)}
          position={targetSide}
          className={`layer-handle${port >= connected && !Number.isFinite(spec.maxInputs) ? ' is-free' : ''}`}
          style={vertical ? { left: `${((port + 1) / (inputs + 1)) * 100}%` } : { top: `${((port + 1) / (inputs + 1)) * 100}%` }}
          title={inputs > 1 ? `Input ${port + 1}` : 'Input'}
        />
      ))}
      <div className="layer-node__header">
        <span className="layer-node__type">{spec.label}</span>
        {frozen && (
          <span className="layer-node__frozen" data-testid={`node-frozen-${id}`} title="Frozen: training leaves this layer's weights unchanged">
            ❄ frozen
          </span>
        )}
        {problems.length > 0 && (
          <span
            className={`layer-node__badge ${errors.length > 0 ? 'is-error' : 'is-warning'}`}
            data-testid={errors.length > 0 ? `node-error-${id}` : `node-warning-${id}`}
            title={problems.map((p) => p.message).join('\n')}
          >
            {errors.length > 0 ? '!' : '⚠'}
            {problems.length > 1 ? ` ${problems.length}` : ''}
          </span>
        )}
      </div>
      <div className="layer-node__name" title={node.id}>
        {node.name ?? node.id}
      </div>
      <div className="layer-node__describe">{spec.describe(params)}</div>
      <div className="layer-node__footer">
        <span className={`layer-node__shape${info?.outputShape ? '' : ' is-unknown'}`} data-testid={`node-shape-${id}`}>
          {spec.hasOutput ? formatShape(info?.outputShape ?? null) : formatShape(info?.inputShapes[0] ?? null)}
        </span>
        {(info?.paramCount ?? 0) > 0 && <span className="layer-node__params">{plural(info!.paramCount, 'param', 'params', formatCount)}</span>}
      </div>
      {spec.hasOutput && <Handle type="source" id={SOURCE_HANDLE} position={sourceSide} className="layer-handle" />}
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
