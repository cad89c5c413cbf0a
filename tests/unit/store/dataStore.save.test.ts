import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataStore, type DataStoreEventKind } from '../../../electron/backend/store/dataStore.js';
import { nodeFs } from '../../../electron/backend/store/fsLike.js';
import { parseKithFile } from '../../../shared/data/fileFormat.js';
import { FaultyFs, leftoverTempFiles, makeTempDir, sampleDoc, sleep, waitFor } from '../../fixtures/store-helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
const open: DataStore[] = [];

async function openStore(options: Partial<Parameters<typeof DataStore.open>[0]> = {}): Promise<DataStore> {
  const store = await DataStore.open({ path: file, createIfMissing: () => sampleDoc(1), watch: false, ...options });
  open.push(store);
  return store;
}

async function onDisk() {
  return parseKithFile(await readFile(file, 'utf8'), file);
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = join(dir, 'kith.json');
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  vi.restoreAllMocks();
  await cleanup();
});

describe('DataStore: opening and saving', () => {
  it('creates a missing file with createIfMissing and saves it at once', async () => {
    const store = await openStore();
    expect(store.doc?.people).toHaveLength(2);
    expect(store.isDirty).toBe(false);
    expect(store.problem).toBeUndefined();
    expect((await onDisk()).people).toHaveLength(2);
    expect(store.lastSavedAt).toBeDefined();
  });

  it('refuses a missing file without createIfMissing, and a relative path', async () => {
    await expect(DataStore.open({ path: file, watch: false })).rejects.toMatchObject({ code: 'not-found' });
    await expect(DataStore.open({ path: 'kith.json', watch: false })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('creates the folder of a new file', async () => {
    file = join(dir, 'nested', 'deeper', 'kith.json');
    await openStore();
    expect((await onDisk()).meId).toBe('me');
  });

  it('writes compact JSON that reads back equal', async () => {
    const store = await openStore();
    const doc = sampleDoc(5);
    store.replace(doc);
    await store.flush();
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('\n');
    expect(parseKithFile(text, file)).toEqual(doc);
  });

  it('debounces: many replaces within the quiet time make one write', async () => {
    const faulty = new FaultyFs();
    const store = await openStore({ fs: faulty.fs, saveDebounceMs: 300 });
    // Saves of the data file (the session's first backup is renamed into place too).
    const saves = () => faulty.calls.filter((c) => c.op === 'rename' && c.path.endsWith(`-> ${file}`)).length;
    const renamesBefore = saves();
    for (let i = 1; i <= 10; i += 1) store.replace(sampleDoc(i));
    expect(store.isDirty).toBe(true);
    await sleep(50);
    expect((await onDisk()).people).toHaveLength(2);
    await waitFor(() => !store.isDirty, 5_000, 'the debounced save');
    expect((await onDisk()).people).toHaveLength(11);
    expect(saves() - renamesBefore).toBe(1);
  });

  it('saves on the next tick with saveDebounceMs 0', async () => {
    const store = await openStore({ saveDebounceMs: 0 });
    store.replace(sampleDoc(3));
    await sleep(50);
    expect(store.isDirty).toBe(false);
    expect((await onDisk()).people).toHaveLength(4);
  });

  it('saves at the latest after saveMaxWaitMs while edits keep coming', async () => {
    const store = await openStore({ saveDebounceMs: 150, saveMaxWaitMs: 300 });
    let saves = 0;
    store.on((e) => {
      if (e.kind === 'saved') saves += 1;
    });
    const started = Date.now();
    for (let i = 1; Date.now() - started < 1_000; i += 1) {
      store.replace(sampleDoc(i));
      await sleep(20);
    }
    // Every replace came within the quiet time, yet saves happened meanwhile.
    expect(saves).toBeGreaterThanOrEqual(1);
  });

  it('flush resolves only when everything replaced so far is on disk', async () => {
    const store = await openStore({ saveDebounceMs: 10_000 });
    store.replace(sampleDoc(3));
    store.replace(sampleDoc(4));
    await store.flush();
    expect(store.isDirty).toBe(false);
    expect((await onDisk()).people).toHaveLength(5);
    await store.flush();
  });

  it('never has two writes in flight, and the last replace wins', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = {
      ...nodeFs,
      write: async (...args: Parameters<typeof nodeFs.write>) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(15);
        try {
          await nodeFs.write(...args);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const store = await openStore({ fs: slow, saveDebounceMs: 0 });
    const flushes: Promise<void>[] = [];
    for (let i = 1; i <= 8; i += 1) {
      store.replace(sampleDoc(i));
      flushes.push(store.flush());
      await sleep(3);
    }
    await Promise.all(flushes);
    expect(maxInFlight).toBe(1);
    expect((await onDisk()).people).toHaveLength(9);
  });

  it('serialises the network once per save', async () => {
    const store = await openStore({ saveDebounceMs: 10_000 });
    const doc = sampleDoc(3);
    const stringify = vi.spyOn(JSON, 'stringify');
    store.replace(doc);
    await store.flush();
    // Serialised in pieces: each entity exactly once, and the bytes equal one JSON.stringify.
    expect(stringify.mock.calls.filter(([value]) => value === doc.people[0])).toHaveLength(1);
    stringify.mockRestore();
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify(doc));
  });

  it('writes a temp file, fsyncs it, renames it over the file, then fsyncs the folder', async () => {
    const faulty = new FaultyFs();
    const store = await openStore({ fs: faulty.fs, saveDebounceMs: 10_000 });
    faulty.calls.length = 0;
    store.replace(sampleDoc(2));
    await store.flush();
    // The save's own steps (the session's first backup is copied, fsynced and renamed in its own folder before).
    const ops = faulty.calls.filter(
      (c) => ['open', 'write', 'fsync', 'close', 'rename'].includes(c.op) && !c.path.includes('kith.backups'),
    );
    const tempOpen = ops.findIndex((c) => c.op === 'open' && c.path.endsWith('.tmp'));
    const sequence = ops
      .slice(tempOpen)
      .map((c) => `${c.op}:${c.path === dir ? 'dir' : c.path.endsWith('.tmp') ? 'tmp' : c.op === 'rename' ? 'tmp->file' : c.path}`);
    expect(sequence).toEqual(['open:tmp', 'write:tmp', 'fsync:tmp', 'close:tmp', 'rename:tmp->file', 'open:dir', 'fsync:dir', 'close:dir']);
    expect(ops.find((c) => c.op === 'rename')?.path).toMatch(/\.tmp -> .*kith\.json$/);
    expect(await leftoverTempFiles(dir)).toEqual([]);
  });

  it('emits dirty once per dirty period, then saved', async () => {
    const store = await openStore({ saveDebounceMs: 10_000 });
    const events: DataStoreEventKind[] = [];
    const off = store.on((e) => events.push(e.kind));
    store.replace(sampleDoc(2));
    store.replace(sampleDoc(3));
    await store.flush();
    store.replace(sampleDoc(4));
    await store.flush();
    off();
    store.replace(sampleDoc(5));
    expect(events).toEqual(['dirty', 'saved', 'dirty', 'saved']);
  });

  it('a throwing listener does not break saving', async () => {
    const store = await openStore({ saveDebounceMs: 10_000 });
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    store.on(() => {
      throw new Error('listener bug');
    });
    store.replace(sampleDoc(2));
    await store.flush();
    expect(store.isDirty).toBe(false);
    expect(warn).toHaveBeenCalled();
  });

  it('close saves pending edits and refuses later replaces', async () => {
    const store = await DataStore.open({ path: file, createIfMissing: () => sampleDoc(1), watch: false, saveDebounceMs: 10_000 });
    store.replace(sampleDoc(6));
    await store.close();
    expect((await onDisk()).people).toHaveLength(7);
    expect(() => store.replace(sampleDoc(1))).toThrow(/closed/);
    await store.close();
  });

  it('reopens the saved network', async () => {
    const first = await DataStore.open({ path: file, createIfMissing: () => sampleDoc(1), watch: false });
    first.replace(sampleDoc(4));
    await first.close();
    const second = await openStore({ createIfMissing: () => sampleDoc(0) });
    expect(second.doc).toEqual(sampleDoc(4));
  });

  it('removes temp files a crashed writer left behind', async () => {
    const first = await DataStore.open({ path: file, createIfMissing: () => sampleDoc(1), watch: false });
    await first.close();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, '.kith.json.4242-0a1b2c3d.tmp'), '{"half');
    await writeFile(join(dir, 'unrelated.tmp'), 'keep me');
    await openStore();
    expect(await leftoverTempFiles(dir)).toEqual(['unrelated.tmp']);
  });
});
