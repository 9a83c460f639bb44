/** The shortcut sheet (?): every command that has a key, grouped by menu, read from the registry. */
import { useStore } from 'zustand';
import { Modal } from '../components/Modal';
import { keyboardHelpStore } from './keyboardHelpState';
import { COMMANDS, MENU_ORDER } from './registry';
import { formatShortcut } from './shortcuts';
import { IS_MAC } from './platform';

export function ShortcutSheet() {
  const open = useStore(keyboardHelpStore, (s) => s.open === 'shortcuts');
  if (!open) return null;
  const close = () => keyboardHelpStore.getState().setOpen(null);
  const groups = MENU_ORDER.map((menu) => ({ menu, commands: COMMANDS.filter((c) => c.menu === menu && c.shortcuts && c.shortcuts.length > 0) })).filter(
    (g) => g.commands.length > 0,
  );
  return (
    <Modal titleId="shortcut-sheet-title" title="Keyboard shortcuts" onClose={close} className="shortcut-sheet" testId="shortcut-sheet">
      <div className="shortcut-sheet__groups">
        {groups.map(({ menu, commands }) => (
          <section key={menu}>
            <h3>{menu}</h3>
            <dl>
              {commands.map((c) => (
                <div key={c.id} className="shortcut-sheet__row" data-testid={`shortcut-${c.id}`}>
                  <dt>{c.label.replace('…', '')}</dt>
                  <dd>
                    {c.shortcuts!.map((s, i) => (
                      <span key={s}>
                        {i > 0 && <span className="muted"> or </span>}
                        <kbd>{formatShortcut(s, IS_MAC)}</kbd>
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
