import { vi } from 'vitest';

/*
 * A stand-in for the 'electron' module, used with
 * `vi.mock('electron', () => import('./fakeElectron.js'))`. Only the calls Kith's
 * main-process glue makes are here; each records what it was given.
 */

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  private readonly handlers = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.off(event, wrapped);
      return listener(...args);
    }) as Listener;
    return this.on(event, wrapped);
  }

  off(event: string, listener: Listener): this {
    this.handlers.set(
      event,
      (this.handlers.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  /** Calls the listeners as Electron would; arguments are passed through untyped. */
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.handlers.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }

  listenerCount(event: string): number {
    return this.handlers.get(event)?.length ?? 0;
  }

  removeAllListeners(): void {
    this.handlers.clear();
  }
}

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextContentsId = 1;

export class FakeWebContents extends FakeEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeWebFrame;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  isGone = false;

  constructor(url = '') {
    super();
    this.mainFrame = new FakeWebFrame(url);
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.isGone;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends FakeEmitter {
  static instances: BrowserWindow[] = [];
  static focused: BrowserWindow | null = null;

  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused;
  }

  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  isShown = false;
  isFocusedNow = false;
  minimized = false;
  maximized = false;
  restoreCalls = 0;
  normalBounds = { x: 10, y: 20, width: 1000, height: 700 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.isShown = true;
  }
  focus(): void {
    this.isFocusedNow = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.restoreCalls++;
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.normalBounds;
  }
}

class FakeApp extends FakeEmitter {
  hasSingleInstanceLock = true;
  isPackaged = false;
  paths: Record<string, string> = {};
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly setPath = vi.fn((name: string, value: string) => {
    this.paths[name] = value;
  });
  readonly getPath = vi.fn((name: string) => {
    const value = this.paths[name];
    if (value === undefined) throw new Error(`fake app.getPath: no path for ${name}`);
    return value;
  });
  readonly requestSingleInstanceLock = vi.fn(() => this.hasSingleInstanceLock);
  readonly whenReady = vi.fn(() => Promise.resolve());
  getVersion(): string {
    return '0.1.0';
  }
}

export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  },
};

export const ipcMain = {
  handle: vi.fn(),
  removeHandler: vi.fn(),
  on: vi.fn(),
  once: vi.fn(),
  handleOnce: vi.fn(),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const dialog = {
  showErrorBox: vi.fn(),
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showMessageBoxSync: vi.fn((..._args: unknown[]) => 0),
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  showItemInFolder: vi.fn(),
};

export const screen = {
  getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
};

export const nativeTheme = { shouldUseDarkColors: false };

export const contextBridge = { exposeInMainWorld: vi.fn() };

export const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
};

/** Back to a fresh fake between tests (listeners, windows, recorded calls). */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  app.removeAllListeners();
  app.hasSingleInstanceLock = true;
  app.isPackaged = false;
  app.paths = {};
  BrowserWindow.instances = [];
  BrowserWindow.focused = null;
  nativeTheme.shouldUseDarkColors = false;
}

export default { app, protocol, session, ipcMain, Menu, dialog, shell, screen, nativeTheme, BrowserWindow, contextBridge, ipcRenderer };
