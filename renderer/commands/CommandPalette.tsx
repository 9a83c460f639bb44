/**
 * The command palette (Mod+K): every command in the registry, found by typing part of its name or
 * menu, run with Enter. Commands that cannot run now are listed, dimmed, and skipped.
 */
import { useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useCommandRunner } from '../app/CommandRunner';
import { Modal } from '../components/Modal';
import { useEditor } from '../store/EditorContext';
import { keyboardHelpStore } from './keyboardHelpState';
import { COMMANDS } from './registry';
import { formatShortcut } from './shortcuts';
import type { Command } from './types';
import { IS_MAC } from './platform';

/** Commands whose menu and label contain every word of the query, those whose label starts with it first. */
export function matchCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = commands.filter((c) => {
    const text = `${c.menu} ${c.label}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  const q = query.trim().toLowerCase();
  if (!q) return matching;
  const starts = (c: Command) => (c.label.toLowerCase().startsWith(q) ? 0 : 1);
  return matching.map((c, i) => ({ c, i })).sort((a, b) => starts(a.c) - starts(b.c) || a.i - b.i).map(({ c }) => c);
}

export function CommandPalette() {
  const open = useStore(keyboardHelpStore, (s) => s.open === 'palette');
  if (!open) return null;
  return <PaletteBody />;
}

function PaletteBody() {
  const runner = useCommandRunner();
  const state = useEditor((s) => s);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = useMemo(() => matchCommands(COMMANDS, query), [query]);
  const close = () => keyboardHelpStore.getState().setOpen(null);
  const run = (command: Command | undefined) => {
    if (!command || !command.enabled(state)) return;
    close();
    runner.run(command.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (found.length === 0 ? 0 : (i + step + found.length) % found.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(found[active]);
    }
  };
  const optionId = (i: number) => `command-option-${i}`;
  return (
    <Modal titleId="command-palette-title" title="Commands" onClose={close} className="command-palette" testId="command-palette">
      <input
        className="command-palette__input"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls="command-palette-list"
        aria-activedescendant={found.length > 0 ? optionId(active) : undefined}
        aria-label="Search commands"
        placeholder="Type a command…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-autofocus
        data-testid="command-palette-input"
      />
      <ul className="command-palette__list" id="command-palette-list" role="listbox" aria-label="Commands">
        {found.length === 0 && <li className="muted">No command matches “{query}”.</li>}
        {found.map((command, i) => {
          const enabled = command.enabled(state);
          const shortcut = command.shortcuts?.[0];
          return (
            <li
              key={command.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              aria-disabled={!enabled}
              className={`command-palette__item${i === active ? ' is-active' : ''}${enabled ? '' : ' is-disabled'}`}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => run(command)}
              data-testid={`palette-${command.id}`}
            >
              <span className="command-palette__menu">{command.menu}</span>
              <span className="command-palette__label">{command.label}</span>
              {shortcut && <kbd>{formatShortcut(shortcut, IS_MAC)}</kbd>}
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}
