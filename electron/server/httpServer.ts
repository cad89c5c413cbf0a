import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Backend } from '../backend/backend.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp.js';

/** Largest request body accepted (an import of a big ZIP travels base64-encoded). */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

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
 * The browser fallback: the same backend as Electron IPC, over HTTP on
 * 127.0.0.1. Every API call needs the per-launch token; the Host header must
 * name this server (DNS rebinding); no CORS headers are ever sent.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  let port = opts.port ?? 0;
  const clients = new Set<ServerResponse>();

  const hostAllowed = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };
  const tokenMatches = (given: string | null | undefined) => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  };

  const unsubscribe = opts.backend.onEvent((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of clients) res.write(frame);
  });

  const server = createServer((req, res) => {
    baseHeaders(res);
    if (!hostAllowed(req)) return sendJson(res, 421, { ok: false, error: { code: 'forbidden', message: 'Unknown Host header.' } });
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
      if (!originAllowed(req) || !auth.startsWith('Bearer ') || !tokenMatches(auth.slice(7))) return sendJson(res, 401, forbidden());
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'invalid-input', message: 'API calls send application/json.' } });
      }
      const channel = safeDecode(url.pathname.slice(5));
      if (channel === undefined)
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: 'Malformed channel name.' } });
      void handleApi(opts.backend, channel, req, res);
      return undefined;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, forbidden());
    void serveStatic(opts.staticDir, url.pathname, res);
    return undefined;
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
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
    sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: `Unreadable request body: ${(err as Error).message}` } });
    return;
  }
  const result = await backend.call(channel, input);
  sendJson(res, 200, result);
}

async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
  const rootAbs = resolve(root);
  const decoded = safeDecode(pathname);
  if (decoded === undefined || decoded.includes('\0')) {
    return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: 'Bad path.' } });
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const file = resolve(join(rootAbs, rel === '' ? 'index.html' : rel));
  if (file !== rootAbs && !file.startsWith(rootAbs + sep))
    return sendJson(res, 404, { ok: false, error: { code: 'not-found', message: 'Not found.' } });
  try {
    const info = await stat(file);
    const target = info.isDirectory() ? join(file, 'index.html') : file;
    res.writeHead(200, { 'Content-Type': MIME[extname(target)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    createReadStream(target).pipe(res);
  } catch {
    sendJson(res, 404, { ok: false, error: { code: 'not-found', message: 'Not found.' } });
  }
}
