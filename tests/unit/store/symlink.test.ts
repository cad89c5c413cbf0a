import { spawn, type ChildProcess } from 'node:child_process';
import { lstat, mkdir, readFile, readdir, readlink, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore } from '../../../electron/backend/store/dataStore.js';
import { runCli } from '../../../electron/cli/main.js';
import { parseKithFile } from '../../../shared/data/fileFormat.js';
import type { PersonId } from '../../../shared/domain/model.js';
import { makeTempDir, sampleDoc } from '../../fixtures/store-helpers.js';

const HOLDER = resolve(import.meta.dirname, '../../fixtures/store-holdLock.ts');

let dir: string;
let cleanup: () => Promise<void>;
/** The real file lives in `real/`, the link the user opens in `links/`. */
let realFile: string;
let link: string;
const stores: DataStore[] = [];
const children: ChildProcess[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  await mkdir(join(dir, 'real'));
  await mkdir(join(dir, 'links'));
  realFile = join(dir, 'real', 'kith.json');
  link = join(dir, 'links', 'kith.json');
  // Relative, as `ln -s ../real/kith.json` makes it: resolved against the link's folder, not the working one.
  await symlink(join('..', 'real', 'kith.json'), link);
});

afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
  await cleanup();
});

async function open(path: string): Promise<DataStore> {
  const store = await DataStore.open({ path, createIfMissing: () => sampleDoc(1), watch: false, saveDebounceMs: 0 });
  stores.push(store);
  return store;
}

async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await runCli(argv, { out: () => undefined, err: (s) => (err += s) });
  return { code, err };
}

describe('a symlinked data file', () => {
  it('stays a link through 100 saves; the real file holds every save, and its backups and temp files live beside it', async () => {
    const store = await open(link);
    for (let i = 1; i <= 100; i += 1) {
      const doc = store.doc;
      if (!doc) throw new Error('no network');
      store.replace({ ...doc, people: [...doc.people, { id: `n${i}` as PersonId, name: `Saved ${i}` }] });
      await store.flush();
      const info = await lstat(link);
      expect(info.isSymbolicLink(), `after save ${i}`).toBe(true);
      expect(await readlink(link)).toBe(join('..', 'real', 'kith.json'));
      const onDisk = parseKithFile(await readFile(realFile, 'utf8'), realFile);
      expect(onDisk.people.at(-1)?.name).toBe(`Saved ${i}`);
    }
    expect(store.path).toBe(realFile);
    expect((await readdir(join(dir, 'links'))).sort()).toEqual(['kith.json']);
    expect(await readdir(join(dir, 'real'))).toEqual(expect.arrayContaining(['kith.json', 'kith.backups']));
  });

  it('is locked by its real path: a second store or a CLI write through the link is refused while the real file is open, and the other way round', async () => {
    await open(realFile);
    await expect(DataStore.open({ path: link, watch: false })).rejects.toMatchObject({ code: 'file-locked' });
    const before = await readFile(realFile);
    const write = await cli('add-person', '--data', link, '--name', 'Through the link');
    expect(write.code).not.toBe(0);
    expect(write.err).toMatch(/open in|already open/);
    expect((await readFile(realFile)).equals(before)).toBe(true);
    await Promise.all(stores.splice(0).map((s) => s.close()));

    // The link held by another process (the browser fallback, say): a CLI write through the real path is refused.
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, link], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    await new Promise<void>((ready, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('locked')) ready();
      });
      child.on('exit', (code) => reject(new Error(`the holder exited (${code})`)));
    });
    const direct = await cli('add-person', '--data', realFile, '--name', 'Behind its back');
    expect(direct.code).not.toBe(0);
    expect(direct.err).toContain(`process ${child.pid}`);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('a link to a file that does not exist yet: the file is created where the link points, and the link stays', async () => {
    const store = await open(link);
    expect(store.path).toBe(realFile);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(parseKithFile(await readFile(realFile, 'utf8'), realFile).people).toHaveLength(2);
  });
});
