import { afterEach, describe, expect, it } from 'vitest';
import type { KithFile, PersonId } from '../../../../shared/domain/model';
import { fitPeople, focusPerson, toggleGroup } from '../../../../renderer/src/graph/intents';
import { MAX_EXPANDED_PEOPLE } from '../../../../renderer/src/graph/lod';
import { sceneOf } from '../../../../renderer/src/graph/storeScene';
import { AppStore } from '../../../../renderer/src/store/appStore';
import { NO_FILTERS } from '../../../../renderer/src/store/viewOptions';
import { servingClient, startedStore, stopStores } from '../fixtures';
import { crowd, net } from './fixtures';

const stops: Array<() => void> = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  stopStores();
});

/** A started store over that network, grouped by company, its first commands taken. */
async function storeOf(file: KithFile, held: { file: KithFile | null; revision: number } = { file, revision: 1 }): Promise<AppStore> {
  const store = await startedStore(servingClient(held));
  store.commands.take();
  store.view.setGroupBy('company');
  return store;
}

/** Counts how often a listener of all three stores hears of a change. */
function heard(store: AppStore): () => number {
  let calls = 0;
  const listener = () => void (calls += 1);
  stops.push(store.subscribe(listener), store.view.subscribe(listener), store.commands.subscribe(listener));
  return () => calls;
}

const acme = crowd('a', 4, 'Acme', 'living');
const beta = crowd('b', 3, 'Beta', 'doing');
const file = net([...acme.people, ...beta.people], [...acme.ties, ...beta.ties]);

describe('graph intents: what a gesture changes in the stores', () => {
  it('finds a person the filters hide: filters and ego view go, a toast says why, the person is pinned, selected and focused, all at once', async () => {
    const store = await storeOf(file);
    store.view.setFilters({ origins: ['living'] });
    store.view.setEgo({ id: 'a0' as PersonId, hops: 1 });
    const calls = heard(store);
    focusPerson(store, 'b1' as PersonId);
    expect(calls()).toBe(1);
    const view = store.view.getState();
    expect(view.filters).toBe(NO_FILTERS);
    expect(view.ego).toBeNull();
    expect([...view.pinned]).toEqual(['b1']);
    expect(store.getState().selection).toEqual({ kind: 'person', id: 'b1' });
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Showing everyone again: the filters hid Person b1.']);
    expect(store.commands.take()).toEqual([{ kind: 'focus', person: 'b1' }]);
    expect(sceneOf(store)?.view.repOf.get('b1')).toBe('p:b1');
  });

  it('pins nobody for a person already drawn on their own, and says nothing when the filters show them', async () => {
    const store = await storeOf(file);
    toggleGroup(store, 'company:beta', false);
    focusPerson(store, 'b1' as PersonId);
    expect(store.view.getState().pinned.size).toBe(0);
    expect(store.getState().toasts).toEqual([]);
  });

  it('brings a path into view: its folded people pinned, then a fit', async () => {
    const store = await storeOf(file);
    fitPeople(store, ['me', 'a1', 'b2'] as PersonId[]);
    expect([...store.view.getState().pinned].sort()).toEqual(['a1', 'b2']);
    expect(store.commands.take()).toEqual([{ kind: 'fit-people', people: ['me', 'a1', 'b2'] }]);
  });

  it('opens a group, closing the oldest open ones that no longer fit; closes an open one', async () => {
    const size = Math.floor(MAX_EXPANDED_PEOPLE / 2) + 1;
    const groups = ['x', 'y', 'z'].map((k) => crowd(k, size, k.toUpperCase(), 'living'));
    const store = await storeOf(
      net(
        groups.flatMap((g) => g.people),
        groups.flatMap((g) => g.ties),
      ),
    );
    toggleGroup(store, 'company:x', false);
    toggleGroup(store, 'company:y', false);
    expect(store.view.getState().expanded).toEqual(['company:y']);
    toggleGroup(store, 'company:z', false);
    expect(store.view.getState().expanded).toEqual(['company:z']);
    toggleGroup(store, 'company:z', true);
    expect(store.view.getState().expanded).toEqual([]);
  });
});

describe('the stores and the graph', () => {
  it('send a new network and the picture it was saved with together: the view store adopts its layout in the same change', async () => {
    const saved: KithFile = { ...file, view: { layout: 'force/tag', positions: { 'p:me': [0, 0] } } };
    const store = new AppStore(servingClient({ file: saved, revision: 1 }));
    const seen: Array<{ layout: string; hasNetwork: boolean; commands: readonly unknown[] }> = [];
    const listener = () =>
      seen.push({ layout: store.view.getState().layout, hasNetwork: store.getState().network !== null, commands: store.commands.take() });
    stops.push(store.subscribe(listener), store.view.subscribe(listener), store.commands.subscribe(listener), store.start());
    await store.refresh();
    expect(seen.find((s) => s.hasNetwork)).toEqual({ layout: 'force', hasNetwork: true, commands: [{ kind: 'open', saved: saved.view }] });
    expect(store.view.getState().groupBy).toBe('tag');
  });

  it('close the ego view in the same change as a network that no longer holds its person', async () => {
    const held: { file: KithFile | null; revision: number } = { file, revision: 1 };
    const store = await storeOf(file, held);
    store.view.setEgo({ id: 'a0' as PersonId, hops: 2 });
    const seen: Array<{ people: number; ego: string | null }> = [];
    const listener = () =>
      seen.push({ people: store.getState().network?.file.people.length ?? 0, ego: store.view.getState().ego?.id ?? null });
    stops.push(store.subscribe(listener), store.view.subscribe(listener));
    held.file = { ...file, people: file.people.filter((p) => p.id !== 'a0'), ties: file.ties.filter((t) => t.a !== 'a0' && t.b !== 'a0') };
    held.revision = 2;
    await store.refresh();
    expect(seen.filter((s) => s.people === file.people.length - 1)).toEqual([{ people: file.people.length - 1, ego: null }]);
  });
});
