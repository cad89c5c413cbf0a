import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore, type DataStoreOptions } from '../../../electron/backend/store/dataStore.js';
import { serializeKithFile } from '../../../shared/data/fileFormat.js';
import { makeTempDir, sampleDoc, waitFor } from '../../fixtures/store-helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let time: number;
const stores: DataStore[] = [];

const clock = () => new Date(time);
const MINUTE = 60_000;

async function openStore(options: Partial<DataStoreOptions> = {}): Promise<DataStore> {
  const store = await DataStore.open({ path: file, watch: false, saveDebounceMs: 10_000, now: clock, ...options });
  stores.push(store);
  return store;
}

/** A file with three backups (1, 2 and 3 people besides me: each save backs up the version before it), then the current version with 4. */
async function fileWithBackups(): Promise<void> {
  const store = await DataStore.open({ path: file, createIfMissing: () => sampleDoc(1), watch: false, now: clock });
  for (const count of [2, 3, 4]) {
    time += 11 * MINUTE;
    store.replace(sampleDoc(count));
    await store.flush();
  }
  await store.close();
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = join(dir, 'kith.json');
  time = Date.parse('2025-03-01T10:00:00.000Z');
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  await cleanup();
});

const CORRUPT_FILES: readonly [string, Uint8Array, RegExp][] = [
  ['an empty file', new Uint8Array(0), /empty/],
  ['a NUL-filled file (power cut)', new Uint8Array(4096), /NUL/],
  ['null', Buffer.from('null'), /null/],
  ['truncated JSON', Buffer.from(serializeKithFile(sampleDoc(3)).slice(0, 60)), /not valid JSON/],
  ['an array', Buffer.from('[]'), /array/],
  ['a schema violation', Buffer.from(JSON.stringify({ ...sampleDoc(1), people: [{ id: 'me' }] })), /people/],
  ['a broken reference', Buffer.from(JSON.stringify({ ...sampleDoc(1), meId: 'nobody' })), /meId/],
  ['a newer schemaVersion', Buffer.from(JSON.stringify({ ...sampleDoc(1), schemaVersion: 99 })), /newer/i],
  ['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /UTF-8/],
];

describe('DataStore: a corrupt file', () => {
  it.each(CORRUPT_FILES)('opens %s in the corrupt state and leaves it byte for byte', async (_what, bytes, reason) => {
    await writeFile(file, bytes);
    const store = await openStore({ createIfMissing: () => sampleDoc(0) });
    expect(store.doc).toBeUndefined();
    expect(store.problem?.kind).toBe('corrupt');
    expect(store.problem?.message).toMatch(reason);
    expect(store.problem?.message).toContain(file);
    expect(() => store.replace(sampleDoc(1))).toThrow(expect.objectContaining({ code: 'file-corrupt' }));
    await store.flush();
    await store.close();
    expect(Buffer.compare(await readFile(file), Buffer.from(bytes))).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['kith.json']);
  });

  it('lists the valid backups, newest first, and skips broken ones', async () => {
    await fileWithBackups();
    const backupDir = join(dir, 'kith.backups');
    // A newer but broken backup is not offered.
    await writeFile(join(backupDir, 'kith-2030-01-01T00-00-00-000Z.json'), '{"trunc');
    await writeFile(file, '{"trunc');
    const store = await openStore();
    const problem = store.problem;
    if (problem?.kind !== 'corrupt') throw new Error('expected the corrupt state');
    expect(problem.backups.map((b) => b.people)).toEqual([4, 3, 2]);
    expect(problem.backups[0]?.savedAt).toBe(new Date(Date.parse('2025-03-01T10:00:00Z') + 33 * MINUTE).toISOString());
    expect(problem.message).toMatch(/3 backup\(s\) can be restored/);
    expect(await store.listBackups()).toEqual(problem.backups);
  });

  it('restores the newest valid backup and keeps the corrupt file aside', async () => {
    await fileWithBackups();
    await writeFile(file, '\u0000\u0000\u0000');
    const store = await openStore();
    const events: string[] = [];
    store.on((e) => events.push(e.kind));
    time += MINUTE;
    const { asidePath } = await store.restoreBackup();
    expect(asidePath).toBe(join(dir, 'kith.corrupt-2025-03-01T10-34-00-000Z.json'));
    expect(await readFile(asidePath ?? '', 'utf8')).toBe('\u0000\u0000\u0000');
    expect(store.problem).toBeUndefined();
    expect(store.doc?.people).toHaveLength(4);
    expect(events).toEqual(['reloaded']);
    const backupBytes = await readFile(join(dir, 'kith.backups', (await store.listBackups())[0]?.name ?? ''));
    expect(Buffer.compare(await readFile(file), backupBytes)).toBe(0);
    store.replace(sampleDoc(7));
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8')).people).toHaveLength(8);
  });

  it('restores a named older backup', async () => {
    await fileWithBackups();
    await writeFile(file, 'garbage');
    const store = await openStore();
    const oldest = (await store.listBackups()).at(-1);
    await store.restoreBackup(oldest?.name);
    expect(store.doc?.people).toHaveLength(2);
  });

  it('refuses names that are not backups of this file, and keeps the file', async () => {
    await fileWithBackups();
    await writeFile(file, 'garbage');
    const store = await openStore();
    for (const name of ['../kith.json', '/etc/passwd', 'kith-2025-03-01T10-00-00-000Z.json.bak', 'other-2025-03-01T10-00-00-000Z.json']) {
      await expect(store.restoreBackup(name)).rejects.toMatchObject({ code: 'not-found' });
    }
    await expect(store.restoreBackup('kith-2001-01-01T00-00-00-000Z.json')).rejects.toMatchObject({ code: 'not-found' });
    expect(await readFile(file, 'utf8')).toBe('garbage');
    expect(store.problem?.kind).toBe('corrupt');
  });

  it('refuses a broken backup by name', async () => {
    await fileWithBackups();
    await writeFile(join(dir, 'kith.backups', 'kith-2030-01-01T00-00-00-000Z.json'), '[]');
    await writeFile(file, 'garbage');
    const store = await openStore();
    await expect(store.restoreBackup('kith-2030-01-01T00-00-00-000Z.json')).rejects.toMatchObject({ code: 'file-corrupt' });
    expect(await readFile(file, 'utf8')).toBe('garbage');
  });

  it('says so when no backup exists, and keeps the file', async () => {
    await writeFile(file, '{}');
    const store = await openStore();
    expect(store.problem?.message).toMatch(/No valid backup/);
    await expect(store.restoreBackup()).rejects.toMatchObject({ code: 'not-found' });
    expect(await readFile(file, 'utf8')).toBe('{}');
  });

  it('does not reset a missing file to an empty network when backups of it exist', async () => {
    await fileWithBackups();
    const { unlink } = await import('node:fs/promises');
    await unlink(file);
    const store = await openStore({ createIfMissing: () => sampleDoc(0) });
    expect(store.problem?.kind).toBe('corrupt');
    expect(store.problem?.message).toMatch(/missing/);
    const { asidePath } = await store.restoreBackup();
    expect(asidePath).toBeUndefined();
    expect(store.doc?.people).toHaveLength(4);
  });

  it('restoring while the file is fine saves pending edits into the copy set aside', async () => {
    await fileWithBackups();
    const store = await openStore();
    store.replace(sampleDoc(9));
    time += MINUTE;
    const { asidePath } = await store.restoreBackup();
    expect(asidePath).toMatch(/kith\.before-restore-.*\.json$/);
    expect(JSON.parse(await readFile(asidePath ?? '', 'utf8')).people).toHaveLength(10);
    // The newest backup now is the copy made before the save of the pending edits.
    expect(store.doc?.people).toHaveLength(5);
  });

  it('loads a corrupt file once another program has repaired it', async () => {
    await writeFile(file, 'garbage');
    const store = await openStore({ watch: true, watchDebounceMs: 20 });
    const events: string[] = [];
    store.on((e) => events.push(e.kind));
    await writeFile(join(dir, 'elsewhere.json'), serializeKithFile(sampleDoc(2)));
    await mkdir(join(dir, 'sub'));
    await writeFile(file, serializeKithFile(sampleDoc(2)));
    await waitFor(() => store.doc !== undefined, 5_000, 'the repaired file to load');
    expect(store.problem).toBeUndefined();
    expect(events).toContain('reloaded');
  });
});
