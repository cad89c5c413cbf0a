import type { MenuItemConstructorOptions } from 'electron';
import { EXPORT_FORMATS, type HistoryState } from '../../shared/api/contract/core.js';

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The event main sends to the renderer for menu commands only the page can
 * carry out. `undo`/`redo` come from the keyboard: the page knows whether a
 * text field has focus (then the field undoes its typing) or not (then it
 * calls history:undo). `import-linkedin` opens the page's import flow while
 * the backend has no `importFile`.
 */
export const MENU_COMMAND_EVENT = 'onMenuCommand';
export const MENU_COMMANDS = ['undo', 'redo', 'import-linkedin'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

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

/** The native menu as data: File, Edit, View, (Window on macOS), Help. */
export function buildMenuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = context.platform === 'darwin';
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
        accelerator: 'CmdOrCtrl+Z',
        enabled: history?.canUndo ?? true,
        click: (_item, _window, event) => actions.undo(event.triggeredByAccelerator === true),
      },
      {
        label: historyLabel('Redo', history?.redoLabel),
        accelerator: context.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z',
        enabled: history?.canRedo ?? true,
        click: (_item, _window, event) => actions.redo(event.triggeredByAccelerator === true),
      },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
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

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    submenu: [...(isMac ? [] : [about, separator]), { label: 'Open data folder', click: () => actions.openDataFolder() }],
  };

  return [...appMenu, file, edit, view, ...(isMac ? [{ role: 'windowMenu' } as const] : []), help];
}
