import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../shared/api/contract/index.js';
import { contractNamesPlugin } from '../../../electron/preload/contractNamesPlugin.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security.js';

/*
 * The built main.cjs, run in plain Node with 'electron' resolved to a small
 * scripted fake: checks that the bundles resolve their paths from __dirname,
 * start the real backend in the real worker.cjs, serve dist/renderer, answer
 * IPC, and flush the backend on quit. Built as scripts/build.ts builds them.
 */

const root = path.resolve(import.meta.dirname, '../../..');

const FAKE_ELECTRON = String.raw`
const { EventEmitter } = require('node:events');
const report = { windows: [], errors: [], quitCalls: 0, protocolSchemes: [], ipcChannels: [] };
const paths = {};
const protocolHandlers = {};
const ipcHandlers = {};
let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  process.stdout.write('REPORT' + JSON.stringify(report) + '\n');
  process.exit(0);
}
setTimeout(() => { report.errors.push('timeout'); finish(); }, 20000).unref();
const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  setPath: (name, value) => { paths[name] = value; },
  getPath: (name) => { if (!paths[name]) throw new Error('no path ' + name); return paths[name]; },
  getVersion: () => '0.0.0-test',
  quit: () => {
    report.quitCalls++;
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => { prevented = true; } });
    if (!prevented) finish();
  },
  exit: (code) => { report.exitCode = code; finish(); },
});
class WebContents extends EventEmitter {
  constructor() { super(); this.url = ''; this.sent = []; }
  getURL() { return this.url; }
  isDestroyed() { return false; }
  send(channel, payload) { this.sent.push(channel); }
  setWindowOpenHandler() {}
}
async function drive(window) {
  try {
    const handler = protocolHandlers.app;
    const index = await handler(new Request('app://kith/index.html'));
    report.index = { status: index.status, csp: index.headers.get('content-security-policy'), body: await index.text() };
    report.traversalStatus = (await handler(new Request('app://kith/%2e%2e%2f%2e%2e%2fsecret.txt'))).status;
    const own = { sender: window.webContents, senderFrame: { url: 'app://kith/index.html', parent: null } };
    report.status = await ipcHandlers['file:status'](own, {});
    report.created = await ipcHandlers['person:create'](own, { name: 'Ada Lovelace' });
    report.invalid = await ipcHandlers['person:create'](own, { name: '' });
    report.forbidden = await ipcHandlers['network:get']({ sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    report.eventsSent = [...new Set(window.webContents.sent)];
  } catch (err) {
    report.errors.push(String(err && err.stack || err));
  }
  app.quit();
}
class BrowserWindow extends EventEmitter {
  static getFocusedWindow() { return null; }
  constructor(options) {
    super();
    this.webContents = new WebContents();
    report.windows.push(options);
  }
  loadURL(url) { report.loadedUrl = url; this.webContents.url = url; setImmediate(() => drive(this)); return Promise.resolve(); }
  show() {}
  focus() {}
  maximize() {}
  isMaximized() { return false; }
  isMinimized() { return false; }
  getNormalBounds() { return { x: 0, y: 0, width: 1000, height: 700 }; }
}
module.exports = {
  app,
  BrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: (schemes) => { report.protocolSchemes.push(...schemes.map((s) => s.scheme)); },
    handle: (scheme, handler) => { protocolHandlers[scheme] = handler; },
  },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } },
  ipcMain: { handle: (name, handler) => { ipcHandlers[name] = handler; report.ipcChannels.push(name); }, removeHandler() {} },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu: () => {} },
  dialog: { showErrorBox: (title, message) => report.errors.push(title + ': ' + message) },
  shell: { openExternal: async () => {}, showItemInFolder: () => {} },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  nativeTheme: { shouldUseDarkColors: false },
};
`;

interface Report {
  windows: Array<{ webPreferences: { preload: string; sandbox: boolean; contextIsolation: boolean } }>;
  errors: string[];
  quitCalls: number;
  protocolSchemes: string[];
  ipcChannels: string[];
  loadedUrl: string;
  index: { status: number; csp: string; body: string };
  traversalStatus: number;
  status: unknown;
  created: unknown;
  invalid: unknown;
  forbidden: unknown;
  eventsSent: string[];
}

let dir: string;
let report: Report;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kith-bundle-'));
  const electronDir = path.join(dir, 'dist', 'electron');
  const entries = [
    ['main', 'electron/main/main.ts'],
    ['preload', 'electron/preload/preload.ts'],
    ['worker', 'electron/backend/worker.ts'],
  ] as const;
  for (const [name, entry] of entries) {
    await build({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: name === 'preload' ? [contractNamesPlugin({ channels: CHANNEL_NAMES, events: EVENT_NAMES })] : [],
      build: {
        ssr: path.join(root, entry),
        outDir: electronDir,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        rollupOptions: { external: ['electron', /^node:/], output: { format: 'cjs', entryFileNames: `${name}.cjs`, codeSplitting: false } },
      },
      ssr: { noExternal: true, external: ['electron'] },
    });
  }
  mkdirSync(path.join(dir, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Kith</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
  const fake = path.join(dir, 'fake-electron.cjs');
  writeFileSync(fake, FAKE_ELECTRON);
  const hook = path.join(dir, 'hook.cjs');
  writeFileSync(
    hook,
    `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? ${JSON.stringify(fake)} : resolve.call(this, request, ...rest);
};
`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', hook, path.join(electronDir, 'main.cjs')], {
    env: { ...process.env, KITH_USER_DATA_DIR: path.join(dir, 'userData') },
    timeout: 30_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('REPORT'));
  if (!line) throw new Error(`main.cjs printed no report:\n${stdout}`);
  report = JSON.parse(line.slice('REPORT'.length)) as Report;
}, 90_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('built main.cjs with worker.cjs and preload.cjs', () => {
  it('starts without errors and points the window at the built preload', () => {
    expect(report.errors).toEqual([]);
    expect(report.protocolSchemes).toEqual(['app']);
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]?.webPreferences).toMatchObject({
      preload: path.join(dir, 'dist', 'electron', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
    });
    expect(existsSync(report.windows[0]?.webPreferences.preload ?? '')).toBe(true);
    expect(report.loadedUrl).toBe('app://kith/index.html');
  });

  it('serves dist/renderer over app:// with the CSP and refuses traversal', () => {
    expect(report.index).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, body: '<!doctype html><title>Kith</title>' });
    expect(report.traversalStatus).toBe(403);
  });

  it('answers IPC from the real backend in worker.cjs, and refuses a foreign frame', () => {
    expect([...report.ipcChannels].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(report.status).toMatchObject({ ok: true, value: { path: path.join(dir, 'userData', 'kith.json') } });
    expect(report.created).toMatchObject({ ok: true, value: { name: 'Ada Lovelace' } });
    expect(report.invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(report.forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.eventsSent.length).toBeGreaterThan(0);
    expect(report.eventsSent.every((name) => (EVENT_NAMES as readonly string[]).includes(name))).toBe(true);
  });

  it('closes the backend before quitting, leaving the edit on disk', () => {
    expect(report.quitCalls).toBe(2);
    const saved = readFileSync(path.join(dir, 'userData', 'kith.json'), 'utf8');
    expect(saved).toContain('Ada Lovelace');
  });
});
