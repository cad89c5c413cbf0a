import { spawn, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

const ROOT = resolve(import.meta.dirname, '../..');

/** The browser fallback running in a process of its own, so that a crash shows as the process dying. */
export interface ServerProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly port: number;
  readonly token: string;
  exited: boolean;
  stderr: string;
  stdout: string;
}

/** Starts `electron/server/main.ts` as `npm run serve` does and waits for the URL line. */
export async function startServerProcess(
  dataPath: string,
  staticDir: string,
  extraArgs: readonly string[] = [],
  spawnOptions: Pick<SpawnOptions, 'uid' | 'gid' | 'env'> = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/server/main.ts'), '--data', dataPath, '--static', staticDir, '--port', '0', ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions },
  );
  const server: Partial<ServerProcess> & { exited: boolean; stderr: string; stdout: string } = { exited: false, stderr: '', stdout: '' };
  child.on('exit', () => (server.exited = true));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (server.stderr += chunk));
  const url = await new Promise<URL>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${server.stderr}`)), 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      server.stdout += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(server.stdout);
      if (match) {
        clearTimeout(timer);
        resolveUrl(new URL(match[0]));
      }
    });
    child.once('exit', () => reject(new Error(`the server exited: ${server.stderr}`)));
  });
  return Object.assign(server, { child, port: Number(url.port), token: url.searchParams.get('token') ?? '' }) as ServerProcess;
}

/** SIGTERM, then SIGKILL if it is still there after a moment. */
export async function stopServerProcess(server: ServerProcess): Promise<void> {
  if (server.exited) return;
  const exited = new Promise<void>((r) => server.child.once('exit', () => r()));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Spawn options that run a child as a user without write permission where
 * the current user has it: as root (whom permission bits do not stop) that
 * is `nobody`; otherwise the current user, whom a chmod does stop.
 */
export function unprivileged(): Pick<SpawnOptions, 'uid' | 'gid' | 'env'> {
  if (process.getuid?.() !== 0) return {};
  return { uid: 65534, gid: 65534, env: { ...process.env, HOME: '/tmp' } };
}
