import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName, EventName, EventPayload } from '../../../../shared/api/contract/index';
import type { FileStatus } from '../../../../shared/api/contract/core';
import type { Result } from '../../../../shared/api/envelope';
import { exampleNetwork } from '../../../../shared/domain/example';
import type { CommunityId, KithFile, Person, PersonId, TieId } from '../../../../shared/domain/model';
import type { KithClient } from '../../../../renderer/src/api/client';
import { AppStore } from '../../../../renderer/src/store/appStore';
import { draftKey } from '../../../../renderer/src/store/draftText';
import { createTypedJournal } from '../../../../renderer/src/store/typedJournal';
import { fakeLocks, fileStatus, memoryStorage, startedStore, stopStores } from '../fixtures';

type Handler = (input: never) => Result<unknown> | Promise<Result<unknown>>;

/** A backend stand-in: answers from `handlers`, records calls, emits events on demand. */
function fakeClient(initial: KithFile, handlers: Partial<Record<ChannelName, Handler>> = {}) {
  let file = initial;
  let revision = 1;
  let undoLabel: string | undefined;
  const calls: Array<{ name: ChannelName; input: unknown }> = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const status = (): FileStatus => fileStatus(file, revision, undoLabel);
  const defaults: Partial<Record<ChannelName, Handler>> = {
    'file:status': () => ({ ok: true, value: status() }),
    'network:get': () => ({ ok: true, value: { revision, file } }),
  };
  const client: KithClient = {
    transport: 'http',
    async call(name, input) {
      calls.push({ name, input });
      const handler = handlers[name] ?? defaults[name];
      if (!handler) return { ok: false, error: { code: 'unknown-channel', message: `no fake for ${name}` } };
      return (await handler(input as never)) as never;
    },
    on(event, cb) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(cb as (p: unknown) => void);
      return () => set.delete(cb as (p: unknown) => void);
    },
    onReconnect: () => () => undefined,
  };
  return {
    client,
    calls,
    setFile(next: KithFile) {
      file = next;
      revision += 1;
    },
    setUndoLabel(label: string | undefined) {
      undoLabel = label;
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      listeners.get(event)?.forEach((l) => l(payload));
    },
    get revision() {
      return revision;
    },
  };
}

const ME = 'me' as PersonId;
const MEI = 'ex-mei' as PersonId;
const flush = () => new Promise((r) => setTimeout(r, 0));

const stops: Array<() => void> = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  stopStores();
});

const started = (fake: ReturnType<typeof fakeClient>): Promise<AppStore> => startedStore(fake.client);

describe('AppStore', () => {
  it('loads status and network, indexes it and asks the graph to open the file with its saved picture', async () => {
    const fake = fakeClient(exampleNetwork('Me', ME));
    const store = await started(fake);
    const s = store.getState();
    expect(s.phase).toBe('ready');
    expect(s.index?.people.get(MEI)?.name).toBe('Mei Chen');
    expect(s.index?.tiesOf.get(ME)?.length).toBe(9);
    expect(store.commands.take()).toEqual([{ kind: 'open', saved: exampleNetwork('Me', ME).view }]);
  });

  it('coalesces refetches while one is in flight', async () => {
    const fake = fakeClient(exampleNetwork('Me', ME));
    const store = await started(fake);
    const before = fake.calls.filter((c) => c.name === 'network:get').length;
    for (let i = 0; i < 5; i++) fake.emit('onNetworkChanged', { revision: fake.revision, cause: 'edit' });
    await store.refresh();
    await flush();
    expect(fake.calls.filter((c) => c.name === 'network:get').length - before).toBeLessThanOrEqual(2);
  });

  it('refetches after an edit, never after a query, and says when either is refused', async () => {
    const fake = fakeClient(exampleNetwork('Me', ME), {
      'network:export': () => ({ ok: true, value: { filename: 'x.gexf', mimeType: 'text/xml', content: '<gexf/>' } }),
      'intros:dismiss': () => ({ ok: true, value: { a: ME, b: MEI } }),
      'paths:find': () => ({ ok: false, error: { code: 'not-found', message: 'Nobody by that name' } }),
    });
    const store = await started(fake);
    const fetches = () => fake.calls.filter((c) => c.name === 'network:get' || c.name === 'network:changes').length;
    const before = fetches();
    expect((await store.query('network:export', { format: 'gexf' })).ok).toBe(true);
    await flush();
    expect(fetches()).toBe(before);
    expect((await store.edit('intros:dismiss', { a: ME, b: MEI })).ok).toBe(true);
    await flush();
    expect(fetches()).toBeGreaterThan(before);
    await store.query('paths:find', { target: { kind: 'person', value: 'Zed' } }, { what: 'No paths' });
    expect(store.getState().toasts.map((t) => t.message)).toContain('No paths: Nobody by that name');
  });

  it('keeps typed text and shows the error when a save is refused', async () => {
    const fake = fakeClient(exampleNetwork('Me', ME), {
      'person:update': () => ({ ok: false, error: { code: 'invalid-input', message: 'Invalid input: name is too long' } }),
    });
    const store = await started(fake);
    const key = draftKey('person', MEI, 'name');
    store.setDraft(key, 'M'.repeat(300));
    expect(await store.commitPerson(MEI, ['name'])).toBe(false);
    const draft = store.getState().drafts.get(key);
    expect(draft?.value).toBe('M'.repeat(300));
    expect(draft?.error).toContain('too long');
    expect(store.getState().toasts.some((t) => t.kind === 'error' && t.message.includes('too long'))).toBe(true);
  });

  it('sends one patch for all typed fields, parses lists, and clears drafts once accepted', async () => {
    const file = exampleNetwork('Me', ME);
    const fake = fakeClient(file, {
      'person:update': (input: { id: PersonId; patch: Record<string, unknown> }) => {
        const person = { ...file.people.find((p) => p.id === input.id)!, ...(input.patch as Partial<Person>) };
        return { ok: true, value: person };
      },
    });
    const store = await started(fake);
    store.setDraft(draftKey('person', MEI, 'company'), '  Mei Research ');
    store.setDraft(draftKey('person', MEI, 'needs'), 'contract work, , a studio');
    store.setDraft(draftKey('person', MEI, 'position'), '');
    store.setDraft(draftKey('person', MEI, 'interests'), 'accessibility, health tech');
    expect(await store.commitPerson(MEI)).toBe(true);
    const update = fake.calls.filter((c) => c.name === 'person:update');
    expect(update).toHaveLength(1);
    expect(update[0]?.input).toEqual({ id: MEI, patch: { company: 'Mei Research', needs: ['contract work', 'a studio'], position: null } });
    expect(store.getState().drafts.size).toBe(0);
    expect(store.getState().index?.people.get(MEI)?.company).toBe('Mei Research');
  });

  it('keeps a typed community name as a draft until the backend takes it: a refusal (blank, a twin, the backend) keeps the text and says why', async () => {
    const file = exampleNetwork('Me', ME);
    const UX = 'c-uxguild' as CommunityId;
    let refuse = true;
    const fake = fakeClient(file, {
      'community:update': (input: { id: CommunityId; patch: { name: string } }) =>
        refuse
          ? { ok: false, error: { code: 'invalid-input', message: 'Invalid input: the file is read-only' } }
          : { ok: true, value: { ...file.communities.find((c) => c.id === input.id)!, ...input.patch } },
    });
    const store = await started(fake);
    const key = draftKey('community', UX, 'name');

    store.setDraft(key, '   ');
    expect(await store.saveCommunityName(UX)).toBe(false);
    expect(store.getState().drafts.get(key)).toEqual({ value: '   ', error: 'A community needs a name.' });
    expect(fake.calls.some((c) => c.name === 'community:update')).toBe(false);

    const twin = file.communities.find((c) => c.id !== UX)!;
    store.setDraft(key, ` ${twin.name.toUpperCase()} `);
    expect(await store.saveCommunityName(UX)).toBe(false);
    expect(store.getState().drafts.get(key)?.error).toBe(`“${twin.name}” is already on the list.`);
    expect(fake.calls.some((c) => c.name === 'community:update')).toBe(false);

    store.setDraft(key, 'Climbing');
    expect(await store.saveCommunityName(UX)).toBe(false);
    expect(store.getState().drafts.get(key)).toEqual({ value: 'Climbing', error: 'Invalid input: the file is read-only' });
    expect(store.getState().toasts.some((t) => t.kind === 'error' && t.message.includes('read-only'))).toBe(true);
    // A refetch (another edit elsewhere) keeps the refused text.
    fake.setFile({ ...file });
    await store.refresh();
    expect(store.getState().drafts.get(key)?.value).toBe('Climbing');

    refuse = false;
    store.setDraft(key, '  UX   Guild  Berlin ');
    expect(await store.saveCommunityName(UX)).toBe(true);
    expect(fake.calls.filter((c) => c.name === 'community:update').at(-1)?.input).toEqual({ id: UX, patch: { name: 'UX Guild Berlin' } });
    expect(store.getState().drafts.has(key)).toBe(false);
    expect(store.getState().network?.file.communities.find((c) => c.id === UX)?.name).toBe('UX Guild Berlin');
  });

  it('keeps a half-typed community name through refetches, drops it once the community is gone, and drops one that only retypes the name', async () => {
    const file = exampleNetwork('Me', ME);
    const UX = 'c-uxguild' as CommunityId;
    const fake = fakeClient(file);
    const store = await started(fake);
    const key = draftKey('community', UX, 'name');
    store.setDraft(key, ' UX  Guild ');
    expect(await store.saveCommunityName(UX)).toBe(true);
    expect(store.getState().drafts.has(key)).toBe(false);
    expect(fake.calls.some((c) => c.name === 'community:update')).toBe(false);

    store.setDraft(key, 'UX Guild Berlin');
    // Half-typed, no error yet: a refetch while the community exists keeps it.
    fake.setFile({ ...file });
    await store.refresh();
    expect(store.getState().drafts.get(key)).toEqual({ value: 'UX Guild Berlin' });
    fake.setFile({ ...file, communities: file.communities.filter((c) => c.id !== UX) });
    await store.refresh();
    expect(store.getState().drafts.has(key)).toBe(false);
  });

  it('counts drafts and forms holding typed text as unsaved typing, until each is let go', async () => {
    const store = await started(fakeClient(exampleNetwork('Me', ME)));
    expect(store.hasUnsavedTyping()).toBe(false);
    store.holdTyping('dialog-1', true);
    store.holdTyping('dialog-2', true);
    store.holdTyping('dialog-1', false);
    expect(store.hasUnsavedTyping()).toBe(true);
    store.holdTyping('dialog-2', false);
    expect(store.hasUnsavedTyping()).toBe(false);
    store.setDraft(draftKey('person', MEI, 'notes'), 'Half a thought');
    expect(store.hasUnsavedTyping()).toBe(true);
    store.discardDraft(draftKey('person', MEI, 'notes'));
    expect(store.hasUnsavedTyping()).toBe(false);
  });

  it('offers back, as drafts, what a window that is gone had typed into this file and not saved', async () => {
    const file = exampleNetwork('Me', ME);
    const storage = memoryStorage();
    const locks = fakeLocks();
    const mei = file.people.find((p) => p.id === MEI)!;
    const tie = file.ties[0]!;
    createTypedJournal(storage, locks, 'crashed').record(
      '/data/kith.json',
      new Map([
        [draftKey('person', MEI, 'notes'), { value: 'Ask about the screen-reader study' }],
        [draftKey('person', MEI, 'company'), { value: mei.company ?? '' }], // what the file holds: nothing to offer
        [draftKey('person', 'gone' as PersonId, 'notes'), { value: 'about someone deleted since' }],
        [draftKey('tie', tie.id, 'notes'), { value: 'Intro over coffee' }],
      ]),
    );
    locks.held.delete('kith.window.crashed');

    const store = new AppStore(fakeClient(file).client, createTypedJournal(storage, locks, 'next'));
    stops.push(store.start());
    await vi.waitFor(() => expect(store.getState().drafts.size).toBe(2));
    const drafts = store.getState().drafts;
    expect(drafts.get(draftKey('person', MEI, 'notes'))?.value).toBe('Ask about the screen-reader study');
    expect(drafts.get(draftKey('tie', tie.id, 'notes'))?.value).toBe('Intro over coffee');
    const toast = store.getState().toasts.find((t) => t.message.startsWith('Kith kept what you had typed'));
    expect(toast?.message).toContain('Mei Chen');
    toast?.action?.run();
    expect(store.getState().selection).toEqual({ kind: 'person', id: MEI });
    // Now this window's own: in its journal entry, and no longer under the gone window's.
    expect(storage.map.has('kith.typed.crashed')).toBe(false);
    expect(JSON.parse(storage.map.get('kith.typed.next') ?? '{}').drafts).toHaveLength(2);
  });

  it('deletes with an undo toast that undoes exactly that delete and selects the tie again', async () => {
    const file = exampleNetwork('Me', ME);
    const tie = file.ties[0]!;
    const fake = fakeClient(file, {
      'tie:delete': () => {
        fake.setFile({ ...file, ties: file.ties.slice(1) });
        fake.setUndoLabel('Delete tie X');
        return { ok: true, value: { deleted: true } };
      },
      'history:undo': () => {
        fake.setFile(file);
        fake.setUndoLabel(undefined);
        return { ok: true, value: { canUndo: false, canRedo: true } };
      },
    });
    const store = await started(fake);
    store.select({ kind: 'tie', id: tie.id });
    await store.deleteTie(tie.id);
    await flush();
    expect(store.getState().selection).toBeNull();
    const toast = store.getState().toasts.find((t) => t.action?.label === 'Undo');
    expect(toast?.message).toContain('Deleted the tie');
    toast?.action?.run();
    await flush();
    await store.refresh();
    await flush();
    expect(fake.calls.some((c) => c.name === 'history:undo')).toBe(true);
    expect(store.getState().selection).toEqual({ kind: 'tie', id: tie.id });
    expect(store.getState().index?.ties.has(tie.id)).toBe(true);
  });

  it('refuses the toast undo after other edits, rather than undoing something else', async () => {
    const file = exampleNetwork('Me', ME);
    const fake = fakeClient(file, {
      'tie:delete': () => {
        fake.setUndoLabel('Delete tie X');
        return { ok: true, value: { deleted: true } };
      },
    });
    const store = await started(fake);
    await store.deleteTie(file.ties[0]!.id as TieId);
    await flush();
    fake.setUndoLabel('Edit Mei Chen');
    store
      .getState()
      .toasts.find((t) => t.action)
      ?.action?.run();
    await flush();
    await flush();
    expect(fake.calls.some((c) => c.name === 'history:undo')).toBe(false);
    expect(store.getState().toasts.some((t) => t.kind === 'error' && t.message.includes('can no longer be undone'))).toBe(true);
  });

  it('shows a refused call in a toast with the backend message', async () => {
    const fake = fakeClient(exampleNetwork('Me', ME), {
      'history:redo': () => ({ ok: false, error: { code: 'rejected', message: 'Nothing to redo.' } }),
    });
    const store = await started(fake);
    await store.redo();
    expect(store.getState().toasts.at(-1)?.message).toBe('Could not redo: Nothing to redo.');
  });

  it('does not delete me', async () => {
    const fake = fakeClient(exampleNetwork('Me', ME));
    const store = await started(fake);
    await store.deletePerson(ME);
    expect(fake.calls.some((c) => c.name === 'person:delete')).toBe(false);
  });
});
