import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CHANNEL_NAMES } from '../../shared/api/contract/index.js';
import { startServerProcess as startServer, stopServerProcess } from './serverProcess.js';

export interface Reply {
  readonly status: number;
  readonly body: string;
}

/** One raw request; `path` is sent as is (no normalisation), so malformed targets reach the server. */
export function send(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolveReply) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers ?? {}, timeout: 5_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolveReply({ status: -1, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolveReply({ status: -1, body: '' }));
    req.end(opts.body);
  });
}

/** Writes a request as raw text (no Host header, two Host headers, HTTP/1.0) and returns the status of the answer, or -1. */
export function sendRaw(port: number, text: string): Promise<number> {
  return new Promise((resolveStatus) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('close', () => resolveStatus(Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? -1)));
    socket.on('error', () => undefined);
    socket.end(text);
  });
}

export interface HttpFigures {
  readonly requests: number;
  /** Calls without a valid token, with a foreign Host or Origin, or by a wrong method: each must be refused. */
  readonly hostile: number;
  readonly refused: number;
  /** Hostile calls answered 2xx. */
  readonly acceptedHostile: number;
  /** Whether any hostile call reached a handler: the revision or the data file changed. */
  readonly reachedBackend: boolean;
  /** Malformed request targets sent with the right token and Host. */
  readonly malformed: number;
  /** Times the server process died on a request (it is restarted to go on). */
  readonly serverCrashes: number;
  readonly crashTargets: readonly string[];
  /** Answers (of any kind) without the Content-Security-Policy header. */
  readonly withoutCsp: number;
  /** Requests with the right token that no browser sends (two Host headers, an absolute-form target) and that were accepted. */
  readonly ambiguousAccepted: readonly string[];
  /** The right token and Host: accepted. */
  readonly controlAccepted: boolean;
  readonly failures: readonly string[];
}

/** Sent through node:http, which fills in a missing or empty Host itself; the raw cases below cover those. */
const FOREIGN_HOSTS = [
  'evil.example',
  'evil.example:80',
  'localhost.evil.example',
  '127.0.0.1.nip.io',
  '127.0.0.2',
  '0.0.0.0',
  '[::1]',
  '2130706433',
  'LOCALHOST',
  ' 127.0.0.1',
  'kith',
];

/**
 * Calls every channel of the real server process without the token, with
 * wrong tokens in every place and spelling, with foreign Host and Origin
 * headers and with wrong methods, then checks that nothing reached the
 * backend (revision and data file unchanged). Then sends malformed request
 * targets with the right credentials and counts the times the process died.
 */
export async function probeHttp(options: { seed: number; randomRuns: number }): Promise<HttpFigures> {
  const root = await mkdtemp(join(tmpdir(), 'kith-http-'));
  const staticDir = join(root, 'static');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Kith</title>');
  const dataPath = join(root, 'kith.json');
  const failures: string[] = [];
  const fail = (text: string) => {
    if (failures.length < 20) failures.push(text);
  };
  let server = await startServer(dataPath, staticDir);
  let requests = 0;
  let hostile = 0;
  let refused = 0;
  let acceptedHostile = 0;
  let withoutCsp = 0;
  let serverCrashes = 0;
  const crashTargets: string[] = [];
  const exchange = async (opts: Parameters<typeof send>[1]): Promise<Reply> => {
    requests += 1;
    const reply = await send(server.port, opts);
    return reply;
  };
  const host = () => `127.0.0.1:${server.port}`;
  const good = () => ({ host: host(), authorization: `Bearer ${server.token}`, 'content-type': 'application/json' });
  try {
    const status = async () =>
      JSON.parse((await exchange({ path: '/api/file:status', headers: good(), body: '{}' })).body) as {
        ok: boolean;
        value: { revision: number; isDirty: boolean };
      };
    const created = await exchange({ path: '/api/person:create', headers: good(), body: JSON.stringify({ name: 'Control' }) });
    const controlAccepted = created.status === 200 && (JSON.parse(created.body) as { ok: boolean }).ok;
    const revision = (await status()).value.revision;
    // The control edit's save must be on disk before the file is taken as the one nothing may change (a busy machine saves late).
    for (let waited = 0; (await status()).value.isDirty && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const fileBefore = await readFile(dataPath);

    const attempt = async (what: string, opts: Parameters<typeof send>[1]) => {
      hostile += 1;
      const reply = await exchange(opts);
      if (reply.status >= 200 && reply.status < 300) {
        acceptedHostile += 1;
        fail(`accepted: ${what} → ${reply.status} ${reply.body.slice(0, 100)}`);
      } else refused += 1;
    };
    const body = JSON.stringify({ name: 'Intruder', id: 'me', a: 'me', b: 'me', origin: 'living', format: 'json', choice: 'reload' });
    const token = server.token;
    const wrongAuth = [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Bearer ${'0'.repeat(token.length)}`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}0`,
      `Bearer ${token.toUpperCase()}`,
      `bearer${token}`,
      `Basic ${Buffer.from(`kith:${token}`).toString('base64')}`,
      `Bearer  ${token}`,
      token,
      `Bearer ${token.slice(0, 32)}`,
    ];
    for (const channel of CHANNEL_NAMES) {
      const path = `/api/${channel}`;
      for (const auth of wrongAuth) {
        const headers: Record<string, string> = { host: host(), 'content-type': 'application/json' };
        if (auth !== undefined) headers['authorization'] = auth;
        await attempt(`${channel} with Authorization ${JSON.stringify(auth)}`, { path, headers, body });
      }
      await attempt(`${channel} with the token in the query`, {
        path: `${path}?token=${token}`,
        headers: { host: host(), 'content-type': 'application/json' },
        body,
      });
      await attempt(`${channel} with the token in a cookie`, {
        path,
        headers: { host: host(), cookie: `token=${token}`, 'content-type': 'application/json' },
        body,
      });
      for (const foreign of FOREIGN_HOSTS)
        await attempt(`${channel} with Host ${foreign}`, { path, headers: { ...good(), host: foreign }, body });
      await attempt(`${channel} with Host on another port`, { path, headers: { ...good(), host: `127.0.0.1:${server.port + 1}` }, body });
      for (const origin of [
        'http://evil.example',
        'null',
        'file://',
        `http://127.0.0.1:${server.port + 1}`,
        `https://127.0.0.1:${server.port}`,
      ]) {
        await attempt(`${channel} with Origin ${origin}`, { path, headers: { ...good(), origin }, body });
      }
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])
        await attempt(`${channel} by ${method}`, { method, path, headers: good(), body });
      await attempt(`${channel} as a form post (CSRF)`, {
        path,
        headers: { host: host(), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Intruder',
      });
    }
    const randomAttempts = fc.sample(
      fc.record({
        channel: fc.constantFrom(...CHANNEL_NAMES),
        auth: fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }).map((h) => `Bearer ${h}`),
        ),
        host: fc.oneof(
          fc.constant(host()),
          fc.domain(),
          fc.ipV4().map((ip) => `${ip}:${server.port}`),
        ),
      }),
      { numRuns: options.randomRuns, seed: options.seed },
    );
    for (const a of randomAttempts) {
      const headers = { host: a.host, authorization: a.auth.replace(/[^\t\x20-\x7e]/g, ''), 'content-type': 'application/json' };
      await attempt(`${a.channel} with ${JSON.stringify(headers)}`, { path: `/api/${a.channel}`, headers, body });
    }
    const rawBody = JSON.stringify({ name: 'Intruder' });
    const raw = (headers: string) =>
      `POST /api/person:create HTTP/1.1\r\n${headers}Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${rawBody.length}\r\nConnection: close\r\n\r\n${rawBody}`;
    for (const [what, text] of [
      ['no Host header (HTTP/1.0)', raw('').replace('HTTP/1.1', 'HTTP/1.0')],
      ['an empty Host header', raw('Host: \r\n')],
      ['a foreign Host header and no token', raw('Host: evil.example\r\n').replace(`Authorization: Bearer ${token}\r\n`, '')],
    ] as const) {
      hostile += 1;
      requests += 1;
      const code = await sendRaw(server.port, text);
      if (code >= 200 && code < 300) {
        acceptedHostile += 1;
        fail(`accepted: ${what} → ${code}`);
      } else refused += 1;
    }
    for (const path of ['/api/events', `/api/events?token=${token.slice(0, -1)}0`, '/api/events?token=']) {
      await attempt(`events stream ${path}`, { method: 'GET', path, headers: { host: host() } });
    }

    const after = await status();
    const reachedBackend = after.value.revision !== revision || Buffer.compare(await readFile(dataPath), fileBefore) !== 0;
    if (reachedBackend) fail(`a refused call reached the backend: revision ${revision} → ${after.value.revision}`);

    // Requests no browser sends (RFC 9112 §3.2 asks for a 400): they carry the right token, so they are the user's own; counted, not failed.
    const ambiguous: string[] = [];
    for (const [what, text] of [
      ['two Host headers, the foreign one last', raw(`Host: ${host()}\r\nHost: evil.example\r\n`)],
      ['an absolute-form target naming another host', raw(`Host: ${host()}\r\n`).replace('POST /api/', 'POST http://evil.example/api/')],
    ] as const) {
      requests += 1;
      const code = await sendRaw(server.port, text);
      if (code >= 200 && code < 300) ambiguous.push(what);
    }

    const malformedTargets = [
      '//',
      '///',
      '//evil.example/api/file:status',
      '/api/%E0%A4%A',
      '/api/%',
      '/api/%00',
      '/%E0%A4%A',
      '/..%2f..%2fetc%2fpasswd',
      `/api/${'x'.repeat(60_000)}`,
      '/api/file:status/../../../etc/passwd',
      '*',
      '/api/__proto__',
      '/api/constructor',
      '/api/hasOwnProperty',
    ];
    let malformed = 0;
    for (const target of malformedTargets) {
      for (const withToken of [false, true]) {
        malformed += 1;
        await exchange({
          method: withToken ? 'POST' : 'GET',
          path: target,
          headers: withToken ? good() : { host: host() },
          ...(withToken ? { body: '{}' } : {}),
        });
        await new Promise((r) => setTimeout(r, 50));
        if (server.exited) {
          serverCrashes += 1;
          crashTargets.push(
            `${withToken ? 'POST with token' : 'GET without token'} ${target.slice(0, 60)}: ${
              server.stderr
                .split('\n')
                .find((l) => /Error/.test(l))
                ?.trim() ?? ''
            }`,
          );
          server = await startServer(dataPath, staticDir);
        }
      }
    }

    for (const path of ['/', '/index.html', '/missing', '/api/file:status', '/..%2fsecret']) {
      const res = await new Promise<Record<string, unknown>>((resolveHeaders) => {
        const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET', headers: { host: host() } }, (r) => {
          r.resume();
          resolveHeaders(r.headers);
        });
        req.on('error', () => resolveHeaders({}));
        req.end();
      });
      requests += 1;
      if (typeof res['content-security-policy'] !== 'string') withoutCsp += 1;
    }

    return {
      requests,
      hostile,
      refused,
      acceptedHostile,
      reachedBackend,
      malformed,
      serverCrashes,
      crashTargets,
      withoutCsp,
      controlAccepted,
      ambiguousAccepted: ambiguous,
      failures,
    };
  } finally {
    await stopServerProcess(server);
    await rm(root, { recursive: true, force: true });
  }
}
