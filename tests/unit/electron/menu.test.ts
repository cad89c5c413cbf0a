import type { BaseWindow, KeyboardEvent, MenuItem, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { buildMenuTemplate, historyLabel, type MenuActions } from '../../../electron/main/menu.js';
import { ACTION_LIST } from '../../../shared/ui/actions.js';

function fakeActions(): { [K in keyof MenuActions]: Mock<MenuActions[K]> } {
  return {
    newDataFile: vi.fn<() => void>(),
    openDataFile: vi.fn<() => void>(),
    importLinkedIn: vi.fn<() => void>(),
    exportAs: vi.fn<MenuActions['exportAs']>(),
    undo: vi.fn<MenuActions['undo']>(),
    redo: vi.fn<MenuActions['redo']>(),
    about: vi.fn<() => void>(),
    openDataFolder: vi.fn<() => void>(),
    perform: vi.fn<MenuActions['perform']>(),
  };
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no menu ${label}`);
  return menu.submenu;
}

function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label} in ${items.map((i) => i.label ?? i.role).join(', ')}`);
  return found;
}

function click(entry: MenuItemConstructorOptions, event: KeyboardEvent = {}): void {
  entry.click?.({} as MenuItem, undefined as BaseWindow | undefined, event);
}

describe('native menu', () => {
  it('has File, Edit, View, Graph and Help on Windows and Linux', () => {
    const template = buildMenuTemplate({ platform: 'linux', isDev: false }, fakeActions());
    expect(template.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Graph', '&Help']);
    expect(submenu(template, '&File').map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'New data file…',
      'Open data file…',
      'separator',
      'Import LinkedIn export…',
      'Export',
      'separator',
      'quit',
    ]);
    expect(submenu(template, '&Edit').map((i) => i.role ?? i.type ?? 'custom')).toEqual([
      'custom',
      'custom',
      'separator',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'separator',
      'custom',
    ]);
    expect(submenu(template, '&Help').map((i) => i.label ?? i.type)).toEqual([
      'Keyboard shortcuts',
      'separator',
      'About Kith',
      'separator',
      'Open data folder',
    ]);
  });

  it('puts About and Quit in the app menu on macOS and adds the Window menu', () => {
    const template = buildMenuTemplate({ platform: 'darwin', isDev: false }, fakeActions());
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Kith', '&File', '&Edit', '&View', '&Graph', 'windowMenu', '&Help']);
    expect(submenu(template, 'Kith').map((i) => i.label ?? i.role ?? i.type)).toContain('quit');
    expect(submenu(template, '&File').some((i) => i.role === 'quit')).toBe(false);
  });

  it('shows the developer tools only in development', () => {
    const roles = (isDev: boolean) => submenu(buildMenuTemplate({ platform: 'linux', isDev }, fakeActions()), '&View').map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).toEqual(expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
  });

  it('wires every command to its action', () => {
    const actions = fakeActions();
    const template = buildMenuTemplate({ platform: 'linux', isDev: false }, actions);
    const file = submenu(template, '&File');
    click(item(file, 'New data file…'));
    click(item(file, 'Open data file…'));
    click(item(file, 'Import LinkedIn export…'));
    const exports = item(file, 'Export').submenu as MenuItemConstructorOptions[];
    exports.forEach((entry) => click(entry));
    const help = submenu(template, '&Help');
    click(item(help, 'About Kith'));
    click(item(help, 'Open data folder'));
    expect(actions.newDataFile).toHaveBeenCalledOnce();
    expect(actions.openDataFile).toHaveBeenCalledOnce();
    expect(actions.importLinkedIn).toHaveBeenCalledOnce();
    expect(actions.exportAs.mock.calls).toEqual([['json'], ['csv'], ['graphml'], ['gexf']]);
    expect(actions.about).toHaveBeenCalledOnce();
    expect(actions.openDataFolder).toHaveBeenCalledOnce();
  });

  it('tells undo/redo whether the keyboard or the menu triggered them', () => {
    const actions = fakeActions();
    const [undo, redo] = submenu(buildMenuTemplate({ platform: 'linux', isDev: false }, actions), '&Edit');
    if (!undo || !redo) throw new Error('no undo/redo');
    click(undo, { triggeredByAccelerator: true });
    click(undo, {});
    click(redo, { triggeredByAccelerator: true });
    expect(actions.undo.mock.calls).toEqual([[true], [false]]);
    expect(actions.redo.mock.calls).toEqual([[true]]);
    expect(undo.accelerator).toBe('CmdOrCtrl+Z');
    expect(redo.accelerator).toBe('Shift+CmdOrCtrl+Z');
  });

  it('labels and enables undo/redo from the backend history', () => {
    const edit = submenu(
      buildMenuTemplate(
        { platform: 'win32', isDev: false, history: { canUndo: true, canRedo: false, undoLabel: 'Add person', redoLabel: undefined } },
        fakeActions(),
      ),
      '&Edit',
    );
    expect(edit[0]).toMatchObject({ label: 'Undo Add person', enabled: true });
    expect(edit[1]).toMatchObject({ label: 'Redo', enabled: false, accelerator: 'Ctrl+Y' });
  });

  it('lists the keyboard actions from the shared table, keys shown but left to the page, clicks sent as commands', () => {
    const actions = fakeActions();
    const template = buildMenuTemplate({ platform: 'linux', isDev: false }, actions);
    const graph = submenu(template, '&Graph');
    const listed = ACTION_LIST.filter((a) => a.menu?.in === 'graph');
    expect(graph.map((i) => i.label)).toEqual(listed.map((a) => a.menu?.label));
    expect(item(graph, 'Fit to window')).toMatchObject({ accelerator: 'F', registerAccelerator: false });
    expect(item(graph, 'Zoom in')).toMatchObject({ accelerator: 'Plus', registerAccelerator: false });
    expect(item(submenu(template, '&Edit'), 'Find a person…')).toMatchObject({ accelerator: 'CmdOrCtrl+F', registerAccelerator: false });
    graph.forEach((entry) => click(entry));
    click(item(submenu(template, '&Help'), 'Keyboard shortcuts'));
    expect(actions.perform.mock.calls.map(([id]) => id)).toEqual([...listed.map((a) => a.id), 'help']);
    // A bare key is no accelerator on macOS, where the menu would take it from text fields.
    const mac = submenu(buildMenuTemplate({ platform: 'darwin', isDev: false }, fakeActions()), '&Graph');
    expect(item(mac, 'Fit to window').accelerator).toBeUndefined();
  });

  it('does not double the verb in history labels', () => {
    expect(historyLabel('Undo', 'Undo Add person')).toBe('Undo Add person');
    expect(historyLabel('Redo', 'Delete tie')).toBe('Redo Delete tie');
    expect(historyLabel('Undo', undefined)).toBe('Undo');
  });
});
