/**
 * Keyboard actions, declared once: the renderer's shortcuts and help sheet
 * and the Electron menu all read this table (what each does is the
 * renderer's: see renderer/src/keyboard/actions.ts). Adding an action is one
 * entry here and its `perform` there; the typecheck asks for the second.
 */

/** The platforms a chord may be limited to, as Node names them. */
export type Platform = 'darwin' | 'win32' | 'linux';

/** A key as `KeyboardEvent.key` reports it (letters in lower case), with the modifiers it needs. */
export interface KeyChord {
  readonly key: string;
  /** Cmd on macOS, Ctrl elsewhere. */
  readonly mod?: boolean;
  /** Ctrl itself, on any platform (Windows' Ctrl+Y). */
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  /** Where the chord works; everywhere when absent. */
  readonly on?: readonly Platform[];
}

/** Where the Electron menu lists an action. */
export type MenuName = 'edit' | 'graph' | 'help';

export interface ActionSpec {
  readonly id: string;
  /** What it does, for the help sheet. */
  readonly label: string;
  /** The first chord that works on a platform is the one shown there; any of them fires the action. */
  readonly keys: readonly KeyChord[];
  /** Fires while the focus is in a text field too (a chord that fields do not use themselves). */
  readonly inFields?: boolean;
  readonly menu?: { readonly in: MenuName; readonly label: string };
}

const on = (...platforms: Platform[]) => platforms;

/** Every keyboard action, in the order the help sheet and the menus list them. */
export const ACTIONS = [
  {
    id: 'find',
    label: 'Find a person (jumps to them on the graph)',
    keys: [{ key: 'f', mod: true }],
    inFields: true,
    menu: { in: 'edit', label: 'Find a person…' },
  },
  { id: 'help', label: 'This sheet', keys: [{ key: '?' }], menu: { in: 'help', label: 'Keyboard shortcuts' } },
  { id: 'layout-around-me', label: 'Layout: around me', keys: [{ key: '1' }], menu: { in: 'graph', label: 'Around me' } },
  { id: 'layout-force', label: 'Layout: force', keys: [{ key: '2' }], menu: { in: 'graph', label: 'Force' } },
  { id: 'layout-clusters', label: 'Layout: clusters', keys: [{ key: '3' }], menu: { in: 'graph', label: 'Clusters' } },
  { id: 'relayout', label: 'Lay the current layout out again', keys: [{ key: 'l' }], menu: { in: 'graph', label: 'Lay out again' } },
  {
    id: 'next-grouping',
    label: 'Next grouping: everyone · company · community · tag',
    keys: [{ key: 'g' }],
    menu: { in: 'graph', label: 'Next grouping' },
  },
  { id: 'hide-my-ties', label: 'Hide or show my own ties', keys: [{ key: 'h' }], menu: { in: 'graph', label: 'Hide or show my ties' } },
  {
    id: 'ego-view',
    label: 'Ego view of the selected person (again: leave it)',
    keys: [{ key: 'e' }],
    menu: { in: 'graph', label: 'Ego view of the selection' },
  },
  { id: 'collapse-groups', label: 'Collapse every group', keys: [{ key: 'c' }], menu: { in: 'graph', label: 'Collapse every group' } },
  { id: 'fit', label: 'Fit the graph to the window', keys: [{ key: 'f' }], menu: { in: 'graph', label: 'Fit to window' } },
  { id: 'zoom-in', label: 'Zoom in', keys: [{ key: '+' }, { key: '=' }], menu: { in: 'graph', label: 'Zoom in' } },
  { id: 'zoom-out', label: 'Zoom out', keys: [{ key: '-' }, { key: '_' }], menu: { in: 'graph', label: 'Zoom out' } },
  { id: 'undo', label: 'Undo', keys: [{ key: 'z', mod: true }], menu: { in: 'edit', label: 'Undo' } },
  {
    id: 'redo',
    label: 'Redo',
    keys: [
      { key: 'y', ctrl: true, on: on('win32') },
      { key: 'z', mod: true, shift: true },
      { key: 'y', ctrl: true, on: on('linux') },
    ],
    menu: { in: 'edit', label: 'Redo' },
  },
  { id: 'delete', label: 'Delete the selected person or tie', keys: [{ key: 'Delete' }] },
  { id: 'clear', label: 'Clear the selection, then the picked people, then the ego view', keys: [{ key: 'Escape' }] },
] as const satisfies readonly ActionSpec[];

export type ActionId = (typeof ACTIONS)[number]['id'];

/** An action's entry, its id typed. */
export type Action = ActionSpec & { readonly id: ActionId };

/** The table, each entry as an Action. */
export const ACTION_LIST: readonly Action[] = ACTIONS;

export const ACTION_IDS: readonly ActionId[] = ACTION_LIST.map((a) => a.id);

/** The entry of an action. */
export function actionOf(id: ActionId): Action {
  const action = ACTION_LIST.find((a) => a.id === id);
  if (!action) throw new Error(`No keyboard action "${id}"`);
  return action;
}

/** The action a key press stands for on `platform`; undefined for any other key. */
export function actionForKey(event: KeyPress, platform: Platform): Action | undefined {
  return ACTION_LIST.find((a) => a.keys.some((chord) => matchesChord(chord, event, platform)));
}

/** The chords of an action that work on `platform`, the one to show first. */
export function chordsOn(spec: ActionSpec, platform: Platform): readonly KeyChord[] {
  return spec.keys.filter((k) => k.on === undefined || k.on.includes(platform));
}

const KEY_NAMES: Readonly<Record<string, string>> = { Escape: 'Esc', '-': '−' };

/** A chord as the platform writes it: `⇧⌘Z` on macOS, `Ctrl+Shift+Z` elsewhere. */
export function chordLabel(chord: KeyChord, platform: Platform): string {
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  if (platform === 'darwin') {
    return `${chord.ctrl ? '⌃' : ''}${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${KEY_NAMES[chord.key] ?? key}`;
  }
  const mods = [chord.mod || chord.ctrl ? 'Ctrl' : '', chord.shift ? 'Shift' : ''].filter((m) => m !== '');
  return [...mods, KEY_NAMES[chord.key] ?? key].join('+');
}

const ACCELERATOR_KEYS: Readonly<Record<string, string>> = { '+': 'Plus', ' ': 'Space' };

/**
 * The chord as an Electron accelerator (`CmdOrCtrl+Shift+Z`, `F`, `Plus`).
 * Undefined for a bare key on macOS, where a menu would take the key from
 * text fields; the help sheet still lists it.
 */
export function accelerator(chord: KeyChord, platform: Platform): string | undefined {
  const bare = !chord.mod && !chord.ctrl;
  if (bare && platform === 'darwin') return undefined;
  const key = ACCELERATOR_KEYS[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [chord.shift ? 'Shift' : '', chord.mod ? 'CmdOrCtrl' : '', chord.ctrl ? 'Ctrl' : '', key].filter((p) => p !== '').join('+');
}

/** What a key press says: `KeyboardEvent` has these. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Whether a key press is this chord on `platform`; letters match in either case. */
export function matchesChord(chord: KeyChord, event: KeyPress, platform: Platform): boolean {
  if (chord.on && !chord.on.includes(platform)) return false;
  if (event.altKey) return false;
  const isMac = platform === 'darwin';
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const wantCtrl = chord.ctrl === true || (chord.mod === true && !isMac);
  const wantMeta = chord.mod === true && isMac;
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta || (chord.mod === true && !mod)) return false;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key !== chord.key) return false;
  // Shift is part of what a printable key means ('?' is Shift+/ on many layouts): only letters and named keys check it.
  const printable = chord.key.length === 1 && !/[a-z]/.test(chord.key);
  return printable || event.shiftKey === (chord.shift === true);
}

/** What the Electron menu asks the page to do: an action, by id, or the page's own import flow. */
export const MENU_COMMANDS = ['import-linkedin', ...ACTION_IDS] as unknown as readonly ['import-linkedin', ...ActionId[]];
export type MenuCommand = (typeof MENU_COMMANDS)[number];
