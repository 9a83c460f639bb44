/** Portable shortcut notation ("Mod+Shift+Z") matched against key events and turned into Electron accelerators. */

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface ParsedShortcut {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

function parse(shortcut: string): ParsedShortcut {
  const parts = shortcut.split('+');
  const key = parts[parts.length - 1];
  return { key: key.toLowerCase(), mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
}

/** True when the event is this shortcut. On macOS "Mod" is the Command key, elsewhere Control. */
export function matchesShortcut(event: KeyLike, shortcut: string, isMac: boolean): boolean {
  const s = parse(shortcut);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMod = isMac ? event.ctrlKey : event.metaKey;
  // A punctuation key such as "?" is named by the character it types; which modifier types it
  // depends on the keyboard layout, so Shift is not compared unless the shortcut names it.
  const typedCharacter = s.key.length === 1 && !/[a-z0-9]/.test(s.key) && !s.shift;
  const shiftMatches = typedCharacter || event.shiftKey === s.shift;
  return event.key.toLowerCase() === s.key && mod === s.mod && !otherMod && shiftMatches && event.altKey === s.alt;
}

/** Electron's accelerator syntax for the native menu. */
export function toAccelerator(shortcut: string): string {
  return shortcut
    .split('+')
    .map((p) => (p === 'Mod' ? 'CmdOrCtrl' : p.length === 1 ? p.toUpperCase() : p))
    .join('+');
}

/** How the shortcut reads in a tooltip: "Ctrl+Shift+Z" or "⌘⇧Z". */
export function formatShortcut(shortcut: string, isMac: boolean): string {
  const parts = shortcut.split('+').map((p) => (p.length === 1 ? p.toUpperCase() : p));
  if (!isMac) return parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)).join('+');
  const symbols: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Backspace: '⌫', Delete: '⌦' };
  return parts.map((p) => symbols[p] ?? p).join('');
}
