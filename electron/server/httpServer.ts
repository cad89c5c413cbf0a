import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Backend } from '../backend/backend.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp.js';
import type { ApiError, Result } from '../../shared/api/envelope.js';
import { MAX_UPLOAD_BYTES } from '../../shared/import/limits.js';

/** Largest request body accepted: the largest upload, base64-encoded in its JSON envelope. */
export const MAX_BODY_BYTES = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 64 * 1024;
/** Largest file served from the app folder (the biggest bundle is a few MB); a bigger one is not the app's. */
const MAX_STATIC_BYTES = 64 * 1024 * 1024;
/** Opening a FIFO for reading would wait for a writer: open without blocking, then look at what was opened. */
const OPEN_STATIC_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface HttpServerOptions {
  readonly backend: Backend;
  /** Built renderer (dist/renderer). */
  readonly staticDir: string;
  readonly port?: number;
  /** Defaults to 32 random bytes, hex. */
  readonly token?: string;
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly token: string;
  /** The URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Whether a Host header names this server: 127.0.0.1 or localhost with its
 * port, or without it when the port is HTTP's default 80 (browsers leave the
 * default port out). Anything else is DNS rebinding or a foreign name.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const names = ['127.0.0.1', 'localhost'];
  return names.some((name) => host === `${name}:${port}` || (port === 80 && host === name));
}

/** Whether an Origin header is absent (same-origin GETs, non-browser clients) or this server's own, spelt as a browser spells it. */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const names = ['127.0.0.1', 'localhost'];
  return names.some((name) => origin === `http://${name}:${port}` || (port === 80 && origin === `http://${name}`));
}

/**
 * The browser fallback: the same backend as Electron IPC, over HTTP on
 * 127.0.0.1. Every API call needs the per-launch token; the Host header must
 * name this server (DNS rebinding); no CORS headers are ever sent. No request
 * can end the process: every handler, stream and encoding has its error
 * path, and what fails answers that one request (or closes its connection).
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  let port = opts.port ?? 0;
  const clients = new Set<ServerResponse>();

  const tokenMatches = (given: string | null | undefined) => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };

  const unsubscribe = opts.backend.onEvent((name, payload) => {
    const frame = eventFrame(name, payload);
    if (frame === undefined) return;
    for (const res of clients) {
      if (res.destroyed || res.writableEnded) clients.delete(res);
      else res.write(frame);
    }
  });

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    baseHeaders(res);
    if (!isOwnHost(req.headers.host, port))
      return sendJson(res, 421, { ok: false, error: { code: 'forbidden', message: 'Unknown Host header.' } });
    const url = parseRequestUrl(req.url, port);
    if (!url) return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: 'Malformed request path.' } });
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET' || !tokenMatches(url.searchParams.get('token'))) return sendJson(res, 401, forbidden());
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return undefined;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'forbidden', message: 'API calls use POST.' } });
      const auth = req.headers.authorization ?? '';
      if (!isOwnOrigin(req.headers.origin, port) || !auth.startsWith('Bearer ') || !tokenMatches(auth.slice(7)))
        return sendJson(res, 401, forbidden());
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'invalid-input', message: 'API calls send application/json.' } });
      }
      const channel = safeDecode(url.pathname.slice(5));
      if (channel === undefined)
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: 'Malformed channel name.' } });
      handleApi(opts.backend, channel, req, res).catch((err: unknown) => failRequest(res, err));
      return undefined;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { ok: false, error: { code: 'forbidden', message: 'Only GET and HEAD read the app.' } });
    serveStatic(staticRoot, url.pathname, req.method === 'HEAD', res).catch((err: unknown) => failRequest(res, err));
    return undefined;
  };

  // Resolved once: the served folder's real path, which every served file's real path must lie in.
  const staticRoot = await realpath(resolve(opts.staticDir)).catch(() => resolve(opts.staticDir));
  const server = createServer((req, res) => {
    // A body the client abandons, or a socket reset mid-answer, must not become an unhandled 'error' event.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    try {
      route(req, res);
    } catch (err) {
      failRequest(res, err);
    }
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      unsubscribe();
      for (const res of clients) res.end();
      clients.clear();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Paths like `//host` or `/%` must not throw out of the request handler: they get a 400. */
function parseRequestUrl(raw: string | undefined, port: number): URL | undefined {
  const path = raw ?? '/';
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  try {
    return new URL(path, `http://127.0.0.1:${port}`);
  } catch {
    return undefined;
  }
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function forbidden() {
  return { ok: false, error: { code: 'forbidden', message: 'Missing or wrong token.' } };
}

function baseHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

/** `name` and `payload` as one server-sent event; undefined (and a line on stderr) when the payload cannot be encoded. */
function eventFrame(name: string, payload: unknown): string | undefined {
  try {
    return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
  } catch (err) {
    process.stderr.write(`kith serve: the ${name} event could not be sent: ${describe(err)}\n`);
    return undefined;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * JSON.stringify of an answer can throw: `Invalid string length` past V8's
 * largest string (about 512 MB), a BigInt, a cycle. That must answer this
 * request with a named refusal, never escape the handler.
 */
function encode(body: unknown): { text: string } | { error: ApiError } {
  try {
    return { text: JSON.stringify(body) };
  } catch (err) {
    const tooLarge = err instanceof RangeError;
    return {
      error: {
        code: 'rejected',
        message: tooLarge
          ? `The answer is too large to send over HTTP (${describe(err)}): it is more than the ${Math.floor(MAX_STRING_CHARS / 2 ** 20)} M characters a JavaScript string can hold.`
          : `The answer could not be encoded as JSON (${describe(err)}).`,
      },
    };
  }
}

/** V8's longest string on 64-bit builds (2^29 - 24 UTF-16 units). */
const MAX_STRING_CHARS = 2 ** 29 - 24;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const encoded = encode(body);
  const text = 'text' in encoded ? encoded.text : JSON.stringify({ ok: false, error: encoded.error });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Last resort for a request whose handler threw: a 500 naming the failure when nothing was sent yet, else the connection is closed. */
function failRequest(res: ServerResponse, err: unknown): void {
  if (!res.headersSent && !res.destroyed) {
    sendJson(res, 500, { ok: false, error: { code: 'internal', message: `The server could not answer: ${describe(err)}` } });
    return;
  }
  res.destroy();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES / 1024 / 1024} MB`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleApi(backend: Backend, channel: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let input: unknown;
  try {
    const body = await readBody(req);
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch (err) {
    sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: `Unreadable request body: ${describe(err)}` } });
    return;
  }
  const result: Result<unknown> = await backend.call(channel, input);
  sendJson(res, 200, result);
}

const notFound = { ok: false, error: { code: 'not-found', message: 'Not found.' } } as const;

/**
 * Serves a regular file of the app folder, and nothing else: a folder, a
 * FIFO, a device or a socket is a 404, and so is a path whose real path
 * (symlinks followed) leaves the folder. The file is opened once, checked
 * through that handle and read whole, so no stream can fail after the
 * status is sent.
 */
async function serveStatic(root: string, pathname: string, isHead: boolean, res: ServerResponse): Promise<void> {
  const decoded = safeDecode(pathname);
  if (decoded === undefined || decoded.includes('\0')) {
    return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: 'Bad path.' } });
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const file = resolve(join(root, rel === '' ? 'index.html' : rel));
  if (!isInside(root, file)) return sendJson(res, 404, notFound);
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined || !isInside(root, real)) return sendJson(res, 404, notFound);
  let data: Buffer;
  const handle = await open(real, OPEN_STATIC_FLAGS).catch(() => undefined);
  if (!handle) return sendJson(res, 404, notFound);
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_STATIC_BYTES) return sendJson(res, 404, notFound);
    data = await handle.readFile();
  } catch {
    return sendJson(res, 404, notFound);
  } finally {
    await handle.close().catch(() => undefined);
  }
  if (res.destroyed) return undefined;
  res.writeHead(200, {
    'Content-Type': MIME[extname(real)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    'Content-Length': data.length,
  });
  res.end(isHead ? undefined : data);
  return undefined;
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
