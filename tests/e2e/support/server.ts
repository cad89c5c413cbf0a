import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../../..');
const START_TIMEOUT_MS = 30_000;

export interface KithServer {
  /** The page address, token included. */
  readonly url: string;
  readonly dataPath: string;
  readonly dir: string;
  /** Output of the server so far, for failure messages. */
  output(): string;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts the browser-fallback server (`electron/server/main.ts`) on a data
 * file in a fresh temp folder and a free port, and waits for the URL line.
 * Serves the renderer built in dist/renderer.
 */
export async function startKithServer(opts: { dataPath?: string } = {}): Promise<KithServer> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-e2e-'));
  const dataPath = opts.dataPath ?? join(dir, 'kith.json');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/server/main.ts'), '--data', dataPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (s: string) => (out += s));
  child.stderr.on('data', (s: string) => (out += s));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kith server did not print its URL within ${START_TIMEOUT_MS} ms:\n${out}`)),
      START_TIMEOUT_MS,
    );
    const check = () => {
      const line = out.split('\n').find((l) => l.startsWith('http://127.0.0.1:'));
      if (line) {
        clearTimeout(timer);
        resolveUrl(line.trim());
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kith server exited with ${code} before printing its URL:\n${out}`));
    });
  });

  return {
    url,
    dataPath,
    dir,
    output: () => out,
    stop: async () => {
      await stopChild(child, exited);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

/** Playwright fixture: `kith` is a running server on a temp data file, stopped after the test. */
export const test = base.extend<{ kith: KithServer }>({
  // Playwright reads the fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  kith: async ({}, use) => {
    const server = await startKithServer();
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  },
});

export { expect } from '@playwright/test';
