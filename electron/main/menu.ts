import type { MenuItemConstructorOptions } from 'electron';
import { EXPORT_FORMATS, type HistoryState } from '../../shared/api/contract/core.js';
import {
  accelerator,
  ACTION_LIST,
  actionOf,
  chordsOn,
  type ActionId,
  type ActionSpec,
  type MenuName,
  type Platform,
} from '../../shared/ui/actions.js';

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The event main sends to the renderer for menu commands only the page can
 * carry out (shared/ui/actions.ts lists them): its keyboard actions, and
 * `import-linkedin`, which opens the page's import flow while the backend
 * has no `importFile`. `undo`/`redo` go there when they come from the
 * keyboard: the page knows whether a text field has focus (then the field
 * undoes its typing) or not (then it calls history:undo).
 */
export const MENU_COMMAND_EVENT = 'onMenuCommand';

export interface MenuActions {
  newDataFile(): void;
  openDataFile(): void;
  importLinkedIn(): void;
  exportAs(format: ExportFormat): void;
  /** `isFromKeyboard`: the accelerator fired, so a text field may be the real target. */
  undo(isFromKeyboard: boolean): void;
  redo(isFromKeyboard: boolean): void;
  about(): void;
  openDataFolder(): void;
  /** One of the page's keyboard actions, chosen in the menu. */
  perform(action: ActionId): void;
}

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  /** Shows reload-without-cache and the developer tools (not in a packaged app). */
  readonly isDev: boolean;
  /** The backend's undo/redo state, for labels like "Undo Add person"; unknown before the first status. */
  readonly history?: HistoryState;
}

const EXPORT_LABELS: Readonly<Record<ExportFormat, string>> = {
  json: 'Kith data (JSON)…',
  csv: 'People and ties (CSV)…',
  graphml: 'Graph (GraphML)…',
  gexf: 'Graph for Gephi (GEXF)…',
};

/** "Undo" plus the backend's label for the edit, whether the label already starts with the verb or not. */
export function historyLabel(verb: 'Undo' | 'Redo', label: string | undefined): string {
  if (!label) return verb;
  return label.toLowerCase().startsWith(verb.toLowerCase()) ? label : `${verb} ${label}`;
}

function asPlatform(platform: NodeJS.Platform): Platform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/** The accelerator of an action's first chord on the platform, if it has one there. */
function acceleratorOf(spec: ActionSpec, platform: Platform): string | undefined {
  const chord = chordsOn(spec, platform)[0];
  return chord ? accelerator(chord, platform) : undefined;
}

/**
 * The keyboard actions a menu lists, with their keys shown but not taken:
 * the page handles the keys itself (and leaves them to a text field that has
 * the focus), the menu sends a click as a command.
 */
function actionItems(menu: MenuName, platform: Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  return ACTION_LIST.filter((a) => a.menu?.in === menu && a.id !== 'undo' && a.id !== 'redo').map((a): MenuItemConstructorOptions => {
    const keys = acceleratorOf(a, platform);
    return {
      label: a.menu?.label ?? a.label,
      ...(keys ? { accelerator: keys, registerAccelerator: false } : {}),
      click: () => actions.perform(a.id),
    };
  });
}

/** The native menu as data: File, Edit, View, Graph, (Window on macOS), Help. */
export function buildMenuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = context.platform === 'darwin';
  const platform = asPlatform(context.platform);
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const about: MenuItemConstructorOptions = { label: 'About Kith', click: () => actions.about() };

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'Kith',
          submenu: [
            about,
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New data file…', accelerator: 'CmdOrCtrl+N', click: () => actions.newDataFile() },
      { label: 'Open data file…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDataFile() },
      separator,
      { label: 'Import LinkedIn export…', click: () => actions.importLinkedIn() },
      {
        label: 'Export',
        submenu: EXPORT_FORMATS.map((format): MenuItemConstructorOptions => ({
          label: EXPORT_LABELS[format],
          click: () => actions.exportAs(format),
        })),
      },
      ...(isMac ? [] : [separator, { role: 'quit' } as const]),
    ],
  };

  const history = context.history;
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      {
        label: historyLabel('Undo', history?.undoLabel),
        accelerator: acceleratorOf(actionOf('undo'), platform) ?? 'CmdOrCtrl+Z',
        enabled: history?.canUndo ?? true,
        click: (_item, _window, event) => actions.undo(event.triggeredByAccelerator === true),
      },
      {
        label: historyLabel('Redo', history?.redoLabel),
        accelerator: acceleratorOf(actionOf('redo'), platform) ?? 'Shift+CmdOrCtrl+Z',
        enabled: history?.canRedo ?? true,
        click: (_item, _window, event) => actions.redo(event.triggeredByAccelerator === true),
      },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      separator,
      ...actionItems('edit', platform, actions),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(context.isDev ? [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const] : []),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const graph: MenuItemConstructorOptions = { label: '&Graph', submenu: actionItems('graph', platform, actions) };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    submenu: [
      ...actionItems('help', platform, actions),
      separator,
      ...(isMac ? [] : [about, separator]),
      { label: 'Open data folder', click: () => actions.openDataFolder() },
    ],
  };

  return [...appMenu, file, edit, view, graph, ...(isMac ? [{ role: 'windowMenu' } as const] : []), help];
}
