/** True on macOS (and iOS), where "Mod" in a shortcut is the Command key. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
