/** A connection labelled with the tensor shape it carries; red when something about it is wrong. */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { formatShape } from '../../engine/model';
import { edgePath } from './edgePath';
import type { ShapeFlowEdge } from './flowTypes';

function ShapeEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd, data }: EdgeProps<ShapeFlowEdge>) {
  // The analysis arrives in `data` (see flowElements.ts) rather than through a store subscription per edge.
  const info = data?.info;
  const [path, labelX, labelY] = edgePath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const issues = info?.issues ?? [];
  const broken = issues.some((i) => i.severity === 'error');
  const className = `shape-edge${broken ? ' is-error' : ''}${selected ? ' is-selected' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} className={className} markerEnd={markerEnd} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div
          className={`shape-edge__label nodrag nopan${broken ? ' is-error' : ''}${selected ? ' is-selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-shape-${id}`}
          title={issues.map((i) => i.message).join('\n') || undefined}
        >
          {formatShape(info?.shape ?? null)}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
