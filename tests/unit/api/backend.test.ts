import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import type { Person, Tie } from '../../../shared/domain/model.js';
import { parseKithFile } from '../../../shared/data/fileFormat.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function backendAt(path: string): Promise<Backend> {
  const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
  open.push(backend);
  return backend;
}

async function ok<T>(backend: Backend, name: string, input: unknown): Promise<T> {
  const result = await backend.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

describe('backend', () => {
  it('creates a new data file holding only me, and saves every edit', async () => {
    const path = join(await tempDir(), 'kith.json');
    const backend = await backendAt(path);
    const status = await ok<{ people: number; ties: number }>(backend, 'file:status', {});
    expect(status).toMatchObject({ people: 1, ties: 0 });
    const ada = await ok<Person>(backend, 'person:create', { name: 'Ada' });
    const doc = await ok<{ file: { meId: string } }>(backend, 'network:get', {});
    await ok<Tie>(backend, 'tie:create', { a: ada.id, b: doc.file.meId, origin: 'living', activity: 'sharing-passion' });
    await backend.session().store.flush();
    const onDisk = parseKithFile(await readFile(path, 'utf8'), path);
    expect(onDisk.people.map((p) => p.name)).toContain('Ada');
    expect(onDisk.ties[0]).toMatchObject({ origin: 'living', activity: 'sharing-passion' });
  });

  it('undoes and redoes edits in order, with labels', async () => {
    const backend = await backendAt(join(await tempDir(), 'kith.json'));
    await ok(backend, 'network:loadExample', {});
    const ada = await ok<Person>(backend, 'person:create', { name: 'Ada' });
    await ok(backend, 'person:update', { id: ada.id, patch: { company: 'Engines' } });
    let history = await ok<{ canUndo: boolean; undoLabel?: string }>(backend, 'history:undo', {});
    expect(history.undoLabel).toBe('Add Ada');
    let people = (await ok<{ file: { people: Person[] } }>(backend, 'network:get', {})).file.people;
    expect(people.find((p) => p.id === ada.id)?.company).toBeUndefined();
    await ok(backend, 'history:undo', {});
    people = (await ok<{ file: { people: Person[] } }>(backend, 'network:get', {})).file.people;
    expect(people.some((p) => p.id === ada.id)).toBe(false);
    history = await ok(backend, 'history:redo', {});
    expect(history.canUndo).toBe(true);
    await ok(backend, 'history:redo', {});
    people = (await ok<{ file: { people: Person[] } }>(backend, 'network:get', {})).file.people;
    expect(people.find((p) => p.id === ada.id)?.company).toBe('Engines');
    expect(await backend.call('history:redo', {})).toMatchObject({ ok: false, error: { code: 'rejected', message: 'Nothing to redo.' } });
  });

  it('deleting a person can be undone with their ties', async () => {
    const backend = await backendAt(join(await tempDir(), 'kith.json'));
    await ok(backend, 'network:loadExample', {});
    const before = (await ok<{ file: { ties: Tie[] } }>(backend, 'network:get', {})).file.ties.length;
    const result = await ok<{ ties: number }>(backend, 'person:delete', { id: 'ex-tom' });
    expect(result.ties).toBe(3);
    await ok(backend, 'history:undo', {});
    expect((await ok<{ file: { ties: Tie[] } }>(backend, 'network:get', {})).file.ties).toHaveLength(before);
  });

  it('refuses the example over a non-empty network', async () => {
    const backend = await backendAt(join(await tempDir(), 'kith.json'));
    await ok(backend, 'person:create', { name: 'Ada' });
    expect(await backend.call('network:loadExample', {})).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });

  it('a second backend on the same file is refused while the first holds it', async () => {
    const path = join(await tempDir(), 'kith.json');
    await backendAt(path);
    await expect(createBackend({ dataPath: path, watch: false })).rejects.toMatchObject({ code: 'file-locked' });
  });

  it('createFile refuses to overwrite and openFile switches files', async () => {
    const dir = await tempDir();
    const backend = await backendAt(join(dir, 'a.json'));
    await ok(backend, 'person:create', { name: 'In A' });
    await backend.createFile(join(dir, 'b.json'), { example: true });
    expect((await ok<{ people: number }>(backend, 'file:status', {})).people).toBe(13);
    await expect(backend.createFile(join(dir, 'a.json'))).rejects.toMatchObject({ code: 'conflict' });
    await backend.openFile(join(dir, 'a.json'));
    const names = (await ok<{ file: { people: Person[] } }>(backend, 'network:get', {})).file.people.map((p) => p.name);
    expect(names).toContain('In A');
  });
});

describe('backend.importFile (File ▸ Import in Electron)', () => {
  it('previews the export at a path and sends the preview to the window, writing nothing', async () => {
    const { writeFile } = await import('node:fs/promises');
    const dir = await tempDir();
    const path = join(dir, 'kith.json');
    const backend = await backendAt(path);
    const csv = join(dir, 'Connections.csv');
    await writeFile(
      csv,
      'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,08 Jan 2024',
    );
    const before = await readFile(path);
    const previews: unknown[] = [];
    backend.onEvent((name, payload) => {
      if (name === 'onImportPreview') previews.push(payload);
    });
    await backend.importFile(csv);
    expect(previews).toHaveLength(1);
    expect(JSON.stringify(previews[0])).toContain('"added":1');
    expect(await readFile(path)).toEqual(before);
    await expect(backend.importFile(join(dir, 'missing.zip'))).rejects.toMatchObject({ code: expect.any(String) });
  });
});
