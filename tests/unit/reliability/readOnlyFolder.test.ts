import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.js';
import { connectionsCsv, makeContacts } from '../../fixtures/generate-linkedin.js';
import { startServerProcess, stopServerProcess, unprivileged, type ServerProcess } from '../../stress/serverProcess.js';

const ROOT = resolve(import.meta.dirname, '../../..');

let root: string;
let folder: string;
let file: string;
const servers: ServerProcess[] = [];

/**
 * A data file in a folder its user may not write in: `chmod 555`, and the
 * commands below run as a user that permission bits stop (see
 * `unprivileged`). The file itself is theirs and writable: only the folder
 * stands in the way of a lock, a temp file and a backup.
 */
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kith-ro-'));
  await chmod(root, 0o755);
  folder = join(root, 'shared-drive');
  await mkdir(folder);
  file = join(folder, 'kith.json');
  expect(await runCli(['init', '--example', '--data', file], { out: () => undefined, err: () => undefined })).toBe(0);
  await rm(join(folder, 'kith.backups'), { recursive: true, force: true });
  const as = unprivileged();
  if (as.uid !== undefined && as.gid !== undefined) await chown(file, as.uid, as.gid);
  await writeCsv();
  await chmod(folder, 0o555);
});

afterEach(async () => {
  for (const s of servers.splice(0)) await stopServerProcess(s);
  await chmod(folder, 0o755);
  await rm(root, { recursive: true, force: true });
});

async function writeCsv(): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(root, 'Connections.csv'), connectionsCsv(makeContacts(4, 2), 'current'));
  await chmod(join(root, 'Connections.csv'), 0o644);
}

function kith(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    ...unprivileged(),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function api(
  server: ServerProcess,
  channel: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

describe('a data file in a read-only folder', () => {
  it('the CLI reads it (stats, export, paths, import --dry-run) and refuses to write it, naming why; the file is unchanged', async () => {
    const before = await readFile(file);
    const stats = kith('stats', '--data', file, '--json');
    expect(stats.stderr).toBe('');
    expect(JSON.parse(stats.stdout)).toMatchObject({ people: expect.any(Number) });
    expect(kith('export', '--format', 'csv', '--data', file).status).toBe(0);
    expect(kith('paths', '--to', 'Mei Chen', '--data', file, '--json').status).toBe(0);
    const dry = kith('import', join(root, 'Connections.csv'), '--dry-run', '--data', file, '--json');
    expect(dry.stderr).toBe('');
    expect(JSON.parse(dry.stdout)).toMatchObject({ added: 4 });
    const write = kith('add-person', '--name', 'Nope', '--data', file);
    expect(write.status).not.toBe(0);
    expect(write.stderr).toMatch(/open read-only.*may not write in its folder/);
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await readdir(folder)).toEqual(['kith.json']);
  }, 60_000);

  it('the browser fallback opens it for viewing: the status says read-only and why, reads answer, edits are refused by name', async () => {
    const before = await readFile(file);
    const staticDir = join(root, 'static');
    await mkdir(staticDir);
    const server = await startServerProcess(file, staticDir, [], unprivileged());
    servers.push(server);
    const status = await api(server, 'file:status', {});
    expect(status).toMatchObject({ ok: true, value: { readOnly: { reason: expect.stringContaining('its folder') } } });
    expect((await api(server, 'network:get', {})).ok).toBe(true);
    const edit = await api(server, 'person:create', { name: 'Nope' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'file-read-only' } });
    await stopServerProcess(server);
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await readdir(folder)).toEqual(['kith.json']);
  }, 60_000);
});
