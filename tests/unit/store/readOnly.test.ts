import { chmod, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { DataStore } from '../../../electron/backend/store/dataStore.js';
import type { FileStatus } from '../../../shared/api/contract/core.js';
import { serializeKithFile } from '../../../shared/data/fileFormat.js';
import { connectionsCsv, makeContacts } from '../../fixtures/generate-linkedin.js';
import { FaultyFs, makeTempDir, sampleDoc, waitFor } from '../../fixtures/store-helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
const stores: DataStore[] = [];
const backends: Backend[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = join(dir, 'kith.json');
  await writeFile(file, serializeKithFile(sampleDoc(3)));
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
  await Promise.all(backends.splice(0).map((b) => b.close().catch(() => undefined)));
  await chmod(file, 0o644).catch(() => undefined);
  await cleanup();
});

async function open(options: Partial<Parameters<typeof DataStore.open>[0]> = {}): Promise<DataStore> {
  const store = await DataStore.open({ path: file, watch: false, saveDebounceMs: 0, ...options });
  stores.push(store);
  return store;
}

describe('a read-only data file opens for viewing', () => {
  it('a file marked read-only (no write permission): loaded, not locked, every change refused with the reason; the file and its folder untouched', async () => {
    await chmod(file, 0o444);
    const before = await readFile(file);
    const store = await open();
    expect(store.doc?.people).toHaveLength(4);
    expect(store.readOnly).toContain('marked read-only');
    const doc = store.doc;
    if (!doc) throw new Error('no network');
    expect(() => store.replace({ ...doc, people: doc.people.slice(0, 1), ties: [] })).toThrow(
      expect.objectContaining({ code: 'file-read-only', message: expect.stringContaining('marked read-only') }),
    );
    await expect(store.restoreBackup()).rejects.toMatchObject({ code: 'file-read-only' });
    await store.close();
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['kith.json']);
  });

  it.each(['EACCES', 'EROFS', 'EPERM'])('a folder Kith may not write in (%s): opened read-only, naming the folder', async (code) => {
    const faulty = new FaultyFs();
    faulty.fault = { op: 'access', code, when: (path) => path === dir };
    const store = await open({ fs: faulty.fs });
    expect(store.doc?.people).toHaveLength(4);
    expect(store.readOnly).toContain(`its folder ${dir}`);
    expect(faulty.calls.filter((c) => c.op === 'open')).toEqual([]);
  });

  it('a missing file in a read-only folder is a clear refusal, not an empty network', async () => {
    const faulty = new FaultyFs();
    faulty.fault = { op: 'access', code: 'EROFS', when: (path) => path === dir };
    file = join(dir, 'other.json');
    await expect(open({ fs: faulty.fs, createIfMissing: () => sampleDoc(0) })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/cannot create one there.*read-only/),
    });
  });

  it('through the backend: the status says read-only and why; reading, import previews and layouts work; every edit is refused by name', async () => {
    await chmod(file, 0o444);
    const before = await readFile(file);
    const backend = await createBackend({ dataPath: file, saveDebounceMs: 0, watch: false });
    backends.push(backend);
    const status = (await backend.call('file:status', {})) as { ok: true; value: FileStatus };
    expect(status.value.readOnly?.reason).toContain('marked read-only');
    expect((await backend.call('network:get', {})).ok).toBe(true);
    expect((await backend.call('view:savePositions', { layout: 'force', positions: { me: [1, 2] } })).ok).toBe(true);
    for (const [channel, input] of [
      ['person:create', { name: 'Nope' }],
      ['person:update', { id: 'p1', patch: { company: 'Nope' } }],
      ['person:delete', { id: 'p1' }],
      ['network:loadExample', {}],
      ['file:restoreBackup', {}],
    ] as const) {
      const result = await backend.call(channel, input);
      expect(result, channel).toMatchObject({ ok: false, error: { code: expect.stringMatching(/file-read-only|rejected/) } });
    }
    const created = await backend.call('person:create', { name: 'Nope' });
    expect(created).toMatchObject({ ok: false, error: { code: 'file-read-only', message: expect.stringContaining('open read-only') } });
    const csv = connectionsCsv(makeContacts(5, 3), 'current');
    const preview = await backend.call('import:preview', {
      source: { kind: 'upload', name: 'Connections.csv', dataBase64: Buffer.from(csv).toString('base64') },
    });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const commit = await backend.call('import:commit', { previewId: (preview.value as { previewId: string }).previewId });
    expect(commit).toMatchObject({ ok: false, error: { code: 'file-read-only' } });
    await backend.close();
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['kith.json']);
  });

  it('another program changing a read-only file is shown at once (no edits of ours to lose)', async () => {
    await chmod(file, 0o444);
    const backend = await createBackend({ dataPath: file, saveDebounceMs: 0, watch: true });
    backends.push(backend);
    const changes: unknown[] = [];
    backend.onEvent((name, payload) => {
      if (name === 'onNetworkChanged') changes.push(payload);
    });
    // As a sync client writes: a new file renamed over the old one.
    await writeFile(join(dir, 'incoming.tmp'), serializeKithFile(sampleDoc(7)));
    await rename(join(dir, 'incoming.tmp'), file);
    await chmod(file, 0o444);
    await waitFor(() => backend.session().doc.people.length === 8, 5_000, 'the reload');
    expect(changes).toContainEqual(expect.objectContaining({ cause: 'reload' }));
  });
});
