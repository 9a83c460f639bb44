/** "New from template": a modal list of the built-in models. */
import { TEMPLATES } from '../../engine/model';
import { useCommandRunner } from '../app/CommandRunner';
import { useEditor } from '../store/EditorContext';

export function TemplatePicker() {
  const open = useEditor((s) => s.templatePickerOpen);
  const setOpen = useEditor((s) => s.setTemplatePickerOpen);
  const runner = useCommandRunner();
  if (!open) return null;
  return (
    <div className="modal-backdrop" onClick={() => setOpen(false)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <div className="modal" role="dialog" aria-modal aria-labelledby="template-title" onClick={(e) => e.stopPropagation()} data-testid="template-picker">
        <div className="modal__header">
          <h2 id="template-title">New from template</h2>
          <button type="button" className="tool-button" onClick={() => setOpen(false)} aria-label="Close" autoFocus>
            ✕
          </button>
        </div>
        <ul className="template-list">
          {TEMPLATES.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className="template-card"
                data-testid={`template-${t.id}`}
                onClick={() => {
                  setOpen(false);
                  runner.run(`template:${t.id}`);
                }}
              >
                <span className="template-card__name">{t.name}</span>
                <span className="template-card__description">{t.description}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
