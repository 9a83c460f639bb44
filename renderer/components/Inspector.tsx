/** The inspector: the selected layer's name and parameters, or the training settings when nothing is selected. */
import { memo } from 'react';
import { catalog, hasWeights, plural, resolveParams } from '../../engine/model';
import type { DocumentNode, GraphIssue } from '../../engine/model';
import { useEditor } from '../store/EditorContext';
import { selectAnalysis, selectSingleSelectedNode } from '../store/selectors';
import { categoryStyle } from './categoryStyle';
import { CommitInput } from './CommitInput';
import { ParamField } from './ParamField';
import { TrainingForm } from './TrainingForm';

const NO_ISSUES: readonly GraphIssue[] = [];

function LayerInspectorView({ node }: { node: DocumentNode }) {
  const edit = useEditor((s) => s.edit);
  const issues = useEditor((s) => selectAnalysis(s).nodes[node.id]?.issues ?? NO_ISSUES);
  const spec = catalog[node.type];
  const params = resolveParams(node.type, node.params);
  const visible = spec.params.filter((p) => !p.visibleWhen || p.visibleWhen(params));
  return (
    <div className="inspector__body" data-testid="inspector-layer">
      <div className="inspector__kind" style={categoryStyle(spec.category)}>
        <span className="palette__dot" />
        {spec.label}
        <span className="muted inspector__id">{node.id}</span>
      </div>
      <p className="inspector__doc">{spec.doc}</p>
      <div className="field">
        <label className="field__label" htmlFor="node-name">
          Name
        </label>
        <CommitInput
          id="node-name"
          testId="node-name"
          value={node.name ?? ''}
          placeholder={node.id}
          check={() => null}
          onCommit={(name) => edit({ type: 'renameNode', id: node.id, name })}
        />
      </div>
      {hasWeights(node.type) && (
        <div className="field field--inline">
          <label className="field__label" htmlFor="node-trainable" title="Untick to freeze this layer: training (and continued training) leaves its weights unchanged; a frozen BatchNorm uses its running statistics.">
            Trainable
          </label>
          <input
            id="node-trainable"
            type="checkbox"
            className="field__checkbox"
            checked={node.trainable !== false}
            onChange={(e) => edit({ type: 'setTrainable', id: node.id, trainable: e.target.checked })}
            data-testid="node-trainable"
          />
        </div>
      )}
      {visible.length > 0 && <h3 className="inspector__section">Parameters</h3>}
      {visible.map((p) => (
        <ParamField key={`${node.id}:${p.name}`} spec={p} value={params[p.name]} onCommit={(value) => edit({ type: 'setParam', id: node.id, name: p.name, value })} />
      ))}
      {issues.length > 0 && (
        <>
          <h3 className="inspector__section">Problems</h3>
          <ul className="issue-list">
            {issues.map((issue, i) => (
              <li key={i} className={`issue issue--${issue.severity}`}>
                {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The form reads everything but the position, so dragging the selected layer does not re-render it. */
const LayerInspector = memo(
  LayerInspectorView,
  (a, b) => a.node === b.node || (a.node.id === b.node.id && a.node.type === b.node.type && a.node.params === b.node.params && a.node.name === b.node.name && a.node.trainable === b.node.trainable),
);

export function Inspector() {
  const node = useEditor(selectSingleSelectedNode);
  const count = useEditor((s) => s.selectedNodeIds.length + s.selectedEdgeIds.length);
  let title = 'Model';
  let body = <TrainingForm />;
  if (node) {
    title = 'Layer';
    body = <LayerInspector key={node.id} node={node} />;
  } else if (count > 0) {
    title = 'Selection';
    body = (
      <div className="inspector__body">
        <p className="muted">{plural(count, 'item')} selected. Select a single layer to edit its parameters.</p>
      </div>
    );
  }
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <div className="panel-title">{title}</div>
      {body}
    </aside>
  );
}
