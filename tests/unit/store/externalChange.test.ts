import { readdir, readFile, rename, utimes, writeFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore, type DataStoreOptions } from '../../../electron/backend/store/dataStore.js';
import { parseKithFile, serializeKithFile } from '../../../shared/data/fileFormat.js';
import { makeTempDir, sampleDoc, sleep, waitFor } from '../../fixtures/store-helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
const stores: DataStore[] = [];
const now = () => new Date('2025-03-01T10:00:00.000Z');

async function openStore(options: Partial<DataStoreOptions> = {}): Promise<DataStore> {
  const store = await DataStore.open({
    path: file,
    createIfMissing: () => sampleDoc(1),
    watch: false,
    saveDebounceMs: 10_000,
    now,
    ...options,
  });
  stores.push(store);
  return store;
}

/** Another program replaces the file (a sync client does write-temp-then-rename, an editor writes in place). */
async function otherProgramWrites(text: string, how: 'rename' | 'in-place' = 'rename'): Promise<void> {
  if (how === 'in-place') {
    await writeFile(file, text);
    return;
  }
  const temp = join(dir, 'sync-download.part');
  await writeFile(temp, text);
  await rename(temp, file);
}

const theirs = serializeKithFile(sampleDoc(3, 'theirs'));

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = join(dir, 'kith.json');
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  await cleanup();
});

describe('DataStore: another program changes the file', () => {
  it.each(['rename', 'in-place'] as const)('is noticed before saving (%s): nothing is overwritten, edits stay in memory', async (how) => {
    const store = await openStore();
    const events: string[] = [];
    store.on((e) => events.push(e.kind));
    await otherProgramWrites(theirs, how);
    const mine = sampleDoc(5, 'mine');
    store.replace(mine);
    await expect(store.flush()).rejects.toMatchObject({ code: 'file-changed-on-disk' });
    expect(await readFile(file, 'utf8')).toBe(theirs);
    expect(store.problem?.kind).toBe('external-change');
    expect(store.problem?.message).toContain(file);
    expect(store.doc).toEqual(mine);
    expect(store.isDirty).toBe(true);
    expect(events).toEqual(['dirty', 'problem']);
    // Further edits are kept, never saved, until the user decides.
    store.replace(sampleDoc(6, 'mine'));
    await expect(store.flush()).rejects.toMatchObject({ code: 'file-changed-on-disk' });
    expect(await readFile(file, 'utf8')).toBe(theirs);
  });

  it('is noticed by watching the folder, without any edit', async () => {
    const store = await openStore({ watch: true, watchDebounceMs: 20 });
    await otherProgramWrites(theirs);
    await waitFor(() => store.problem !== undefined, 5_000, 'the external change');
    expect(store.problem?.kind).toBe('external-change');
  });

  it("does not mistake its own saves for another program's", async () => {
    const store = await openStore({ watch: true, watchDebounceMs: 5, saveDebounceMs: 0 });
    for (let i = 1; i <= 15; i += 1) {
      store.replace(sampleDoc(i));
      await sleep(i % 3 === 0 ? 30 : 2);
    }
    await store.flush();
    await sleep(150);
    expect(store.problem).toBeUndefined();
    expect(parseKithFile(await readFile(file, 'utf8'), file).people).toHaveLength(16);
  });

  it('a touch or a rewrite with the same bytes is not a change', async () => {
    const store = await openStore();
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    store.replace(sampleDoc(2));
    await store.flush();
    await otherProgramWrites(serializeKithFile(sampleDoc(2)));
    store.replace(sampleDoc(3));
    await store.flush();
    expect(store.problem).toBeUndefined();
    expect(parseKithFile(await readFile(file, 'utf8'), file).people).toHaveLength(4);
  });

  it('a deleted file is written again: there was nothing to overwrite', async () => {
    const store = await openStore();
    await unlink(file);
    store.replace(sampleDoc(2));
    await store.flush();
    expect(store.problem).toBeUndefined();
    expect(parseKithFile(await readFile(file, 'utf8'), file).people).toHaveLength(3);
  });

  it('reload: keeps my unsaved version in a copy, then loads theirs', async () => {
    const store = await openStore();
    await otherProgramWrites(theirs);
    const mine = sampleDoc(5, 'mine');
    store.replace(mine);
    await store.flush().catch(() => undefined);
    const events: string[] = [];
    store.on((e) => events.push(e.kind));
    const { copyPath } = await store.resolveExternalChange('reload');
    expect(copyPath).toBe(join(dir, 'kith.mine-2025-03-01T10-00-00-000Z.json'));
    expect(parseKithFile(await readFile(copyPath ?? '', 'utf8'), 'copy')).toEqual(mine);
    expect(await readFile(file, 'utf8')).toBe(theirs);
    expect(store.doc).toEqual(parseKithFile(theirs, 'theirs'));
    expect(store.problem).toBeUndefined();
    expect(store.isDirty).toBe(false);
    expect(events).toEqual(['reloaded']);
    // Saving works again, on top of their version.
    store.replace(sampleDoc(7));
    await store.flush();
    expect(parseKithFile(await readFile(file, 'utf8'), file).people).toHaveLength(8);
  });

  it('reload with no unsaved edits still keeps my last version, which theirs replaced', async () => {
    const store = await openStore({ watch: true, watchDebounceMs: 20 });
    const mineOnDisk = await readFile(file, 'utf8');
    await otherProgramWrites(theirs);
    await waitFor(() => store.problem !== undefined, 5_000, 'the external change');
    const { copyPath } = await store.resolveExternalChange('reload');
    expect(await readFile(copyPath ?? '', 'utf8')).toBe(mineOnDisk);
  });

  it('reload writes no copy when mine equals theirs', async () => {
    const store = await openStore();
    const same = sampleDoc(4);
    await otherProgramWrites(serializeKithFile(same));
    store.replace(sampleDoc(9));
    await store.flush().catch(() => undefined);
    store.replace(same);
    const { copyPath } = await store.resolveExternalChange('reload');
    expect(copyPath).toBeUndefined();
    expect((await readdir(dir)).filter((n) => n.includes('.mine-'))).toEqual([]);
  });

  it('keep-mine-as-copy: keeps their version in a copy, then saves mine over the file', async () => {
    const store = await openStore();
    await otherProgramWrites(theirs);
    const mine = sampleDoc(5, 'mine');
    store.replace(mine);
    await store.flush().catch(() => undefined);
    const { copyPath } = await store.resolveExternalChange('keep-mine-as-copy');
    expect(copyPath).toBe(join(dir, 'kith.theirs-2025-03-01T10-00-00-000Z.json'));
    expect(await readFile(copyPath ?? '', 'utf8')).toBe(theirs);
    expect(parseKithFile(await readFile(file, 'utf8'), file)).toEqual(mine);
    expect(store.problem).toBeUndefined();
    expect(store.isDirty).toBe(false);
  });

  it('keep-mine-as-copy writes mine even without unsaved edits, and keeps unreadable bytes of theirs', async () => {
    const store = await openStore({ watch: true, watchDebounceMs: 20 });
    const mine = store.doc;
    await otherProgramWrites('not json at all');
    await waitFor(() => store.problem !== undefined, 5_000, 'the external change');
    const { copyPath } = await store.resolveExternalChange('keep-mine-as-copy');
    expect(await readFile(copyPath ?? '', 'utf8')).toBe('not json at all');
    expect(parseKithFile(await readFile(file, 'utf8'), file)).toEqual(mine);
  });

  it('reloading a file that another program broke keeps mine and enters the corrupt state', async () => {
    const store = await openStore();
    await otherProgramWrites('{"broken');
    store.replace(sampleDoc(3));
    await store.flush().catch(() => undefined);
    const { copyPath } = await store.resolveExternalChange('reload');
    expect(copyPath).toBeDefined();
    expect(store.problem?.kind).toBe('corrupt');
    expect(await readFile(file, 'utf8')).toBe('{"broken');
  });

  it('two copies in the same millisecond get distinct names', async () => {
    const store = await openStore();
    for (const round of [1, 2]) {
      await otherProgramWrites(serializeKithFile(sampleDoc(round, `theirs${round}`)));
      store.replace(sampleDoc(round + 5));
      await store.flush().catch(() => undefined);
      await store.resolveExternalChange('keep-mine-as-copy');
    }
    expect((await readdir(dir)).filter((n) => n.includes('.theirs-')).sort()).toEqual([
      'kith.theirs-2025-03-01T10-00-00-000Z-2.json',
      'kith.theirs-2025-03-01T10-00-00-000Z.json',
    ]);
  });

  it('refuses to resolve when there is nothing to resolve, and refuses a restore before resolving', async () => {
    const store = await openStore();
    await expect(store.resolveExternalChange('reload')).rejects.toMatchObject({ code: 'rejected' });
    await otherProgramWrites(theirs);
    store.replace(sampleDoc(2));
    await store.flush().catch(() => undefined);
    await expect(store.restoreBackup()).rejects.toMatchObject({ code: 'file-changed-on-disk' });
  });

  it('close with unresolved edits writes them to a copy and says where', async () => {
    const store = await DataStore.open({ path: file, createIfMissing: () => sampleDoc(1), watch: false, saveDebounceMs: 10_000, now });
    await otherProgramWrites(theirs);
    const mine = sampleDoc(4, 'mine');
    store.replace(mine);
    await expect(store.close()).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('kith.mine-') });
    expect(await readFile(file, 'utf8')).toBe(theirs);
    const copy = (await readdir(dir)).find((n) => n.includes('.mine-')) ?? '';
    expect(parseKithFile(await readFile(join(dir, copy), 'utf8'), copy)).toEqual(mine);
    expect((await readdir(dir)).includes('kith.json.lock')).toBe(false);
  });
});
