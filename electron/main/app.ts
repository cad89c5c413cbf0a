import fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
  type OpenDialogOptions,
  type SaveDialogOptions,
  type WebContents,
} from 'electron';
import { DATA_FILE_NAME } from '../backend/paths.js';
import { ExportResultSchema, FileStatusSchema, type HistoryState } from '../../shared/api/contract/core.js';
import { KithError, toApiError } from '../../shared/api/envelope.js';
import { spawnBackendWorker, startBackendHost, type BackendHost } from './backendHost.js';
import { forwardEvents, registerIpc, sendToWindows } from './ipc.js';
import type { MenuCommand } from '../../shared/ui/actions.js';
import { buildMenuTemplate, MENU_COMMAND_EVENT, type ExportFormat, type MenuActions } from './menu.js';
import type { AppPaths } from './paths.js';
import { APP_URL, denyAllPermissions, hardenWebContents, installAppProtocol, registerAppScheme } from './security.js';
import { createWindowOptions } from './windowOptions.js';
import { fitToDisplays, loadWindowState, saveWindowState, windowStateFrom, type WindowStateFs } from './windowState.js';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface KithOptions {
  readonly paths: AppPaths;
  /** Replaces `<userData>` (end-to-end tests give each launch its own folder). */
  readonly userDataDir?: string;
  /** Starts the backend for a data file; by default in a worker thread running `paths.worker`. */
  readonly startBackend?: (dataPath: string) => Promise<BackendHost>;
  readonly windowStateFs?: WindowStateFs;
}

const JSON_FILTERS = [{ name: 'Kith data file', extensions: ['json'] }];
const LINKEDIN_FILTERS = [{ name: 'LinkedIn data export', extensions: ['zip', 'csv'] }];

function withJsonExtension(file: string): string {
  return path.extname(file) === '' ? `${file}.json` : file;
}

/**
 * The Electron main process: one instance per user, a hardened window on
 * `app://kith/`, the IPC binding, the native menu, and the backend in a worker
 * thread. The only place that reads `app.getPath`. Resolves once the first
 * window is created (or at once for a second instance, which just quits).
 */
export async function startKith(options: KithOptions): Promise<void> {
  const { paths } = options;
  const windowStateFs = options.windowStateFs ?? fs;
  const startBackend =
    options.startBackend ?? ((dataPath: string) => startBackendHost({ worker: spawnBackendWorker(paths.worker, dataPath) }));

  registerAppScheme(protocol);
  if (options.userDataDir) app.setPath('userData', options.userDataDir);
  // One writer per data file: a second launch hands over to the first and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const windows = new Set<BrowserWindow>();
  const ownContents = new Set<WebContents>();
  let backend: BackendHost | undefined;
  let windowStatePath = '';
  let currentDataPath = '';
  let history: HistoryState | undefined;
  let isBackendClosed = false;
  let isQuitting = false;

  const mainWindow = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? windows.values().next().value;

  const showError = (title: string, err: unknown): void => {
    dialog.showErrorBox(title, toApiError(err).message);
  };

  const createWindow = (): BrowserWindow => {
    const displays = screen.getAllDisplays().map((display) => display.workArea);
    const state = fitToDisplays(loadWindowState(windowStateFs, windowStatePath), displays);
    const window = new BrowserWindow(
      createWindowOptions({ preloadPath: paths.preload, state, isDarkTheme: nativeTheme.shouldUseDarkColors }),
    );
    const contents = window.webContents;
    windows.add(window);
    ownContents.add(contents);
    window.once('ready-to-show', () => {
      if (state.isMaximized) window.maximize();
      window.show();
    });
    // The page blocks unloading while typed text has not reached the backend: ask before losing it.
    contents.on('will-prevent-unload', (event) => {
      const choice = dialog.showMessageBoxSync(window, {
        type: 'warning',
        buttons: ['Stay', 'Close without saving'],
        defaultId: 0,
        cancelId: 0,
        message: 'Some text you typed has not been saved yet.',
        detail: 'Stay to finish or fix it (a refused field is marked), or close and lose that text.',
      });
      if (choice === 1) event.preventDefault();
    });
    window.on('close', () => {
      saveWindowState(windowStateFs, windowStatePath, windowStateFrom(window.getNormalBounds(), window.isMaximized()));
    });
    window.on('closed', () => {
      windows.delete(window);
      ownContents.delete(contents);
    });
    void window.loadURL(APP_URL);
    return window;
  };

  const focusFirstWindow = (): void => {
    const window = windows.values().next().value;
    if (!window) {
      if (backend) createWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const sendMenuCommand = (command: MenuCommand): void => {
    const window = mainWindow();
    if (window) sendToWindows([window.webContents], MENU_COMMAND_EVENT, { command });
  };

  const openDialog = async (options: OpenDialogOptions): Promise<string | undefined> => {
    const window = mainWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  };

  const saveDialog = async (options: SaveDialogOptions): Promise<string | undefined> => {
    const window = mainWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? undefined : result.filePath;
  };

  const refreshMenu = (): void => {
    const template = buildMenuTemplate({ platform: process.platform, isDev: !app.isPackaged, ...(history ? { history } : {}) }, actions);
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const noteStatus = (payload: unknown): void => {
    const status = FileStatusSchema.safeParse(payload);
    if (!status.success) return;
    currentDataPath = status.data.path;
    if (JSON.stringify(status.data.history) === JSON.stringify(history)) return;
    history = status.data.history;
    refreshMenu();
  };

  const runBackendTask = async (title: string, task: (host: BackendHost) => Promise<void>): Promise<void> => {
    if (!backend) return;
    try {
      await task(backend);
    } catch (err) {
      showError(title, err);
    }
  };

  const historyStep = (channel: 'history:undo' | 'history:redo', command: MenuCommand, isFromKeyboard: boolean): void => {
    if (isFromKeyboard) return sendMenuCommand(command);
    void runBackendTask('Kith could not undo or redo', async (host) => {
      await host.call(channel, {});
    });
  };

  const actions: MenuActions = {
    newDataFile: () =>
      void runBackendTask('Kith could not create the data file', async (host) => {
        const file = await saveDialog({
          title: 'New data file',
          defaultPath: path.join(path.dirname(currentDataPath), 'kith-network.json'),
          buttonLabel: 'Create',
          filters: JSON_FILTERS,
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        if (!file) return;
        const window = mainWindow();
        const question = {
          type: 'question' as const,
          message: 'Start the new data file with the example network?',
          detail: 'The example shows Living and Doing ties at work. You can delete it later.',
          buttons: ['Empty network', 'Example network', 'Cancel'],
          defaultId: 0,
          cancelId: 2,
        };
        const { response } = window ? await dialog.showMessageBox(window, question) : await dialog.showMessageBox(question);
        if (response === 2) return;
        await host.createFile(withJsonExtension(file), { example: response === 1 });
      }),
    openDataFile: () =>
      void runBackendTask('Kith could not open the data file', async (host) => {
        const file = await openDialog({ title: 'Open data file', filters: JSON_FILTERS, properties: ['openFile'] });
        if (file) await host.openFile(file);
      }),
    importLinkedIn: () =>
      void runBackendTask('Kith could not import the LinkedIn export', async (host) => {
        if (!host.importFile) return sendMenuCommand('import-linkedin');
        const file = await openDialog({ title: 'Import LinkedIn export', filters: LINKEDIN_FILTERS, properties: ['openFile'] });
        if (file) await host.importFile(file);
      }),
    exportAs: (format: ExportFormat) =>
      void runBackendTask('Kith could not export the network', async (host) => {
        const result = await host.call('network:export', { format });
        if (!result.ok) throw new KithError(result.error.code, result.error.message, result.error.details);
        const exported = ExportResultSchema.parse(result.value);
        const file = await saveDialog({ title: 'Export network', defaultPath: path.join(app.getPath('documents'), exported.filename) });
        if (file) await writeFile(file, exported.content, 'utf8');
      }),
    undo: (isFromKeyboard) => historyStep('history:undo', 'undo', isFromKeyboard),
    redo: (isFromKeyboard) => historyStep('history:redo', 'redo', isFromKeyboard),
    about: () => {
      const versions = `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`;
      const about = {
        title: 'About Kith',
        message: `Kith ${app.getVersion()}`,
        detail: `Explore your professional network as a graph: Living and Doing networking, planned-happenstance paths, introductions.\n\n${versions}`,
      };
      const window = mainWindow();
      void (window ? dialog.showMessageBox(window, about) : dialog.showMessageBox(about));
    },
    openDataFolder: () => shell.showItemInFolder(currentDataPath),
    perform: (action) => sendMenuCommand(action),
  };

  app.on('second-instance', focusFirstWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (windows.size === 0 && backend) createWindow();
  });
  // Let the backend write its pending save and release the file lock before the process ends.
  app.on('before-quit', (event) => {
    if (!backend || isBackendClosed) return;
    event.preventDefault();
    if (isQuitting) return;
    isQuitting = true;
    void backend
      .close()
      .catch(() => undefined)
      .finally(() => {
        isBackendClosed = true;
        app.quit();
      });
  });

  await app.whenReady();
  const userData = app.getPath('userData');
  currentDataPath = path.join(userData, DATA_FILE_NAME);
  windowStatePath = path.join(userData, WINDOW_STATE_FILE);
  denyAllPermissions(session.defaultSession);
  installAppProtocol(protocol, paths.rendererDir);

  try {
    backend = await startBackend(currentDataPath);
  } catch (err) {
    showError('Kith cannot start', err);
    app.quit();
    return;
  }
  backend.onExit((error) => {
    isBackendClosed = true;
    dialog.showErrorBox('Kith stopped', `${error.message} What was saved before is on disk; Kith will now close.`);
    app.quit();
  });
  registerIpc({ backend, isOwnWebContents: (contents) => ownContents.has(contents) });
  forwardEvents(backend, () => [...windows].map((window) => window.webContents));
  backend.onEvent((name, payload) => {
    if (name === 'onFileStatus') noteStatus(payload);
  });
  const status = await backend.call('file:status', {});
  if (status.ok) noteStatus(status.value);
  refreshMenu();
  createWindow();
}
