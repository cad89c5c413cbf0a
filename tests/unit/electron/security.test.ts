import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY as SHARED_CSP } from '../../../shared/api/csp.js';
import {
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  denyAllPermissions,
  hardenWebContents,
  isAllowedExternalUrl,
  isAppUrl,
  registerAppScheme,
  resolveAppFile,
  safeOpenExternal,
} from '../../../electron/main/security.js';
import { FakeWebContents } from './fakeElectron.js';

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/x', true],
    ['https://linkedin.com/in/someone', true],
    ['https://de.linkedin.com/in/jemand?trk=abc#top', true],
    ['HTTPS://WWW.LINKEDIN.COM/in/x', true],
    ['mailto:ada@example.org', true],
    ['mailto:ada@example.org,bob@example.org?subject=Hello&body=Hi%20there', true],
    ['file:///etc/passwd', false],
    ['file://server/share/x.exe', false],
    ['smb://attacker.example/share/payload.exe', false],
    ['javascript:alert(1)', false],
    ['ms-msdt:/id PCWDiagnostic /skip force', false],
    ['search-ms:query=x&crumb=location:\\\\evil\\share', false],
    ['http://www.linkedin.com/in/x', false],
    ['https://evil.example/in/x', false],
    ['https://linkedin.com.evil.com/in/x', false],
    ['https://evillinkedin.com/in/x', false],
    ['https://user@www.linkedin.com/in/x', false],
    ['https://user:secret@linkedin.com/', false],
    ['https://www.linkedin.com@evil.com/', false],
    ['https://evil.com\\@www.linkedin.com/', false],
    ['https://www.linkedin.com:8443/in/x', false],
    ['https://www.linkedin.com./in/x', false],
    ['mailto:ada@example.org?attach=/etc/passwd', false],
    ['mailto:ada@example.org?Attachment=C:\\secrets.txt', false],
    ['mailto:not-an-address', false],
    ['mailto:', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['app://kith/index.html', false],
    ['not a url', false],
    ['', false],
    [`https://www.linkedin.com/in/${'x'.repeat(3000)}`, false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });

  it('safeOpenExternal hands only allowed links to the shell', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(safeOpenExternal('file:///etc/passwd', shell)).toBe(false);
    expect(safeOpenExternal('https://www.linkedin.com/in/x', shell)).toBe(true);
    expect(shell.openExternal.mock.calls).toEqual([['https://www.linkedin.com/in/x']]);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://kith/index.html', true],
    ['app://kith/', true],
    ['app://kith/assets/x.js?v=1#a', true],
    ['app://other/index.html', false],
    ['app://kith.evil/index.html', false],
    ['app://user@kith/index.html', false],
    ['https://kith/index.html', false],
    ['file:///index.html', false],
    ['about:blank', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('app:// scheme', () => {
  it('is registered as standard and secure, before ready', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
    expect(APP_URL).toBe('app://kith/index.html');
  });

  it('uses the shared CSP, with every directive the app needs', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(SHARED_CSP);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "worker-src 'self' blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});

describe('app:// protocol handler', () => {
  let root: string;
  let outside: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'kith-protocol-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kith</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(path.join(root, 'assets', 'font.woff2'), 'x');
    writeFileSync(path.join(root, 'assets', 'data.bin'), 'x');
    writeFileSync(outside, 'top secret');
    handler = createAppProtocolHandler(root);
  });

  afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it.each([
    ['app://kith/index.html', 'text/html; charset=utf-8'],
    ['app://kith/', 'text/html; charset=utf-8'],
    ['app://kith/assets/app.js', 'text/javascript; charset=utf-8'],
    ['app://kith/assets/app.js?v=3#x', 'text/javascript; charset=utf-8'],
    ['app://kith/assets/app.css', 'text/css; charset=utf-8'],
    ['app://kith/assets/logo.svg', 'image/svg+xml'],
    ['app://kith/assets/font.woff2', 'font/woff2'],
    ['app://kith/assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s with the CSP', async (url, mime) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(mime);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('returns the file itself', async () => {
    expect(await (await get('app://kith/assets/app.js')).text()).toBe('console.log(1)');
  });

  it.each([
    ['app://kith/../secret.txt', [403, 404]],
    ['app://kith/assets/../../secret.txt', [403, 404]],
    ['app://kith/%2e%2e/secret.txt', [403, 404]],
    ['app://kith/assets/%2e%2e%2f%2e%2e%2fsecret.txt', [403]],
    ['app://kith/..%2fsecret.txt', [403]],
    ['app://kith/..%5csecret.txt', [403]],
    ['app://kith/assets%5c..%5c..%5csecret.txt', [403]],
    ['app://kith/index.html%00.png', [403]],
    ['app://kith/C:/Windows/win.ini', [403]],
    ['app://kith/%2Fetc%2Fpasswd', [403, 404]],
    ['app://kith/missing.js', [404]],
    ['app://kith/assets', [404]],
    ['app://other/index.html', [404]],
    ['app://kith/%E0%A4%A', [404]],
  ])('refuses %s (status in %j), still with the CSP', async (url, statuses) => {
    const response = await get(url);
    expect(statuses).toContain(response.status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('top secret');
  });

  it('never resolves outside the root', () => {
    for (const url of ['app://kith/%2e%2e%2fsecret.txt', 'app://kith/a/%2e%2e/%2e%2e/secret.txt', 'app://kith/..\\secret.txt']) {
      const target = resolveAppFile(root, url);
      if ('file' in target) expect(path.relative(root, target.file).startsWith('..')).toBe(false);
    }
  });

  it('refuses methods other than GET and HEAD, with the CSP', async () => {
    const response = await get('app://kith/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const head = await get('app://kith/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 with the CSP when the file cannot be read', async () => {
    const failing = createAppProtocolHandler(root, async () => {
      throw new Error('EIO');
    });
    const response = await failing(new Request('app://kith/index.html'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('hardenWebContents', () => {
  const setup = () => {
    const contents = new FakeWebContents('app://kith/index.html');
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenWebContents(contents, shell);
    const navigate = (event: string, url: string) => {
      const preventDefault = vi.fn();
      contents.emit(event, { url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    };
    return { contents, shell, navigate };
  };

  it('denies navigation away from app://kith and opens allowed links outside', () => {
    const { shell, navigate } = setup();
    expect(navigate('will-navigate', 'app://kith/index.html#people')).toBe(false);
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://other/')).toBe(true);
    expect(navigate('will-navigate', 'https://www.linkedin.com/in/x')).toBe(true);
    expect(shell.openExternal.mock.calls).toEqual([['https://www.linkedin.com/in/x']]);
  });

  it('denies redirects away from app://kith without opening anything', () => {
    const { shell, navigate } = setup();
    expect(navigate('will-redirect', 'app://kith/index.html')).toBe(false);
    expect(navigate('will-redirect', 'https://www.linkedin.com/in/x')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every window.open; allowed links go to the system browser', () => {
    const { contents, shell } = setup();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('app://kith/index.html')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('https://www.linkedin.com/in/x')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://www.linkedin.com/in/x']]);
  });

  it('prevents attaching a <webview>', () => {
    const { contents } = setup();
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault }, {}, { src: 'https://evil.example' });
    expect(preventDefault).toHaveBeenCalled();
  });
});

describe('denyAllPermissions', () => {
  it('denies every permission request, check and device', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(session);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (c: unknown, p: string) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (d: unknown) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      const callback = vi.fn();
      request(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check(null, permission)).toBe(false);
    }
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});
