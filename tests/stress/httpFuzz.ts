import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { startServerProcess, stopServerProcess, type ServerProcess } from './serverProcess.js';

/** Marks files the server must never hand out: outside its folder, behind a symlink, beside the data file. */
const SECRET = 'KITH-SECRET-7f3a91';

export interface HttpFuzzFigures {
  readonly requests: number;
  /** Answers by status class (`2xx`, `4xx`, …; `none` when the connection closed without one). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** Requests without an answer within the time limit (a stream that never ends, a FIFO read forever). */
  readonly hung: number;
  /** Times the server process died; it is started again so that the run goes on. */
  readonly deaths: number;
  readonly deathCauses: readonly string[];
  /** Answers that carried a byte of a file outside the served folder. */
  readonly leaks: number;
  /** Lines the server wrote about internal errors (an unhandled rejection it survived counts too). */
  readonly internalErrors: number;
  /** Unauthenticated API calls answered 2xx. */
  readonly apiAccepted: number;
  readonly apiAcceptedTargets: readonly string[];
  /** After the storm: `person:create` and `network:get` with the token gave the right answers. */
  readonly apiWorksAfter: boolean;
  readonly apiDetail: string;
  readonly ms: number;
}

interface Attempt {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly string[];
  readonly body: string;
}

/** The served folder: the shape of dist/renderer (index.html, assets/ without an index), plus traps. */
async function makeStaticDir(root: string): Promise<string> {
  const staticDir = join(root, 'static');
  await mkdir(join(staticDir, 'assets', 'nested'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Kith</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1);');
  await mkdir(join(root, 'outside'));
  await writeFile(join(root, 'outside', 'secret.txt'), SECRET);
  await writeFile(join(root, 'secret.txt'), SECRET);
  await writeFile(join(root, 'index.html'), SECRET);
  // A link inside the folder that leads out of it, to a folder and to a file.
  await symlink(join(root, 'outside'), join(staticDir, 'out'));
  await symlink(join(root, 'outside', 'secret.txt'), join(staticDir, 'assets', 'secret.js'));
  // Not a file: reading a FIFO blocks until someone writes, so serving it would hang the answer.
  spawnSync('mkfifo', [join(staticDir, 'assets', 'pipe.js')]);
  return staticDir;
}

const SEGMENTS = [
  '',
  '.',
  '..',
  '...',
  'assets',
  'nested',
  'app.js',
  'pipe.js',
  'secret.js',
  'secret.txt',
  'out',
  'index.html',
  'api',
  'events',
  'file:status',
  'network:get',
  'person:create',
  '%2e%2e',
  '%2E%2E%2F',
  '..%2f',
  '..%5c',
  '%2f',
  '%5c',
  '..\\..',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AE%C0%AE',
  '%ff',
  '%u002e',
  '~',
  'index.html%00.js',
  'index.html;.js',
  'CON',
  '*',
  '?',
  '#',
  ';',
  '%3F',
  '%23',
  'x'.repeat(300),
  '\u00e9',
  '%F0%9F%98%80',
];

const ODD_HEADERS = [
  'Range: bytes=0-10',
  'Range: bytes=999999999-',
  'Range: bytes=-1,-2,-3',
  'If-None-Match: *',
  'If-Modified-Since: yesterday',
  'Accept-Encoding: gzip, br, zstd',
  'Accept: text/event-stream',
  'Expect: 100-continue',
  'Connection: Upgrade',
  'Upgrade: websocket',
  'Transfer-Encoding: chunked',
  'Content-Length: 5',
  'Content-Length: -1',
  'Content-Length: 1, 2',
  'Content-Type: application/json',
  'Content-Type: application/json; charset=utf-16',
  'Content-Type: multipart/form-data; boundary=x',
  'Authorization: Bearer',
  'Authorization: Bearer 0000000000000000000000000000000000000000000000000000000000000000',
  'Authorization: Basic a2l0aDp4',
  'Origin: http://evil.example',
  'Origin: null',
  'Cookie: token=0123',
  'X-Forwarded-For: 127.0.0.1',
  'X-Forwarded-Host: evil.example',
  `X-Long: ${'a'.repeat(8_000)}`,
  'X-Folded: a\r\n  b',
  'X-Latin1: \u00ff\u00fe',
  'Sec-Fetch-Site: cross-site',
  'Sec-Fetch-Dest: image',
];

/** `{PORT}` in a header stands for the server's port at the time the request is sent. */
function attempts(count: number, seed: number): Attempt[] {
  const segment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SEGMENTS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => encodeURIComponent(s)) },
  );
  const target = fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .tuple(fc.array(segment, { maxLength: 5 }), fc.boolean(), fc.constantFrom('', '?token=0', '?x=%', '?token=', '?a=1&a=2', '#x'))
        .map(([parts, slash, query]) => `/${parts.join('/')}${slash && parts.length ? '/' : ''}${query}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('*', '//', '///', '//evil.example/', 'http://evil.example/assets/', 'assets', '/\\', '/./.') },
    // The traps themselves, spelt plainly and encoded: each must be a 404, at once.
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/assets/',
        '/assets',
        '/assets/nested/',
        '/assets/pipe.js',
        '/assets%2Fpipe.js',
        '/out/secret.txt',
        '/out/',
        '/assets/secret.js',
        '/%61ssets/secret.js',
        '/../secret.txt',
        '/%2e%2e/index.html',
        '/assets/../../secret.txt',
      ),
    },
  );
  const method = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        'GET',
        'GET',
        'GET',
        'HEAD',
        'HEAD',
        'POST',
        'PUT',
        'DELETE',
        'OPTIONS',
        'PATCH',
        'TRACE',
        'PROPFIND',
        'MKCOL',
        'SEARCH',
        'PURGE',
        'get',
      ),
    },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,12}$/) },
  );
  const host = fc.constantFrom(
    'Host: 127.0.0.1:{PORT}',
    'Host: 127.0.0.1:{PORT}',
    'Host: localhost:{PORT}',
    'Host: 127.0.0.1',
    'Host: evil.example',
    'Host: ',
    '',
    `Host: ${'h'.repeat(2_000)}`,
  );
  return fc
    .sample(
      fc.record({
        method,
        target,
        host,
        odd: fc.subarray(ODD_HEADERS, { maxLength: 4 }),
        body: fc.oneof(fc.constant(''), fc.constant('{}'), fc.constant('zz\r\n'), fc.string({ maxLength: 40 })),
      }),
      { numRuns: count, seed },
    )
    .map((a) => ({ method: a.method, target: a.target, headers: a.host ? [a.host, ...a.odd] : a.odd, body: a.body }));
}

/** Whether the server reads `target` as an API path (as its URL parser does: dot segments resolved, query and fragment cut). */
function isApiPath(target: string): boolean {
  try {
    return new URL(target, 'http://127.0.0.1').pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

/** Sends one request as raw bytes and reads the answer until the server closes the connection (or the time limit). */
function rawExchange(port: number, a: Attempt, timeoutMs: number): Promise<{ status: number | 'none'; body: string; hung: boolean }> {
  return new Promise((resolveExchange) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let size = 0;
    let hung = false;
    socket.setTimeout(timeoutMs, () => {
      hung = true;
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => {
      if (size < 256 * 1024) chunks.push(chunk);
      size += chunk.length;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((m) => Number(m[1])).filter((s) => s !== 100);
      resolveExchange({ status: statuses[0] ?? 'none', body: text, hung });
    });
    const framed = a.headers.some((h) => /^(content-length|transfer-encoding):/i.test(h));
    const head = [`${a.method} ${a.target} HTTP/1.1`, ...a.headers, 'Connection: close'];
    if (a.body && !framed) head.push(`Content-Length: ${Buffer.byteLength(a.body)}`);
    const bytes = Buffer.from(`${head.join('\r\n')}\r\n\r\n${a.body}`, 'latin1');
    // The server closes after its answer (Connection: close). A request whose own framing promises more body than
    // it sends is cut short by closing our side, as a client that goes away does; closing it early for every request
    // would make the server drop answers it had not written yet.
    if (framed) socket.end(bytes);
    else socket.write(bytes);
  });
}

/** One authenticated call through node's own client framing. */
async function apiCall(server: ServerProcess, channel: string, input: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: res.status, json: await res.json() };
}

/**
 * Fires `count` random unauthenticated requests at the browser-fallback
 * server process (paths with folders, `..`, percent-encodings, symlinks out,
 * a FIFO; every method; odd and broken headers and bodies), `lanes` at a
 * time, then calls the API with the token and checks the answers.
 */
export async function fuzzHttp(options: { count: number; seed: number; lanes?: number; timeoutMs?: number }): Promise<HttpFuzzFigures> {
  const started = Date.now();
  const root = await mkdtemp(join(tmpdir(), 'kith-httpfuzz-'));
  const staticDir = await makeStaticDir(root);
  const dataPath = join(root, 'data', 'kith.json');
  await mkdir(join(root, 'data'));
  let server = await startServerProcess(dataPath, staticDir);
  const byStatus: Record<string, number> = {};
  const deathCauses: string[] = [];
  let deaths = 0;
  let hung = 0;
  let leaks = 0;
  let apiAccepted = 0;
  let internalErrors = 0;
  const apiAcceptedTargets: string[] = [];
  const countInternal = (s: ServerProcess) => (s.stderr.match(/internal error/g) ?? []).length;
  try {
    const list = attempts(options.count, options.seed);
    let next = 0;
    let restarting: Promise<void> | undefined;
    const lane = async () => {
      for (;;) {
        const i = next++;
        const a = list[i];
        if (!a) return;
        if (restarting) await restarting;
        const port = server.port;
        // Made before the server (re)started: the Host header names whatever port it has now.
        const sent = { ...a, headers: a.headers.map((h) => h.replace('{PORT}', String(port))) };
        const r = await rawExchange(port, sent, options.timeoutMs ?? 5_000);
        if (r.hung) hung += 1;
        const key = r.status === 'none' ? 'none' : `${String(r.status)[0]}xx`;
        byStatus[key] = (byStatus[key] ?? 0) + 1;
        if (r.body.includes(SECRET)) leaks += 1;
        if (r.status !== 'none' && r.status < 300 && isApiPath(a.target)) {
          apiAccepted += 1;
          if (apiAcceptedTargets.length < 5) apiAcceptedTargets.push(`${a.method} ${a.target}`);
        }
        if (server.exited && !restarting) {
          deaths += 1;
          if (deathCauses.length < 5) {
            const cause =
              server.stderr
                .split('\n')
                .find((l) => /Error|error/.test(l))
                ?.trim() ?? 'no message';
            deathCauses.push(`${a.method} ${a.target.slice(0, 60)}: ${cause.slice(0, 160)}`);
          }
          internalErrors += countInternal(server);
          restarting = startServerProcess(dataPath, staticDir).then((s) => {
            server = s;
            restarting = undefined;
          });
        }
      }
    };
    await Promise.all(Array.from({ length: options.lanes ?? 8 }, lane));
    if (restarting) await restarting;
    // Did the server stay up (or come back) and still answer the owner right?
    let apiWorksAfter = false;
    let apiDetail = '';
    try {
      const created = await apiCall(server, 'person:create', { name: 'After the storm' });
      const network = await apiCall(server, 'network:get', {});
      const people = (network.json as { ok: boolean; value?: { file: { people: Array<{ name: string }> } } }).value?.file.people ?? [];
      apiWorksAfter =
        created.status === 200 &&
        (created.json as { ok: boolean }).ok &&
        network.status === 200 &&
        people.some((p) => p.name === 'After the storm');
      apiDetail = `person:create ${created.status}, network:get ${network.status} with ${people.length} people`;
    } catch (err) {
      apiDetail = `the API did not answer: ${err instanceof Error ? err.message : String(err)}`;
    }
    internalErrors += countInternal(server);
    return {
      requests: list.length,
      byStatus,
      hung,
      deaths,
      deathCauses,
      leaks,
      internalErrors,
      apiAccepted,
      apiAcceptedTargets,
      apiWorksAfter,
      apiDetail,
      ms: Date.now() - started,
    };
  } finally {
    await stopServerProcess(server);
    await rm(root, { recursive: true, force: true });
  }
}
