import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../../shared/api/contract/index';
import type { FileStatus } from '../../../../shared/api/contract/core';
import type { Result } from '../../../../shared/api/envelope';
import { exampleNetwork } from '../../../../shared/domain/example';
import type { Community, CommunityId, KithFile, Opportunity, OpportunityId, PersonId } from '../../../../shared/domain/model';
import type { KithClient } from '../../../../renderer/src/api/client';
import { type AppStore } from '../../../../renderer/src/store/appStore';
import { fileStatus, startedStore, stopStores } from '../fixtures';

/*
 * The store's calls for communities and opportunities, against a small
 * backend stand-in that applies each edit and keeps one undo step.
 */

const ME = 'me' as PersonId;
const ANA = 'ex-ana' as PersonId;

function fakeBackend(initial: KithFile) {
  let file = initial;
  let revision = 1;
  let undo: { label: string; file: KithFile } | undefined;
  const calls: Array<{ name: ChannelName; input: unknown }> = [];
  const edit = (label: string, next: KithFile) => {
    undo = { label, file };
    file = next;
    revision += 1;
  };
  const status = (): FileStatus => fileStatus(file, revision, undo?.label);
  const handlers: Partial<Record<ChannelName, (input: never) => Result<unknown>>> = {
    'file:status': () => ({ ok: true, value: status() }),
    'network:get': () => ({ ok: true, value: { revision, file } }),
    'community:create': (input: { name: string; kind: Community['kind'] }) => {
      const community: Community = { id: `c${file.communities.length + 1}` as CommunityId, ...input };
      edit(`Add ${community.name}`, { ...file, communities: [...file.communities, community] });
      return { ok: true, value: community };
    },
    'community:delete': (input: { id: CommunityId }) => {
      const gone = file.communities.find((c) => c.id === input.id);
      edit(`Delete ${gone?.name}`, {
        ...file,
        communities: file.communities.filter((c) => c.id !== input.id),
        people: file.people.map((p) => {
          const rest = (p.communities ?? []).filter((c) => c !== input.id);
          const { communities: _all, ...person } = p;
          return rest.length > 0 ? { ...person, communities: rest } : person;
        }),
      });
      return { ok: true, value: { deleted: true } };
    },
    'person:update': (input: { id: PersonId; patch: { communities?: CommunityId[] | null } }) => {
      const before = file.people.find((p) => p.id === input.id);
      if (!before) return { ok: false, error: { code: 'not-found', message: 'no such person' } };
      const { communities: _old, ...rest } = before;
      const after = input.patch.communities ? { ...rest, communities: input.patch.communities } : rest;
      edit(`Edit ${before.name}`, { ...file, people: file.people.map((p) => (p.id === input.id ? after : p)) });
      return { ok: true, value: after };
    },
    'opportunity:create': (input: Omit<Opportunity, 'id'>) => {
      const opportunity = { id: `o${file.opportunities.length + 1}` as OpportunityId, ...input };
      edit(`Add ${opportunity.title}`, { ...file, opportunities: [...file.opportunities, opportunity] });
      return { ok: true, value: opportunity };
    },
    'opportunity:delete': (input: { id: OpportunityId }) => {
      const gone = file.opportunities.find((o) => o.id === input.id);
      edit(`Delete ${gone?.title}`, { ...file, opportunities: file.opportunities.filter((o) => o.id !== input.id) });
      return { ok: true, value: { deleted: true } };
    },
    'history:undo': () => {
      if (undo) {
        file = undo.file;
        undo = undefined;
        revision += 1;
      }
      return { ok: true, value: status().history };
    },
  };
  const client: KithClient = {
    transport: 'http',
    async call(name, input) {
      calls.push({ name, input });
      const handler = handlers[name];
      if (!handler) return { ok: false, error: { code: 'unknown-channel', message: `no fake for ${name}` } };
      return handler(input as never) as never;
    },
    on: () => () => undefined,
    onReconnect: () => () => undefined,
  };
  return {
    client,
    calls,
    get file() {
      return file;
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
afterEach(stopStores);

const started = (backend: ReturnType<typeof fakeBackend>): Promise<AppStore> => startedStore(backend.client);

async function undoFromToast(store: AppStore, text: string): Promise<void> {
  await flush();
  const toast = store.getState().toasts.find((t) => t.message === text);
  expect(toast?.action?.label, `a toast "${text}" with Undo`).toBe('Undo');
  toast?.action?.run();
  for (let i = 0; i < 5; i++) await flush();
}

describe('AppStore: communities', () => {
  it('makes a community and adds a person to it, showing both before the refetch', async () => {
    const backend = fakeBackend(exampleNetwork('Me', ME));
    const store = await started(backend);
    const made = await store.createCommunity({ name: 'Open Data Meetup', kind: 'community' });
    expect(made.ok).toBe(true);
    const id = made.ok ? made.value.id : ('' as CommunityId);
    expect(store.getState().network?.file.communities.some((c) => c.id === id)).toBe(true);
    expect(await store.setPersonCommunities(ANA, [id])).toBe(true);
    expect(store.getState().index?.people.get(ANA)?.communities).toEqual([id]);
    expect(backend.calls.filter((c) => c.name === 'person:update').at(-1)).toEqual({
      name: 'person:update',
      input: { id: ANA, patch: { communities: [id] } },
    });
  });

  it('clears the field when the last community is taken off', async () => {
    const backend = fakeBackend(exampleNetwork('Me', ME));
    const store = await started(backend);
    expect(await store.setPersonCommunities('ex-omar' as PersonId, [])).toBe(true);
    expect(backend.calls.filter((c) => c.name === 'person:update').at(-1)).toEqual({
      name: 'person:update',
      input: { id: 'ex-omar', patch: { communities: null } },
    });
    expect(store.getState().index?.people.get('ex-omar' as PersonId)?.communities).toBeUndefined();
  });

  it('deletes a community saying how many people it is taken off, and Undo in the toast brings it back', async () => {
    const backend = fakeBackend(exampleNetwork('Me', ME));
    const store = await started(backend);
    await store.deleteCommunity('c-uxguild' as CommunityId);
    expect(backend.file.communities.some((c) => c.id === 'c-uxguild')).toBe(false);
    await undoFromToast(store, 'Deleted UX Guild and took it off 3 people.');
    expect(backend.file.communities.some((c) => c.id === 'c-uxguild')).toBe(true);
    expect(store.getState().network?.file.communities.some((c) => c.id === 'c-uxguild')).toBe(true);
    expect(store.getState().selection).toBeNull();
  });
});

describe('AppStore: opportunities', () => {
  it('records an opportunity quietly on refusal and with a toast on success', async () => {
    const backend = fakeBackend(exampleNetwork('Me', ME));
    const store = await started(backend);
    const result = await store.createOpportunity({ title: 'Platform rebuild', kind: 'client', through: 'ex-omar' as PersonId });
    expect(result.ok).toBe(true);
    expect(store.getState().network?.file.opportunities.map((o) => o.title)).toContain('Platform rebuild');
    expect(store.getState().toasts.map((t) => t.message)).toContain('Recorded Platform rebuild.');
  });

  it('deletes an opportunity with an Undo toast that restores it', async () => {
    const backend = fakeBackend(exampleNetwork('Me', ME));
    const store = await started(backend);
    await store.deleteOpportunity('ex-o2' as OpportunityId);
    expect(backend.file.opportunities.map((o) => o.id)).toEqual(['ex-o1', 'ex-o3']);
    await undoFromToast(store, 'Deleted Interview at Acme Corp.');
    expect(backend.file.opportunities.map((o) => o.id)).toEqual(['ex-o1', 'ex-o2', 'ex-o3']);
  });
});
