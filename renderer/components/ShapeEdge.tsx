/** A connection labelled with the tensor shape it carries; red when something about it is wrong. */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { formatShape } from '../../engine/model';
import { edgePath, labelFits, labelWidth } from './edgePath';
import type { ShapeFlowEdge } from './flowTypes';

function ShapeEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd, data }: EdgeProps<ShapeFlowEdge>) {
  // The analysis arrives in `data` (see flowElements.ts) rather than through a store subscription per edge.
  const info = data?.info;
  const ends = { sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition };
  const [path, labelX, labelY] = edgePath(ends);
  const issues = info?.issues ?? [];
  const broken = issues.some((i) => i.severity === 'error');
  const className = `shape-edge${broken ? ' is-error' : ''}${selected ? ' is-selected' : ''}`;
  const text = formatShape(info?.shape ?? null);
  // Between close layers the label would be cut by them: a marker stands in, the shape on hover and in its tooltip.
  const compact = !labelFits(ends, labelX, labelY, labelWidth(text));
  const tooltip = [...(compact ? [text] : []), ...issues.map((i) => i.message)].join('\n');
  return (
    <>
      <BaseEdge id={id} path={path} className={className} markerEnd={markerEnd} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div
          className={`shape-edge__label nodrag nopan${broken ? ' is-error' : ''}${selected ? ' is-selected' : ''}${compact ? ' is-compact' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-shape-${id}`}
          title={tooltip || undefined}
          aria-label={compact ? `Shape ${text}` : undefined}
        >
          <span className="shape-edge__text">{text}</span>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
