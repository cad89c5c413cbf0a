import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore } from '../../../electron/backend/store/dataStore.js';
import { serializeKithFile } from '../../../shared/data/fileFormat.js';
import { makeTempDir, sampleDoc } from '../../fixtures/store-helpers.js';

const HOLDER = resolve(import.meta.dirname, '../../fixtures/store-holdLock.ts');

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let lockFile: string;
const stores: DataStore[] = [];
const children: ChildProcess[] = [];

async function openStore(): Promise<DataStore> {
  const store = await DataStore.open({ path: file, createIfMissing: () => sampleDoc(1), watch: false });
  stores.push(store);
  return store;
}

/** Starts a child Node process that opens the file with a DataStore and holds it. */
async function childHoldingLock(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  await new Promise<void>((resolveReady, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('locked')) resolveReady();
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code}): ${err}`)));
  });
  return child;
}

function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.kill('SIGKILL');
  });
}

/** A pid that surely belongs to no running process: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolveExit) => child.once('exit', resolveExit));
  return child.pid ?? 999_999;
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = join(dir, 'kith.json');
  lockFile = `${file}.lock`;
  await writeFile(file, serializeKithFile(sampleDoc(2)));
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) await killAndWait(child);
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  await cleanup();
});

describe('DataStore: one writer per file', () => {
  it('writes <file>.lock with pid, hostname and start time, and removes it on close', async () => {
    const store = await openStore();
    const info = JSON.parse(await readFile(lockFile, 'utf8'));
    expect(info).toEqual({ pid: process.pid, hostname: hostname(), startedAt: expect.any(String), id: expect.any(String) });
    await store.close();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('refuses a second store in the same process, naming the file and pid', async () => {
    await openStore();
    await expect(openStore()).rejects.toMatchObject({
      code: 'file-locked',
      message: expect.stringMatching(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*pid ${process.pid}`)),
    });
  });

  it('refuses the same file reached by another path (.., a symlinked folder)', async () => {
    await openStore();
    await expect(DataStore.open({ path: join(dir, 'sub', '..', 'kith.json'), watch: false })).rejects.toMatchObject({
      code: 'file-locked',
    });
    await symlink(dir, join(dir, 'alias'));
    await expect(DataStore.open({ path: join(dir, 'alias', 'kith.json'), watch: false })).rejects.toMatchObject({
      code: 'file-locked',
      message: expect.stringContaining(`pid ${process.pid}`),
    });
  });

  it('can open again after close', async () => {
    const store = await openStore();
    await store.close();
    await openStore();
  });

  it('refuses while another live process holds the file, and takes over once it was killed', async () => {
    const child = await childHoldingLock();
    await expect(openStore()).rejects.toMatchObject({ code: 'file-locked', message: expect.stringContaining(`process ${child.pid}`) });
    await expect(openStore()).rejects.toMatchObject({ message: expect.stringContaining(file) });
    await killAndWait(child);
    // SIGKILL: no exit handler ran, the lock file is still there.
    expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(child.pid);
    const store = await openStore();
    expect(store.doc?.people).toHaveLength(3);
    expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
  }, 30_000);

  it('takes over a lock whose process is gone', async () => {
    await writeFile(lockFile, JSON.stringify({ pid: await deadPid(), hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
    await openStore();
    expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
  });

  it('takes over a lock naming this pid that no store of this process holds (pid reused after a crash)', async () => {
    await writeFile(lockFile, JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
    await openStore();
  });

  it('takes over an old unreadable lock (a crash while it was written)', async () => {
    await writeFile(lockFile, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockFile, old, old);
    await openStore();
    expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
  });

  it('waits for a fresh unreadable lock to age, then takes it over (a relaunch right after a crash while it was written)', async () => {
    await writeFile(lockFile, '{"pid":');
    const t0 = Date.now();
    const store = await openStore();
    expect(store.doc?.people).toHaveLength(3);
    expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
    // Not before the grace period: a lock being written right now must get the time to be finished.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_900);
  }, 15_000);

  it('takes the lock as soon as a lock being written turns out valid and its process gone', async () => {
    await writeFile(lockFile, '');
    const dead = await deadPid();
    setTimeout(
      () => void writeFile(lockFile, JSON.stringify({ pid: dead, hostname: hostname(), startedAt: new Date().toISOString() })),
      300,
    );
    const t0 = Date.now();
    await openStore();
    expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
    expect(Date.now() - t0).toBeLessThan(1_500);
  }, 15_000);

  it('respects a lock from another computer and says which file to delete', async () => {
    await writeFile(lockFile, JSON.stringify({ pid: 1234, hostname: 'other-laptop', startedAt: '2025-01-01T00:00:00.000Z' }));
    await expect(openStore()).rejects.toMatchObject({
      code: 'file-locked',
      message: expect.stringMatching(/other-laptop.*delete .*kith\.json\.lock/s),
    });
    expect(JSON.parse(await readFile(lockFile, 'utf8')).hostname).toBe('other-laptop');
  });

  it('close does not remove a lock that is no longer its own', async () => {
    const store = await openStore();
    const foreign = JSON.stringify({ pid: 1, hostname: 'elsewhere', startedAt: '2025-01-01T00:00:00.000Z' });
    await writeFile(lockFile, foreign);
    await store.close();
    expect(await readFile(lockFile, 'utf8')).toBe(foreign);
  });

  it('a corrupt file is still locked, so that recovery has one writer', async () => {
    await writeFile(file, 'garbage');
    const store = await openStore();
    expect(store.problem?.kind).toBe('corrupt');
    await expect(openStore()).rejects.toMatchObject({ code: 'file-locked' });
  });
});
