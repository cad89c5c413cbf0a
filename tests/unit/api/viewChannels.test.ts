import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api/contract/index';
import type { NetworkChanges } from '../../../shared/api/contract/view';
import type { KithFile, Person, PersonId, Tie } from '../../../shared/domain/model';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { applyPatch } from '../../../renderer/src/store/networkPatch';
import { useTempDirs } from '../support/tempDir';

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function backendWithExample(): Promise<{ backend: Backend; path: string; events: Array<{ name: string; payload: unknown }> }> {
  const path = join(await tempDir(), 'kith.json');
  const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
  open.push(backend);
  const events: Array<{ name: string; payload: unknown }> = [];
  backend.onEvent((name, payload) => events.push({ name, payload }));
  expect((await backend.call('network:loadExample', {})).ok).toBe(true);
  return { backend, path, events };
}

async function value<T>(backend: Backend, name: string, input: unknown): Promise<T> {
  const result = await backend.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

const network = (backend: Backend) => value<{ revision: number; file: KithFile }>(backend, 'network:get', {});

describe('view:savePositions', () => {
  it('stores rounded positions in the data file without an undo step, a revision or a network event', async () => {
    const { backend, path, events } = await backendWithExample();
    const before = await network(backend);
    const history = await value<{ history: { undoLabel?: string } }>(backend, 'file:status', {});
    events.length = 0;
    const saved = await value<{ saved: number }>(backend, 'view:savePositions', {
      layout: 'force/company',
      positions: { 'p:me': [0.4, -0.6], 'g:company:acme': [120.5, 80.2] },
    });
    expect(saved).toEqual({ saved: 2 });
    const after = await network(backend);
    expect(after.revision).toBe(before.revision);
    expect(after.file.view).toEqual({ layout: 'force/company', positions: { 'p:me': [0, -1], 'g:company:acme': [121, 80] } });
    expect(events.some((e) => e.name === 'onNetworkChanged')).toBe(false);
    const status = await value<{ history: { undoLabel?: string } }>(backend, 'file:status', {});
    expect(status.history.undoLabel).toBe(history.history.undoLabel);
    await backend.session().store.flush();
    expect((JSON.parse(await readFile(path, 'utf8')) as KithFile).view?.layout).toBe('force/company');
    // An undo afterwards undoes the last edit and keeps the view.
    await value(backend, 'history:undo', {});
    expect((await network(backend)).file.view?.layout).toBe('force/company');
  });

  it('refuses bad positions and leaves the file alone', async () => {
    const { backend } = await backendWithExample();
    for (const bad of [
      { layout: 'x', positions: { a: [1] } },
      { layout: 'x', positions: { a: [Number.NaN, 1] } },
      { layout: '', positions: {} },
      { layout: 'x'.repeat(41), positions: {} },
      { layout: 'x', positions: { a: [1e9, 0] } },
    ]) {
      const result = await backend.call('view:savePositions', bad);
      expect(result.ok).toBe(false);
    }
    expect((await network(backend)).file.view).toBeUndefined();
  });
});

describe('network:changes', () => {
  it('returns the entities changed since a revision, and the patched copy equals the network', async () => {
    const { backend } = await backendWithExample();
    const start = await network(backend);
    const ada = await value<Person>(backend, 'person:create', { name: 'Ada' });
    const tie = await value<Tie>(backend, 'tie:create', { a: ada.id, b: start.file.meId, origin: 'living', strength: 4 });
    const victim = start.file.people.find((p) => p.id !== start.file.meId) as Person;
    await value(backend, 'person:delete', { id: victim.id });
    await value(backend, 'person:update', { id: ada.id, patch: { company: 'Engines' } });
    const changes = await value<NetworkChanges>(backend, 'network:changes', { sinceRevision: start.revision });
    expect(contract['network:changes'].output.safeParse(changes).success).toBe(true);
    if (changes.kind !== 'changes') throw new Error('expected a patch');
    expect(changes.upserts.people.map((p) => p.name)).toEqual(['Ada']);
    expect(changes.upserts.people[0]?.company).toBe('Engines');
    expect(changes.upserts.ties.map((t) => t.id)).toEqual([tie.id]);
    expect(changes.deletes.people).toEqual([victim.id]);
    expect(changes.deletes.ties.length).toBeGreaterThan(0);
    const now = await network(backend);
    expect(changes.revision).toBe(now.revision);
    expect(applyPatch(start.file, changes)).toEqual(now.file);
  });

  it('answers an undo and a redo as changes too', async () => {
    const { backend } = await backendWithExample();
    await value(backend, 'person:create', { name: 'Ada' });
    const mid = await network(backend);
    await value(backend, 'history:undo', {});
    const undone = await value<NetworkChanges>(backend, 'network:changes', { sinceRevision: mid.revision });
    expect(undone.kind === 'changes' && undone.deletes.people.length).toBe(1);
    expect(undone.kind === 'changes' && applyPatch(mid.file, undone)).toEqual((await network(backend)).file);
    const nothing = await value<NetworkChanges>(backend, 'network:changes', { sinceRevision: (await network(backend)).revision });
    expect(nothing.kind === 'changes' && nothing.upserts.people.length + nothing.deletes.people.length).toBe(0);
  });

  it('falls back to the whole network for a revision it cannot answer', async () => {
    const { backend } = await backendWithExample();
    const now = await network(backend);
    const future = await value<NetworkChanges>(backend, 'network:changes', { sinceRevision: now.revision + 5 });
    expect(future.kind).toBe('full');
    // The example load was one edit of many entities; a reload forgets the log.
    backend.session().reset('reload');
    const old = await value<NetworkChanges>(backend, 'network:changes', { sinceRevision: now.revision });
    expect(old.kind).toBe('full');
    if (old.kind === 'full') expect(old.file.people.length).toBe(now.file.people.length);
  });

  it('keeps a bounded log: very old revisions get the whole network', async () => {
    const { backend } = await backendWithExample();
    const start = await network(backend);
    const me = start.file.meId as PersonId;
    for (let i = 0; i < 300; i++) await value(backend, 'person:update', { id: me, patch: { notes: `note ${i}` } });
    expect((await value<NetworkChanges>(backend, 'network:changes', { sinceRevision: start.revision })).kind).toBe('full');
    const recent = (await network(backend)).revision - 10;
    const patch = await value<NetworkChanges>(backend, 'network:changes', { sinceRevision: recent });
    expect(patch.kind).toBe('changes');
    if (patch.kind === 'changes') expect(patch.upserts.people.map((p) => p.notes)).toEqual(['note 299']);
  });
});
