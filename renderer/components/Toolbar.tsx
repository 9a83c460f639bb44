/** The toolbar: buttons over the command registry, enabled by the same predicates as the menu and shortcuts. */
import { IS_MAC } from '../commands/platform';
import { useCommandRunner } from '../app/CommandRunner';
import { getCommand } from '../commands/registry';
import { formatShortcut } from '../commands/shortcuts';
import type { LayoutDirection } from '../../engine/model';
import { autoLayoutDocument } from '../commands/autoLayout';
import { useEditor, useEditorStore } from '../store/EditorContext';
import { selectLayoutDirection } from '../store/selectors';
import { selectIsDirty } from '../store/historySlice';

function CommandButton({ id, label, icon }: { id: string; label?: string; icon?: string }) {
  const runner = useCommandRunner();
  const command = getCommand(id);
  const enabled = useEditor((s) => (command ? command.enabled(s) : false));
  if (!command) return null;
  const shortcut = command.shortcuts?.[0];
  const text = label ?? command.label.replace('…', '');
  return (
    <button
      type="button"
      className="tool-button"
      disabled={!enabled}
      onClick={() => runner.run(id)}
      title={shortcut ? `${command.label} (${formatShortcut(shortcut, IS_MAC)})` : command.label}
      data-testid={`cmd-${id}`}
    >
      {icon && (
        <span className="tool-button__icon" aria-hidden>
          {icon}
        </span>
      )}
      <span>{text}</span>
    </button>
  );
}

export function Toolbar() {
  const name = useEditor((s) => s.doc.name);
  const origin = useEditor((s) => s.origin);
  const dirty = useEditor(selectIsDirty);
  const store = useEditorStore();
  const direction = useEditor(selectLayoutDirection);
  // The direction is part of the model: changing it re-arranges the layers, as one undoable step.
  const setDirection = (next: LayoutDirection) => void autoLayoutDocument(store, next);
  return (
    <header className="toolbar">
      <div className="brand">
        <span className="brand__mark" aria-hidden>
          ◆
        </span>
        Netwright
      </div>
      <div className="tool-group">
        <CommandButton id="file.new" />
        <CommandButton id="file.newFromTemplate" label="Templates" />
        <CommandButton id="file.open" />
        <CommandButton id="file.import" />
        <CommandButton id="file.save" />
        <CommandButton id="file.saveAs" label="Save As" />
        <CommandButton id="file.export" label="Export" />
      </div>
      <div className="tool-group">
        <CommandButton id="edit.undo" icon="↶" />
        <CommandButton id="edit.redo" icon="↷" />
      </div>
      <div className="tool-group">
        <CommandButton id="edit.copy" />
        <CommandButton id="edit.paste" />
        <CommandButton id="edit.duplicate" />
        <CommandButton id="edit.delete" />
      </div>
      <div className="tool-group">
        <CommandButton id="view.autoLayout" label="Layout" />
        <select
          className="tool-select"
          value={direction}
          onChange={(e) => setDirection(e.target.value === 'DOWN' ? 'DOWN' : 'RIGHT')}
          aria-label="Layout direction"
          data-testid="layout-direction"
        >
          <option value="RIGHT">Left → right</option>
          <option value="DOWN">Top → down</option>
        </select>
        <CommandButton id="view.zoomToFit" label="Fit" />
      </div>
      <div className="toolbar__title" title={origin ?? undefined} data-testid="document-title">
        {name}
        {dirty && (
          <span className="dirty-dot" title="Unsaved changes" data-testid="dirty-indicator">
            ●
          </span>
        )}
      </div>
    </header>
  );
}
