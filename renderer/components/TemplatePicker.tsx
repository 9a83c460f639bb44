/** "New from template": a modal list of the built-in models. */
import { TEMPLATES } from '../../engine/model';
import { useCommandRunner } from '../app/CommandRunner';
import { useEditor } from '../store/EditorContext';
import { Modal } from './Modal';

export function TemplatePicker() {
  const open = useEditor((s) => s.templatePickerOpen);
  const setOpen = useEditor((s) => s.setTemplatePickerOpen);
  const runner = useCommandRunner();
  if (!open) return null;
  const close = () => setOpen(false);
  return (
    <Modal titleId="template-title" title="New from template" onClose={close} testId="template-picker">
      <ul className="template-list">
        {TEMPLATES.map((t, index) => (
          <li key={t.id}>
            <button
              type="button"
              className="template-card"
              data-testid={`template-${t.id}`}
              {...(index === 0 ? { 'data-autofocus': true } : {})}
              onClick={() => {
                close();
                runner.run(`template.open:${t.id}`);
              }}
            >
              <span className="template-card__name">{t.name}</span>
              <span className="template-card__description">{t.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
