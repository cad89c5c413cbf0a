/** Shortcut labels as the platform writes them. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
export const MOD = IS_MAC ? '⌘' : 'Ctrl+';
export const REDO_KEYS = IS_MAC ? '⇧⌘Z' : 'Ctrl+Y';
