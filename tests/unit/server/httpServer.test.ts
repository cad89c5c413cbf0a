import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { startHttpServer, type RunningServer } from '../../../electron/server/httpServer.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(): Promise<{ server: RunningServer; backend: Backend; dir: string }> {
  const dir = await tempDir();
  const staticDir = join(dir, 'static');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Kith</title>');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  const backend = await createBackend({ dataPath: join(dir, 'kith.json'), saveDebounceMs: 0, watch: false });
  const server = await startHttpServer({ backend, staticDir });
  cleanups.push(
    () => backend.close(),
    () => server.close(),
  );
  return { server, backend, dir };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  server: RunningServer,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${server.port}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (server: RunningServer, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  send(server, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('browser fallback server', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    const address = server.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('answers API calls with the envelope when the token is right', async () => {
    const { server } = await start();
    const created = await api(server, 'person:create', { name: 'Ada' });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: 'Ada' } });
    const invalid = await api(server, 'person:create', { name: '' });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses calls without the token, with a wrong one, or by GET', async () => {
    const { server } = await start();
    expect((await api(server, 'file:status', {}, { authorization: '' })).status).toBe(401);
    expect((await api(server, 'file:status', {}, { authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(401);
    expect((await api(server, 'file:status', {}, { authorization: `Bearer ${server.token}x` })).status).toBe(401);
    expect((await send(server, { path: `/api/file:status?token=${server.token}` })).status).toBe(405);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const { server } = await start();
    expect((await api(server, 'file:status', {}, { host: 'evil.example:80' })).status).toBe(421);
    expect((await api(server, 'file:status', {}, { host: `127.0.0.1:${server.port + 1}` })).status).toBe(421);
    expect((await api(server, 'file:status', {}, { origin: 'http://evil.example' })).status).toBe(401);
    expect((await api(server, 'file:status', {}, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('sends no CORS headers, even to a preflight', async () => {
    const { server } = await start();
    const preflight = await send(server, {
      method: 'OPTIONS',
      path: '/api/file:status',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    for (const reply of [preflight, await api(server, 'file:status', {})]) {
      expect(Object.keys(reply.headers).some((h) => h.startsWith('access-control-'))).toBe(false);
    }
  });

  it('serves the app with a CSP and never a file outside the app folder', async () => {
    const { server } = await start();
    const index = await send(server, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/static/../../secret.txt']) {
      const reply = await send(server, { path });
      expect(reply.body).not.toContain('do not serve');
    }
  });

  it('streams events only with the token', async () => {
    const { server } = await start();
    expect((await send(server, { path: '/api/events' })).status).toBe(401);
    const events = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
            if (text.includes('event: onNetworkChanged')) {
              req.destroy();
              resolve(text);
            }
          });
          void api(server, 'person:create', { name: 'Grace' });
        },
      );
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    expect(events).toContain('event: onNetworkChanged');
  });
});

describe('malformed requests', () => {
  it.each(['//', '//evil.example/x', '/api/%', '/%E0%A4%A', '/%00', '/api/file%3Astatus%'])(
    'answers %s with a 4xx and keeps serving',
    async (path) => {
      const { server } = await start();
      const reply = await send(server, {
        method: path.startsWith('/api/') ? 'POST' : 'GET',
        path,
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect((await api(server, 'file:status', {})).status).toBe(200);
    },
  );
});
