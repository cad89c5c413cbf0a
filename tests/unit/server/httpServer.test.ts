import { spawnSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { isOwnHost, isOwnOrigin, startHttpServer, type RunningServer } from '../../../electron/server/httpServer.js';
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

describe('static serving answers 404 for anything but a file of the app folder', () => {
  it('a folder (with or without a slash, by GET or HEAD), a link out of the folder and a FIFO are 404s, at once; a file is served whole', async () => {
    const { server, dir } = await start();
    const staticDir = join(dir, 'static');
    await mkdir(join(staticDir, 'assets'));
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1);');
    await symlink(join(dir, 'secret.txt'), join(staticDir, 'assets', 'leak.js'));
    await symlink(dir, join(staticDir, 'up'));
    spawnSync('mkfifo', [join(staticDir, 'assets', 'pipe.js')]);
    for (const method of ['GET', 'HEAD'])
      for (const path of ['/assets/', '/assets', '/up/', '/up/secret.txt', '/assets/leak.js', '/assets/pipe.js']) {
        const reply = await send(server, { method, path });
        expect(reply.status, `${method} ${path}`).toBe(404);
        expect(reply.body).not.toContain('do not serve');
      }
    const file = await send(server, { path: '/assets/app.js' });
    expect(file.status).toBe(200);
    expect(file.body).toBe('console.log(1);');
    expect(file.headers['content-type']).toContain('text/javascript');
    const head = await send(server, { method: 'HEAD', path: '/assets/app.js' });
    expect(head.headers['content-length']).toBe('15');
    expect(head.body).toBe('');
    expect((await api(server, 'file:status', {})).status).toBe(200);
  });
});

describe('answers that cannot be encoded', () => {
  it('a value JSON.stringify throws on (past the longest string V8 can make) becomes a named refusal, and the server goes on', async () => {
    const { backend, dir } = await start();
    const tooLarge: Backend = {
      ...backend,
      call: async (name, input) =>
        name === 'network:get'
          ? {
              ok: true,
              value: {
                toJSON: () => {
                  throw new RangeError('Invalid string length');
                },
              },
            }
          : backend.call(name, input),
    };
    const server = await startHttpServer({ backend: tooLarge, staticDir: join(dir, 'static') });
    cleanups.push(() => server.close());
    const reply = await api(server, 'network:get', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringMatching(/too large to send over HTTP \(Invalid string length\)/) },
    });
    expect(JSON.parse((await api(server, 'file:status', {})).body)).toMatchObject({ ok: true });
  });
});

describe('the Host check', () => {
  it('accepts 127.0.0.1 and localhost without a port when the server is on port 80 (browsers leave the default port out)', () => {
    expect(isOwnHost('127.0.0.1', 80)).toBe(true);
    expect(isOwnHost('localhost', 80)).toBe(true);
    expect(isOwnHost('127.0.0.1:80', 80)).toBe(true);
    expect(isOwnOrigin('http://127.0.0.1', 80)).toBe(true);
    expect(isOwnOrigin('http://localhost', 80)).toBe(true);
    // Only the default port may be left out, and only ours is ours.
    expect(isOwnHost('127.0.0.1', 8080)).toBe(false);
    expect(isOwnHost('127.0.0.1:8080', 80)).toBe(false);
    expect(isOwnHost('evil.example', 80)).toBe(false);
    expect(isOwnHost(undefined, 80)).toBe(false);
    expect(isOwnOrigin('http://evil.example', 80)).toBe(false);
    expect(isOwnOrigin('https://127.0.0.1', 80)).toBe(false);
  });

  it('on port 80 a browser-shaped request (Host without the port) reaches the API', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'static'));
    const backend = await createBackend({ dataPath: join(dir, 'kith.json'), saveDebounceMs: 0, watch: false });
    cleanups.push(() => backend.close());
    const server = await startHttpServer({ backend, staticDir: join(dir, 'static'), port: 80 });
    cleanups.push(() => server.close());
    const reply = await api(server, 'file:status', {}, { host: '127.0.0.1', origin: 'http://127.0.0.1' });
    expect(reply.status).toBe(200);
  });
});
