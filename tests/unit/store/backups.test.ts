import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore, type DataStoreOptions } from '../../../electron/backend/store/dataStore.js';
import { serializeKithFile } from '../../../shared/data/fileFormat.js';
import { FaultyFs, makeTempDir, sampleDoc } from '../../fixtures/store-helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let backupDir: string;
let time: number;
const stores: DataStore[] = [];
const MINUTE = 60_000;

async function openStore(options: Partial<DataStoreOptions> = {}): Promise<DataStore> {
  const store = await DataStore.open({
    path: file,
    createIfMissing: () => sampleDoc(1),
    watch: false,
    saveDebounceMs: 10_000,
    now: () => new Date(time),
    ...options,
  });
  stores.push(store);
  return store;
}

async function save(store: DataStore, count: number, minutesLater: number): Promise<void> {
  time += minutesLater * MINUTE;
  store.replace(sampleDoc(count));
  await store.flush();
}

const backupNames = async () => (await readdir(backupDir).catch(() => [] as string[])).sort();

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = join(dir, 'kith.json');
  backupDir = join(dir, 'kith.backups');
  time = Date.parse('2025-03-01T10:00:00.000Z');
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  await cleanup();
});

describe('DataStore: rotating backups', () => {
  it('makes no backup when creating a file (there is nothing to back up)', async () => {
    await openStore();
    expect(await backupNames()).toEqual([]);
  });

  it('copies the good file on disk before the first save of a session', async () => {
    await writeFile(file, serializeKithFile(sampleDoc(3)));
    const before = await readFile(file);
    const store = await openStore();
    expect(await backupNames()).toEqual([]);
    await save(store, 4, 0);
    expect(await backupNames()).toEqual(['kith-2025-03-01T10-00-00-000Z.json']);
    expect(Buffer.compare(await readFile(join(backupDir, 'kith-2025-03-01T10-00-00-000Z.json')), before)).toBe(0);
  });

  it('backs up at most every 10 minutes', async () => {
    const store = await openStore();
    await save(store, 2, 0);
    await save(store, 3, 4);
    await save(store, 4, 5);
    expect(await backupNames()).toHaveLength(1);
    await save(store, 5, 1);
    expect(await backupNames()).toEqual(['kith-2025-03-01T10-00-00-000Z.json', 'kith-2025-03-01T10-10-00-000Z.json']);
    // The second backup holds the version on disk just before that save (4 people besides me).
    expect(JSON.parse(await readFile(join(backupDir, 'kith-2025-03-01T10-10-00-000Z.json'), 'utf8')).people).toHaveLength(5);
  });

  it('keeps the newest 5, with names that sort by time', async () => {
    const store = await openStore();
    for (let i = 2; i <= 9; i += 1) await save(store, i, 11);
    const names = await backupNames();
    expect(names).toHaveLength(5);
    const listed = await store.listBackups();
    expect(listed.map((b) => b.name)).toEqual([...names].reverse());
    expect(listed.map((b) => b.people)).toEqual([9, 8, 7, 6, 5]);
    expect(listed[0]).toEqual({ name: 'kith-2025-03-01T11-28-00-000Z.json', savedAt: '2025-03-01T11:28:00.000Z', people: 9, ties: 8 });
  });

  it('honours a smaller backups count', async () => {
    const store = await openStore({ backups: 2 });
    for (let i = 2; i <= 6; i += 1) await save(store, i, 11);
    expect(await backupNames()).toHaveLength(2);
  });

  it('never overwrites a backup made in the same millisecond', async () => {
    await writeFile(file, serializeKithFile(sampleDoc(1)));
    const first = await openStore();
    await save(first, 2, 0);
    await first.close();
    const second = await openStore();
    await save(second, 3, 0);
    expect(await backupNames()).toEqual(['kith-2025-03-01T10-00-00-000Z-2.json', 'kith-2025-03-01T10-00-00-000Z.json']);
    expect((await second.listBackups()).map((b) => b.people)).toEqual([3, 2]);
  });

  it('listBackups skips invalid backups and ignores foreign files', async () => {
    const store = await openStore();
    await save(store, 2, 0);
    await writeFile(join(backupDir, 'kith-2026-01-01T00-00-00-000Z.json'), '');
    await writeFile(join(backupDir, 'kith-2026-01-02T00-00-00-000Z.json'), '{"schemaVersion":1}');
    await writeFile(join(backupDir, 'notes.txt'), 'hello');
    const listed = await store.listBackups();
    expect(listed.map((b) => b.name)).toEqual(['kith-2025-03-01T10-00-00-000Z.json']);
    // Pruning counts by name, and never touches foreign files.
    for (let i = 3; i <= 9; i += 1) await save(store, i, 11);
    expect(await backupNames()).toContain('notes.txt');
  });

  it('the backup is fsynced before the save replaces the file', async () => {
    const faulty = new FaultyFs();
    const store = await openStore({ fs: faulty.fs });
    faulty.calls.length = 0;
    await save(store, 2, 0);
    const [backup] = await backupNames();
    expect(backup).toBeDefined();
    // Copied under a temporary name, fsynced, renamed to its backup name, and only then the data file replaced.
    const partial = join(backupDir, 'kith.backup-in-progress');
    const copied = faulty.calls.findIndex((c) => c.op === 'copyFile' && c.path === `${file} -> ${partial}`);
    const synced = faulty.calls.findIndex((c) => c.op === 'fsync' && c.path === partial);
    const named = faulty.calls.findIndex((c) => c.op === 'rename' && c.path === `${partial} -> ${join(backupDir, backup as string)}`);
    const replaced = faulty.calls.findIndex((c) => c.op === 'rename' && c.path.endsWith(`-> ${file}`));
    expect(copied).toBeGreaterThanOrEqual(0);
    expect(synced).toBeGreaterThan(copied);
    expect(named).toBeGreaterThan(synced);
    expect(replaced).toBeGreaterThan(named);
  });

  it('a copy cut short leaves nothing under a backup name, and the next backup clears it', async () => {
    await writeFile(file, serializeKithFile(sampleDoc(3)));
    const faulty = new FaultyFs();
    const store = await openStore({ fs: faulty.fs });
    // A crash mid-copy, as the disk sees it: half the file under the temporary name, then the copy fails.
    faulty.fault = { op: 'fsync', code: 'EIO', when: (path) => path.startsWith(backupDir) };
    const partial = join(backupDir, 'kith.backup-in-progress');
    await save(store, 4, 0);
    expect(await backupNames()).toEqual([]);
    await writeFile(partial, (await readFile(file)).subarray(0, 40));
    expect(await store.listBackups()).toEqual([]);
    faulty.fault = undefined;
    await save(store, 5, 1);
    expect(await backupNames()).toEqual(['kith-2025-03-01T10-01-00-000Z.json']);
    expect((await store.listBackups()).map((b) => b.people)).toEqual([5]);
  });

  it('a failed backup does not stop the save, and is tried again next time', async () => {
    const faulty = new FaultyFs();
    const store = await openStore({ fs: faulty.fs });
    faulty.fault = { op: 'copyFile', code: 'ENOSPC' };
    await save(store, 2, 0);
    expect(store.problem).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8')).people).toHaveLength(3);
    expect(await backupNames()).toEqual([]);
    faulty.fault = undefined;
    await save(store, 3, 1);
    expect(await backupNames()).toHaveLength(1);
  });
});
