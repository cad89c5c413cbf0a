import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore } from '../../../electron/backend/store/dataStore.js';
import { parseKithFile } from '../../../shared/data/fileFormat.js';
import { FaultyFs, leftoverTempFiles, makeTempDir, sampleDoc, waitFor, type FsOp } from '../../fixtures/store-helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let faulty: FaultyFs;
let store: DataStore | undefined;

async function openStore(saveDebounceMs = 10_000): Promise<DataStore> {
  store = await DataStore.open({ path: file, createIfMissing: () => sampleDoc(1), watch: false, saveDebounceMs, fs: faulty.fs });
  return store;
}

const isTemp = (path: string) => path.endsWith('.tmp') || path.includes('.tmp ->');

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = join(dir, 'kith.json');
  faulty = new FaultyFs();
});

afterEach(async () => {
  faulty.fault = undefined;
  await store?.close().catch(() => undefined);
  store = undefined;
  await cleanup();
});

const FAULTS: readonly [FsOp, string, RegExp][] = [
  ['open', 'EACCES', /permission denied \(EACCES\)/],
  ['write', 'ENOSPC', /no space left on the disk \(ENOSPC\)/],
  ['fsync', 'EIO', /input\/output error \(EIO\)/],
  ['fsync', 'EPERM', /not permitted; .* \(EPERM\)/],
  ['rename', 'EPERM', /not permitted; .* \(EPERM\)/],
  ['rename', 'EXDEV', /EXDEV/],
];

describe('DataStore: a save that fails', () => {
  it.each(FAULTS)('at %s with %s: save-failed, old file intact, no temp file, edits kept, retry succeeds', async (op, code, reason) => {
    const s = await openStore();
    const before = await readFile(file);
    const events: string[] = [];
    s.on((e) => events.push(e.kind));
    faulty.fault = { op, code, when: isTemp };
    const mine = sampleDoc(4);
    s.replace(mine);
    await expect(s.flush()).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(reason) });
    expect(s.problem).toEqual({ kind: 'save-failed', message: expect.stringMatching(reason) });
    expect(s.problem?.message).toContain(file);
    expect(s.problem?.message).toMatch(/edits are kept/);
    expect(events).toEqual(['dirty', 'problem']);
    expect(Buffer.compare(await readFile(file), before)).toBe(0);
    expect(await leftoverTempFiles(dir)).toEqual([]);
    expect(s.doc).toEqual(mine);
    expect(s.isDirty).toBe(true);

    faulty.fault = undefined;
    await s.flush();
    expect(s.problem).toBeUndefined();
    expect(s.isDirty).toBe(false);
    expect(parseKithFile(await readFile(file, 'utf8'), file)).toEqual(mine);
    expect(events).toEqual(['dirty', 'problem', 'saved']);
  });

  it('a fault at any step of a save leaves the old or the new file, never a mix, and no temp file', async () => {
    let time = Date.parse('2025-03-01T10:00:00.000Z');
    // Eleven minutes per tick: every save also makes a backup, so its steps are swept too.
    store = await DataStore.open({
      path: file,
      createIfMissing: () => sampleDoc(1),
      watch: false,
      saveDebounceMs: 10_000,
      fs: faulty.fs,
      now: () => new Date((time += 11 * 60_000)),
    });
    const s = store;
    faulty.calls.length = 0;
    s.replace(sampleDoc(2));
    await s.flush();
    const steps = faulty.calls.length;
    expect(steps).toBeGreaterThan(8);
    for (let n = 1; n <= steps; n += 1) {
      const old = parseKithFile(await readFile(file, 'utf8'), file);
      const next = sampleDoc(n + 2);
      s.replace(next);
      faulty.failInCalls = n;
      const failed = await s.flush().then(
        () => false,
        () => true,
      );
      faulty.failInCalls = undefined;
      const disk = parseKithFile(await readFile(file, 'utf8'), file);
      expect(disk).toEqual(failed ? old : next);
      expect(await leftoverTempFiles(dir)).toEqual([]);
      await s.flush();
      expect(parseKithFile(await readFile(file, 'utf8'), file)).toEqual(next);
      expect(s.problem).toBeUndefined();
    }
  });

  it('the next replace retries a failed debounced save by itself', async () => {
    const s = await openStore(0);
    faulty.fault = { op: 'write', code: 'ENOSPC', when: isTemp };
    s.replace(sampleDoc(2));
    await waitFor(() => s.problem?.kind === 'save-failed', 5_000, 'the failed save');
    faulty.fault = undefined;
    s.replace(sampleDoc(3));
    await waitFor(() => !s.isDirty, 5_000, 'the retried save');
    expect(s.problem).toBeUndefined();
    expect(parseKithFile(await readFile(file, 'utf8'), file).people).toHaveLength(4);
  });

  it('a failing folder fsync does not report a save that happened as failed', async () => {
    const s = await openStore();
    faulty.fault = { op: 'fsync', code: 'EINVAL', when: (path) => path === dir };
    s.replace(sampleDoc(2));
    await s.flush();
    expect(s.problem).toBeUndefined();
    faulty.fault = undefined;
    s.replace(sampleDoc(3));
    await s.flush();
    expect(s.problem).toBeUndefined();
  });

  it('a file that cannot be created is refused at open, without leaving a lock', async () => {
    faulty.fault = { op: 'write', code: 'ENOSPC', when: isTemp };
    await expect(openStore()).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('ENOSPC') });
    store = undefined;
    faulty.fault = undefined;
    await openStore();
  });

  it('an unreadable file is refused at open, not treated as corrupt', async () => {
    await (await openStore()).close();
    faulty.fault = { op: 'readFile', code: 'EACCES', when: (path) => path === file };
    await expect(openStore()).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('permission denied') });
    store = undefined;
    faulty.fault = undefined;
    expect((await openStore()).problem).toBeUndefined();
  });
});
