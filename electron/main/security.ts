import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, HandlerDetails, Protocol, Session, Shell, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kith';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent with every `app://kith/` response (shared with the HTTP fallback).
 * `style-src 'unsafe-inline'` is needed because libraries add styles at run
 * time: Cytoscape inserts a `<style>` element into the page head and React
 * components set `style` attributes. Scripts stay locked to the app's own
 * files, and `img-src`, `connect-src` and `form-action` are closed to other
 * origins, so an injected style can neither run code nor send data out.
 */
export { CONTENT_SECURITY_POLICY };

/** Must run before the app's `ready` event: `app:` behaves like `https:` (origin, storage, fetch). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/**
 * The file under `rootDir` that an `app://kith/…` URL names, or an HTTP status
 * when it names none: 404 for another host or no such file, 403 for a path
 * that would leave `rootDir` (encoded `..`, backslashes, NUL, drive letters).
 */
export function resolveAppFile(rootDir: string, rawUrl: string): { readonly file: string } | { readonly status: 403 | 404 } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 404 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404 };
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return { status: 404 };
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  if (relative.includes('\0') || relative.includes('\\')) return { status: 403 };
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '..' || /^[a-zA-Z]:$/.test(segment))) return { status: 403 };
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${relative}`);
  const fromRoot = path.relative(root, file);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return { status: 403 };
  return { file };
}

export type FileReader = (file: string) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * The `protocol.handle('app', …)` handler: serves `rootDir` (dist/renderer, inside
 * the asar in a packaged app, which Electron's fs reads) with the CSP on every
 * response, errors included.
 */
export function createAppProtocolHandler(rootDir: string, read: FileReader = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const target = resolveAppFile(rootDir, request.url);
    if ('status' in target) return plain(target.status, target.status === 403 ? 'Forbidden' : 'Not found');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await read(target.file);
    } catch {
      return plain(404, 'Not found');
    }
    const headers = securityHeaders(mimeTypeOf(target.file));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}

/** True for a URL of the app itself (`app://kith/…`); the one origin allowed to load and call the backend. */
export function isAppUrl(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const ALLOWED_HTTPS_DOMAINS = ['linkedin.com'] as const;
/** `attach` and friends let a mail client attach local files (CVE-2020-12717 class); only these go through. */
const ALLOWED_MAILTO_PARAMS = new Set(['subject', 'body', 'cc', 'bcc']);
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Whether a link may leave the app for the system's browser or mail client:
 * `https:` to linkedin.com or a subdomain (no credentials, no port) and plain
 * `mailto:` links. Everything else (file:, smb:, javascript:, ms-msdt:, http:,
 * other hosts) is refused, since `shell.openExternal` hands URLs to the OS.
 */
export function isAllowedExternalUrl(rawUrl: string): boolean {
  if (rawUrl.length > MAX_EXTERNAL_URL_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'mailto:') {
    const addresses = decodeSafely(url.pathname).split(',');
    if (!addresses.every((address) => /^[^\s@/\\:]+@[^\s@/\\:]+$/.test(address.trim()))) return false;
    return [...url.searchParams.keys()].every((key) => ALLOWED_MAILTO_PARAMS.has(key.toLowerCase()));
  }
  if (url.protocol !== 'https:' || url.port !== '') return false;
  const host = url.hostname;
  return ALLOWED_HTTPS_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

/** Opens an allowed link in the system's handler; anything else is dropped. Returns whether it was opened. */
export function safeOpenExternal(rawUrl: string, shell: Pick<Shell, 'openExternal'>): boolean {
  if (!isAllowedExternalUrl(rawUrl)) return false;
  void shell.openExternal(rawUrl).catch(() => undefined);
  return true;
}

type Preventable = { preventDefault(): void };
type NavigationEvent = Preventable & { readonly url: string };

/** The subset of WebContents that hardening touches; tests pass a fake. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: Pick<HandlerDetails, 'url'>) => { action: 'deny' }): void;
}

/**
 * Applied to every WebContents the app creates: no navigation away from
 * `app://kith`, no new windows (allowed links open in the system browser
 * instead), no `<webview>`.
 */
export function hardenWebContents(contents: HardenableContents | WebContents, shell: Pick<Shell, 'openExternal'>): void {
  const target = contents as HardenableContents;
  const guard = (event: NavigationEvent): void => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    safeOpenExternal(event.url, shell);
  };
  target.on('will-navigate', guard);
  target.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  target.on('will-attach-webview', (event) => event.preventDefault());
  target.setWindowOpenHandler(({ url }) => {
    safeOpenExternal(url, shell);
    return { action: 'deny' };
  });
}

/** Kith needs no camera, microphone, notifications, geolocation, HID, USB or serial: every request and check is denied. */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
