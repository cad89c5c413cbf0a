import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/api/contract/index.js';
import type { Result } from '../../../shared/api/envelope.js';
import {
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  denyAllPermissions,
  hardenWebContents,
  isAllowedExternalUrl,
  isAppUrl,
  safeOpenExternal,
} from '../../../electron/main/security.js';
import { createWindowOptions } from '../../../electron/main/windowOptions.js';
import { fusesOf, REQUIRED_FUSES } from '../../stress/fuses.js';

vi.mock('electron', () => ({ ipcMain: { handle: () => undefined, removeHandler: () => undefined } }));
const { isTrustedSender, registerIpc } = await import('../../../electron/main/ipc.js');

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every .ts file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return /\.tsx?$/.test(name) ? [rel] : [];
  });
}

/** Source text without comments, so that documentation naming a forbidden option does not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('packaging: electron-builder.yml turns off the fuses that let the app binary run as plain Node', () => {
  const yaml = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  const fuses = fusesOf(yaml);

  it('RunAsNode, NODE_OPTIONS and --inspect are off; the app loads only from its integrity-checked asar; file:// gets no extra privileges', () => {
    expect(fuses).toMatchObject(REQUIRED_FUSES);
    expect(yaml).toMatch(/^asar: true$/m);
  });

  it('names only fuses that electron-builder knows, so that a typo cannot leave a fuse at its default', () => {
    const scheme = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: Record<string, { properties: Record<string, unknown> }>;
      properties: Record<string, unknown>;
    };
    expect(scheme.properties).toHaveProperty('electronFuses');
    const known = Object.keys(scheme.definitions['FuseOptionsV1']?.properties ?? {});
    expect(known).toContain('runAsNode');
    expect(Object.keys(fuses).filter((name) => !known.includes(name))).toEqual([]);
    for (const value of Object.values(fuses)) expect(['true', 'false']).toContain(value);
  });

  it('the line-based reader finds what it must (checked on a sample)', () => {
    expect(fusesOf('a: 1\nelectronFuses:\n  runAsNode: false # off\n  onlyLoadAppFromAsar: true\nmac:\n  runAsNode: true\n')).toEqual({
      runAsNode: 'false',
      onlyLoadAppFromAsar: 'true',
    });
  });
});

describe('every window: one hardened set of webPreferences, whatever the remembered state', () => {
  const HARDENED = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
  };
  const RISKY_KEYS = [
    'enableBlinkFeatures',
    'additionalArguments',
    'disableBlinkFeatures',
    'partition',
    'session',
    'webgl',
    'plugins',
    'offscreen',
    'devTools',
  ];

  it('createWindowOptions keeps the checklist for any window state and theme (property, 500 runs)', () => {
    fc.assert(
      fc.property(
        fc.record({
          x: fc.option(fc.integer({ min: -5000, max: 5000 }), { nil: undefined }),
          y: fc.option(fc.integer({ min: -5000, max: 5000 }), { nil: undefined }),
          width: fc.integer({ min: 0, max: 10_000 }),
          height: fc.integer({ min: 0, max: 10_000 }),
          isMaximized: fc.boolean(),
        }),
        fc.boolean(),
        fc.string({ minLength: 1 }),
        (state, isDarkTheme, preloadPath) => {
          const prefs = createWindowOptions({ preloadPath, state, isDarkTheme }).webPreferences ?? {};
          expect(prefs).toMatchObject(HARDENED);
          expect(prefs.preload).toBe(preloadPath);
          for (const key of RISKY_KEYS) expect(prefs).not.toHaveProperty(key);
        },
      ),
      { numRuns: 500, seed: 6 },
    );
  });

  const mainSources = sources('electron').map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')] as const);

  it('every BrowserWindow in electron/ is built from createWindowOptions, and no other place sets webPreferences', () => {
    const constructions = mainSources.flatMap(([file, text]) =>
      [...code(text).matchAll(/new BrowserWindow\(\s*([\w.]*)/g)].map((m) => `${file}: ${m[1] ?? ''}`),
    );
    expect(constructions.length).toBeGreaterThan(0);
    for (const construction of constructions) expect(construction).toMatch(/: createWindowOptions$/);
    const withPrefs = mainSources.filter(([, text]) => /webPreferences\s*:/.test(code(text))).map(([file]) => file);
    expect(withPrefs).toEqual([path.join('electron', 'main', 'windowOptions.ts')]);
  });

  it('no code turns a protection off: no Node in pages, no insecure content, no Blink or experimental features, no webview, no other session, no weakening switches', () => {
    const everything = [...mainSources, ...sources('renderer').map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')] as const)];
    const forbidden: [RegExp, string][] = [
      [/nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/, 'Node integration'],
      [/contextIsolation\s*:\s*false/, 'context isolation off'],
      [/sandbox\s*:\s*false/, 'sandbox off'],
      [/webSecurity\s*:\s*false/, 'web security off'],
      [/allowRunningInsecureContent\s*:\s*true/, 'insecure content'],
      [/experimentalFeatures\s*:\s*true/, 'experimental features'],
      [/enableBlinkFeatures/, 'Blink features'],
      [/webviewTag\s*:\s*true|<webview/, 'webview'],
      [/BrowserView|WebContentsView/, 'a view outside the hardened window'],
      [/fromPartition|partition\s*:/, 'a session other than the default one, whose permissions are denied'],
      [
        /appendSwitch\([^)]*(disable-web-security|ignore-certificate-errors|allow-running-insecure-content|no-sandbox|remote-debugging)/,
        'a weakening switch',
      ],
      [/setCertificateVerifyProc|certificate-error/, 'certificate handling'],
      [/bypassCSP\s*:\s*true/, 'a scheme that bypasses the CSP'],
      [/shell\.openExternal\(/, 'openExternal outside safeOpenExternal'],
    ];
    const found: string[] = [];
    for (const [file, text] of everything) {
      for (const [pattern, what] of forbidden) {
        if (!pattern.test(code(text))) continue;
        // safeOpenExternal is where the one checked call lives.
        if (what.startsWith('openExternal') && file === path.join('electron', 'main', 'security.ts')) continue;
        found.push(`${file}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });
});

/** URLs built from the schemes and tricks that have fooled URL allow-lists: case, whitespace, credentials, ports, look-alike hosts, encodings. */
const hostileUrl = fc
  .tuple(
    fc.constantFrom(
      'file:',
      'smb:',
      'javascript:',
      'ms-msdt:',
      'search-ms:',
      'vbscript:',
      'data:',
      'http:',
      'https:',
      'ftp:',
      'app:',
      'mailto:',
      'ms-officecmd:',
      'jar:',
      'chrome:',
      'about:',
      'blob:',
    ),
    fc.constantFrom('', '//', '///', '\\\\', '/\\', '//user@', '//user:pass@'),
    fc.constantFrom(
      'linkedin.com',
      'www.linkedin.com',
      'evil.example',
      'linkedin.com.evil.example',
      'evil-linkedin.com',
      'linkedin.com%2eevil.example',
      'xn--lnkedin-9ta.com',
      '127.0.0.1',
      'kith',
      'attacker.example/share/payload.exe',
      'alert(1)',
      '/id PCWDiagnostic /skip force',
      'www.linkedin.com:8443',
      'www.linkedin.com.',
    ),
    fc.constantFrom('', '/in/x', '/../../etc/passwd', '?attach=/etc/passwd', '#@evil.example', '\\@evil.example/'),
    fc.constantFrom('', ' ', '\t', '\n', '\u0000', '\u200B'),
    fc.boolean(),
  )
  .map(([scheme, sep, host, rest, prefix, upper]) => {
    const url = `${prefix}${scheme}${sep}${host}${rest}`;
    return upper ? url.toUpperCase() : url;
  });

/** What may leave the app: https on linkedin.com or a subdomain, without credentials or port, or a plain mailto. */
function isSafeTarget(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'mailto:') return true;
  return url.protocol === 'https:' && url.port === '' && (url.hostname === 'linkedin.com' || url.hostname.endsWith('.linkedin.com'));
}

describe('links leaving the app (shell.openExternal)', () => {
  it('never hands file:, smb:, javascript:, ms-msdt: or any host but linkedin.com to the OS, however spelled (property, 5,000 URLs)', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    fc.assert(
      fc.property(fc.oneof(hostileUrl, fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string()), (url) => {
        const allowed = isAllowedExternalUrl(url);
        if (allowed) expect(isSafeTarget(url), url).toBe(true);
        if (/^\s*(file|smb|javascript|ms-msdt|search-ms|vbscript|data):/i.test(url.replace(/[\t\n\r]/g, '')))
          expect(allowed, url).toBe(false);
        safeOpenExternal(url, shell);
      }),
      { numRuns: 5_000, seed: 7 },
    );
    for (const [url] of shell.openExternal.mock.calls as unknown as [string][]) expect(isSafeTarget(url), url).toBe(true);
  });

  it('navigation away from app://kith is prevented and window.open always denied, whatever the URL (property, 2,000 URLs)', () => {
    type Listener = (event: { url: string; preventDefault(): void }) => void;
    const listeners = new Map<string, Listener>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (event: string, listener: Listener) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    };
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenWebContents(contents as never, shell);
    fc.assert(
      fc.property(
        fc.oneof(hostileUrl, fc.webUrl(), fc.constantFrom('app://kith/index.html', 'app://kith.evil/', 'app://kith@evil/')),
        (url) => {
          for (const event of ['will-navigate', 'will-redirect']) {
            let prevented = false;
            listeners.get(event)?.({ url, preventDefault: () => (prevented = true) });
            expect(prevented, `${event} ${url}`).toBe(!isAppUrl(url));
          }
          expect(openHandler?.({ url })).toEqual({ action: 'deny' });
          let webviewPrevented = false;
          listeners.get('will-attach-webview')?.({ url, preventDefault: () => (webviewPrevented = true) });
          expect(webviewPrevented).toBe(true);
        },
      ),
      { numRuns: 2_000, seed: 8 },
    );
    for (const [url] of shell.openExternal.mock.calls as unknown as [string][]) expect(isSafeTarget(url), url).toBe(true);
  });

  it('every permission a page can ask for is denied, by request, by check and for devices', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    denyAllPermissions({
      setPermissionRequestHandler: (h: (...args: unknown[]) => unknown) => (handlers['request'] = h),
      setPermissionCheckHandler: (h: (...args: unknown[]) => unknown) => (handlers['check'] = h),
      setDevicePermissionHandler: (h: (...args: unknown[]) => unknown) => (handlers['device'] = h),
    } as never);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(
            'media',
            'geolocation',
            'notifications',
            'midi',
            'midiSysex',
            'pointerLock',
            'fullscreen',
            'openExternal',
            'clipboard-read',
            'clipboard-sanitized-write',
            'display-capture',
            'hid',
            'serial',
            'usb',
            'idle-detection',
            'window-management',
            'storage-access',
            'keyboardLock',
            'fileSystem',
            'unknown',
          ),
          fc.string(),
        ),
        (permission) => {
          let granted: boolean | undefined;
          handlers['request']?.(null, permission, (ok: boolean) => (granted = ok), {});
          expect(granted).toBe(false);
          expect(handlers['check']?.(null, permission, 'app://kith', {})).toBe(false);
          expect(handlers['device']?.({ deviceType: permission })).toBe(false);
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });
});

describe('app:// responses', () => {
  let base: string;
  let handler: (request: Request) => Promise<Response>;
  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'kith-csp-'));
    writeFileSync(path.join(base, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(base, 'app.js'), '1');
    handler = createAppProtocolHandler(base);
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('every answer — found, missing, forbidden, wrong method — carries the CSP and nosniff, and nothing outside the app folder is served (property, 1,000 requests)', async () => {
    const segment = fc.oneof(
      fc.constantFrom('index.html', 'app.js', '..', '%2e%2e', '%2f', '%5c', '%00', '.', 'C:', '%E0%A4%A', '~', 'etc', 'passwd'),
      fc.string({ maxLength: 6 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 5 }),
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE'),
        fc.constantFrom('kith', 'kith.evil', 'other'),
        async (segments, method, host) => {
          let request: Request;
          try {
            request = new Request(`app://${host}/${segments.join('/')}`, { method });
          } catch {
            return;
          }
          const response = await handler(request);
          expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
          expect(response.headers.get('x-content-type-options')).toBe('nosniff');
          if (response.status === 200 && method === 'GET') expect(['<!doctype html>', '1']).toContain(await response.text());
        },
      ),
      { numRuns: 1_000, seed: 10 },
    );
  });
});

describe('IPC from a foreign frame', () => {
  type Frame = { url: string; parent: Frame | null };
  const frameArb = fc.letrec<{ frame: Frame }>((tie) => ({
    frame: fc.record({
      url: fc.oneof(
        fc.constantFrom(
          'app://kith/index.html',
          'app://kith/',
          'app://kith.evil/',
          'app://user@kith/',
          'https://evil.example/',
          'file:///index.html',
          'about:blank',
          'data:text/html,x',
          '',
        ),
        fc.webUrl(),
      ),
      parent: fc.option(tie('frame'), { nil: null, depthSize: 'small' }) as fc.Arbitrary<Frame | null>,
    }),
  })).frame;

  it('only the main frame of an own window on app://kith is trusted (property, 2,000 senders)', () => {
    const own = { id: 1 };
    fc.assert(
      fc.property(fc.option(frameArb, { nil: null }), fc.boolean(), (frame, isOwn) => {
        const sender = (isOwn ? own : { id: 2 }) as unknown as WebContents;
        const event = { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
        const trusted = isTrustedSender(event, (c) => c === (own as unknown as WebContents));
        expect(trusted).toBe(frame !== null && frame.parent === null && isOwn && isAppUrl(frame.url));
      }),
      { numRuns: 2_000, seed: 11 },
    );
  });

  it('a refused sender never reaches the backend, on any channel', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<unknown>>>();
    const call = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: null }));
    const own = { id: 1 };
    registerIpc({
      ipcMain: { handle: (name: string, h: never) => handlers.set(name, h), removeHandler: () => undefined } as never,
      backend: { call },
      isOwnWebContents: (c) => c === (own as unknown as WebContents),
    });
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const main: Frame = { url: 'app://kith/index.html', parent: null };
    const foreign: [unknown, Frame | null][] = [
      [own, { url: 'app://kith/index.html', parent: main }],
      [own, { url: 'https://evil.example/', parent: null }],
      [own, null],
      [{ id: 2 }, main],
    ];
    for (const [name, handler] of handlers) {
      for (const [sender, senderFrame] of foreign) {
        const result = await handler({ sender, senderFrame } as unknown as IpcMainInvokeEvent, { name: 'Eve' });
        expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    expect(call).not.toHaveBeenCalled();
    await handlers.get('file:status')?.({ sender: own, senderFrame: main } as unknown as IpcMainInvokeEvent, {});
    expect(call).toHaveBeenCalledTimes(1);
  });
});
