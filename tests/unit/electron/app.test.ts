import type { BaseWindow, KeyboardEvent, MenuItem, MenuItemConstructorOptions } from 'electron';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, type EventName } from '../../../shared/api/contract/index.js';
import { KithError, type Result } from '../../../shared/api/envelope.js';
import type { BackendHost } from '../../../electron/main/backendHost.js';
import { appPaths } from '../../../electron/main/paths.js';
import { APP_SCHEME_PRIVILEGES, CONTENT_SECURITY_POLICY } from '../../../electron/main/security.js';
import { app, BrowserWindow, dialog, FakeWebContents, ipcMain, Menu, protocol, resetFakeElectron, session, shell } from './fakeElectron.js';

vi.mock('electron', () => import('./fakeElectron.js'));

const { startKith, WINDOW_STATE_FILE } = await import('../../../electron/main/app.js');

const paths = appPaths('/opt/kith/resources/app.asar/dist/electron');
let userData: string;

function status(overrides: Record<string, unknown> = {}) {
  return {
    path: path.join(userData, 'kith.json'),
    revision: 1,
    isDirty: false,
    people: 1,
    ties: 0,
    history: { canUndo: false, canRedo: false },
    ...overrides,
  };
}

function fakeHost() {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const exitListeners = new Set<(error: { code: 'internal'; message: string }) => void>();
  const host = {
    canImportFile: false,
    call: vi.fn(async (name: string, _input: unknown): Promise<Result<unknown>> => {
      if (name === 'file:status') return { ok: true, value: status() };
      if (name === 'network:export')
        return { ok: true, value: { filename: 'kith-network.csv', mimeType: 'text/csv', content: 'name\nAda\n' } };
      return { ok: true, value: null };
    }),
    onEvent: vi.fn((listener: (name: EventName, payload: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    onExit: vi.fn((listener: (error: { code: 'internal'; message: string }) => void) => {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    }),
    openFile: vi.fn(async (_path: string) => undefined),
    createFile: vi.fn(async (_path: string, _opts?: { example?: boolean }) => undefined),
    close: vi.fn(async () => undefined),
    emit: (name: EventName, payload: unknown) => listeners.forEach((listener) => listener(name, payload)),
    die: (message: string) => exitListeners.forEach((listener) => listener({ code: 'internal', message })),
  };
  return host;
}

type FakeHost = ReturnType<typeof fakeHost>;

async function start(host: FakeHost = fakeHost()) {
  const startBackend = vi.fn(async (_dataPath: string) => host as unknown as BackendHost);
  await startKith({ paths, startBackend });
  return { host, startBackend, window: BrowserWindow.instances[0] };
}

function lastMenu(): MenuItemConstructorOptions[] {
  const calls = Menu.buildFromTemplate.mock.calls;
  return calls[calls.length - 1]?.[0] as MenuItemConstructorOptions[];
}

function menuItem(label: string): MenuItemConstructorOptions {
  const walk = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined => {
    for (const entry of items) {
      if (entry.label === label) return entry;
      if (Array.isArray(entry.submenu)) {
        const found = walk(entry.submenu);
        if (found) return found;
      }
    }
    return undefined;
  };
  const found = walk(lastMenu());
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
}

function clickMenu(label: string, event: KeyboardEvent = {}): void {
  menuItem(label).click?.({} as MenuItem, undefined as BaseWindow | undefined, event);
}

beforeEach(() => {
  resetFakeElectron();
  userData = mkdtempSync(path.join(tmpdir(), 'kith-userdata-'));
  app.paths = { userData, documents: path.join(userData, 'Documents') };
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

describe('main process start', () => {
  it('creates the window with every security option set, the preload, the title and remembered bounds', async () => {
    writeFileSync(path.join(userData, WINDOW_STATE_FILE), JSON.stringify({ x: 100, y: 80, width: 1300, height: 850, isMaximized: false }));
    const { window } = await start();
    expect(BrowserWindow.instances).toHaveLength(1);
    const options = window?.options as { webPreferences: Record<string, unknown> } & Record<string, unknown>;
    expect(options).toMatchObject({ title: 'Kith', show: false, x: 100, y: 80, width: 1300, height: 850, backgroundColor: '#ffffff' });
    const prefs = options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.preload).toBe(paths.preload);
    expect(prefs.preload).toBe('/opt/kith/resources/app.asar/dist/electron/preload.cjs');
    expect(typeof prefs.spellcheck).toBe('boolean');
    expect(window?.loadedUrl).toBe('app://kith/index.html');
  });

  it('uses the default size and a dark background when nothing is remembered and the OS is dark', async () => {
    const { nativeTheme } = await import('./fakeElectron.js');
    nativeTheme.shouldUseDarkColors = true;
    const { window } = await start();
    expect(window?.options).toMatchObject({ width: 1280, height: 820, backgroundColor: '#1e1f22' });
    expect(window?.options).not.toHaveProperty('x');
  });

  it('shows the window when ready and remembers its bounds on close', async () => {
    const { window } = await start();
    if (!window) throw new Error('no window');
    window.emit('ready-to-show');
    expect(window.isShown).toBe(true);
    window.normalBounds = { x: 33, y: 44, width: 1111, height: 777 };
    window.maximized = true;
    window.emit('close');
    expect(JSON.parse(readFileSync(path.join(userData, WINDOW_STATE_FILE), 'utf8'))).toEqual({
      x: 33,
      y: 44,
      width: 1111,
      height: 777,
      isMaximized: true,
    });
  });

  it('asks before closing a window whose page holds unsaved typing, and closes only when told to', async () => {
    const { dialog } = await import('./fakeElectron.js');
    const { window } = await start();
    if (!window) throw new Error('no window');
    const stay = vi.fn();
    dialog.showMessageBoxSync.mockReturnValueOnce(0);
    window.webContents.emit('will-prevent-unload', { preventDefault: stay });
    expect(stay).not.toHaveBeenCalled();
    const leave = vi.fn();
    dialog.showMessageBoxSync.mockReturnValueOnce(1);
    window.webContents.emit('will-prevent-unload', { preventDefault: leave });
    expect(leave).toHaveBeenCalledOnce();
    expect(dialog.showMessageBoxSync).toHaveBeenLastCalledWith(
      window,
      expect.objectContaining({ buttons: ['Stay', 'Close without saving'] }),
    );
  });

  it('starts the backend on <userData>/kith.json', async () => {
    const { startBackend } = await start();
    expect(startBackend).toHaveBeenCalledWith(path.join(userData, 'kith.json'));
    expect(app.getPath).toHaveBeenCalledWith('userData');
  });

  it('registers app:// as privileged before ready and serves it with the CSP', async () => {
    await start();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    const registerOrder = protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0] ?? Infinity;
    expect(registerOrder).toBeLessThan(app.whenReady.mock.invocationCallOrder[0] ?? -Infinity);
    expect(protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = protocol.handle.mock.calls[0] as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler(new Request('app://kith/../../etc/passwd'));
    expect([403, 404]).toContain(response.status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('denies every permission in the default session', async () => {
    await start();
    const request = session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      c: unknown,
      p: string,
      cb: (ok: boolean) => void,
    ) => void;
    const check = session.defaultSession.setPermissionCheckHandler.mock.calls[0]?.[0] as (c: unknown, p: string) => boolean;
    const callback = vi.fn();
    request(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check(null, 'notifications')).toBe(false);
  });

  it('hardens every WebContents the app creates: no navigation away, no window.open', async () => {
    await start();
    const contents = new FakeWebContents('app://kith/index.html');
    app.emit('web-contents-created', {}, contents);
    const preventDefault = vi.fn();
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('registers one IPC handler per channel, serving only its own window', async () => {
    const { host, window } = await start();
    expect(ipcMain.handle.mock.calls.map(([name]) => name).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(ipcMain.on).not.toHaveBeenCalled();
    const handler = ipcMain.handle.mock.calls.find(([name]) => name === 'person:create')?.[1] as (
      event: unknown,
      payload: unknown,
    ) => Promise<Result<unknown>>;
    if (!window) throw new Error('no window');
    await expect(
      handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, { name: 'Ada' }),
    ).resolves.toMatchObject({ ok: true });
    expect(host.call).toHaveBeenCalledWith('person:create', { name: 'Ada' });
    const stranger = new FakeWebContents('app://kith/index.html');
    await expect(handler({ sender: stranger, senderFrame: stranger.mainFrame }, { name: 'Eve' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(host.call).not.toHaveBeenCalledWith('person:create', { name: 'Eve' });
  });

  it('forwards backend events to the window and relabels Undo from the file status', async () => {
    const { host, window } = await start();
    host.emit('onFileStatus', status({ history: { canUndo: true, canRedo: false, undoLabel: 'Add person' } }));
    expect(window?.webContents.sent.at(-1)).toMatchObject({ channel: 'onFileStatus' });
    expect(menuItem('Undo Add person').enabled).toBe(true);
  });

  it('shows an error and quits when the backend cannot start', async () => {
    const startBackend = vi.fn(async () => {
      throw new KithError('file-locked', 'kith.json is open in another program.');
    });
    await startKith({ paths, startBackend });
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Kith cannot start', 'kith.json is open in another program.');
    expect(app.quit).toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
  });

  it('tells the user and quits if the backend thread dies', async () => {
    const { host } = await start();
    host.die('The Kith backend stopped unexpectedly (exit code 1).');
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Kith stopped', expect.stringContaining('exit code 1'));
    expect(app.quit).toHaveBeenCalled();
  });
});

describe('single instance', () => {
  it('a second instance quits at once without a window, a backend or IPC', async () => {
    app.hasSingleInstanceLock = false;
    const startBackend = vi.fn();
    await startKith({ paths, startBackend });
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(startBackend).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance restores and focuses its window when a second one starts', async () => {
    const { window } = await start();
    if (!window) throw new Error('no window');
    window.minimized = true;
    app.emit('second-instance', {}, ['kith'], '/');
    expect(window.restoreCalls).toBe(1);
    expect(window.isFocusedNow).toBe(true);
    expect(BrowserWindow.instances).toHaveLength(1);
  });

  it('the first instance opens a window again if all were closed (macOS)', async () => {
    const { window } = await start();
    window?.emit('closed');
    app.emit('second-instance', {}, ['kith'], '/');
    expect(BrowserWindow.instances).toHaveLength(2);
  });
});

describe('quitting', () => {
  it('waits for the backend to save and close before the app quits', async () => {
    let finishClose: () => void = () => undefined;
    const host = fakeHost();
    host.close.mockImplementation(() => new Promise<undefined>((resolve) => (finishClose = () => resolve(undefined))));
    await start(host);
    const first = { preventDefault: vi.fn() };
    app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(host.close).toHaveBeenCalledTimes(1);
    const again = { preventDefault: vi.fn() };
    app.emit('before-quit', again);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(host.close).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
    finishClose();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    const last = { preventDefault: vi.fn() };
    app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });
});

describe('menu commands', () => {
  it('Open data file… asks for a file and switches the backend to it', async () => {
    const { host } = await start();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ada/other.json'] });
    clickMenu('Open data file…');
    await vi.waitFor(() => expect(host.openFile).toHaveBeenCalledWith('/home/ada/other.json'));
  });

  it('a failing open shows the backend’s message', async () => {
    const { host } = await start();
    host.openFile.mockRejectedValueOnce(new KithError('file-corrupt', 'other.json line 1: not JSON'));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ada/other.json'] });
    clickMenu('Open data file…');
    await vi.waitFor(() =>
      expect(dialog.showErrorBox).toHaveBeenCalledWith('Kith could not open the data file', 'other.json line 1: not JSON'),
    );
  });

  it('New data file… creates the file, with the example when asked', async () => {
    const { host } = await start();
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/ada/team' });
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    clickMenu('New data file…');
    await vi.waitFor(() => expect(host.createFile).toHaveBeenCalledWith('/home/ada/team.json', { example: true }));
  });

  it('Export writes what the backend exported to the chosen file', async () => {
    const { host } = await start();
    const target = path.join(userData, 'export.csv');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    clickMenu('People and ties (CSV)…');
    await vi.waitFor(() => expect(readFileSync(target, 'utf8')).toBe('name\nAda\n'));
    expect(host.call).toHaveBeenCalledWith('network:export', { format: 'csv' });
  });

  it('Undo from the menu calls history:undo; from the keyboard it asks the page', async () => {
    const { host, window } = await start();
    clickMenu('Undo');
    await vi.waitFor(() => expect(host.call).toHaveBeenCalledWith('history:undo', {}));
    BrowserWindow.focused = window ?? null;
    clickMenu('Undo', { triggeredByAccelerator: true });
    expect(window?.webContents.sent.at(-1)).toEqual({ channel: 'onMenuCommand', args: [{ command: 'undo' }] });
    expect(host.call.mock.calls.filter(([name]) => name === 'history:undo')).toHaveLength(1);
  });

  it('Import LinkedIn export… goes to the page while the backend has no importer', async () => {
    const { window } = await start();
    clickMenu('Import LinkedIn export…');
    await vi.waitFor(() =>
      expect(window?.webContents.sent.at(-1)).toEqual({ channel: 'onMenuCommand', args: [{ command: 'import-linkedin' }] }),
    );
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('Import LinkedIn export… hands the chosen file to the backend when it can import', async () => {
    const host = fakeHost();
    const importFile = vi.fn(async (_path: string) => undefined);
    Object.assign(host, { canImportFile: true, importFile });
    await start(host);
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ada/Basic_LinkedInDataExport.zip'] });
    clickMenu('Import LinkedIn export…');
    await vi.waitFor(() => expect(importFile).toHaveBeenCalledWith('/home/ada/Basic_LinkedInDataExport.zip'));
  });

  it('Open data folder shows the current data file', async () => {
    await start();
    clickMenu('Open data folder');
    expect(shell.showItemInFolder).toHaveBeenCalledWith(path.join(userData, 'kith.json'));
  });
});
