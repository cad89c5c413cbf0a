import { afterEach, describe, expect, it } from 'vitest';
import type { KithFile, PersonId } from '../../../../shared/domain/model';
import { ACTION_IDS, actionForKey, type KeyPress } from '../../../../shared/ui/actions';
import { PERFORM } from '../../../../renderer/src/keyboard/actions';
import type { AppStore } from '../../../../renderer/src/store/appStore';
import { servingClient, startedStore, stopStores } from '../fixtures';
import { crowd, net } from '../graph/fixtures';

afterEach(stopStores);

const team = crowd('a', 4, 'Acme', 'living');
const FILE: KithFile = net(team.people, team.ties);

async function storeOf(file: KithFile | null): Promise<AppStore> {
  const store = await startedStore(servingClient({ file, revision: 1 }));
  store.commands.take();
  return store;
}

/** Presses a key as the window's shortcuts do: the action it stands for runs if it means something now. */
function press(store: AppStore, key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): boolean {
  const action = actionForKey({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }, 'linux');
  if (!action || !PERFORM[action.id].when(store)) return false;
  PERFORM[action.id].perform(store);
  return true;
}

describe('keyboard actions in the window', () => {
  it('has a perform for every action of the shared table', () => {
    expect(Object.keys(PERFORM).sort()).toEqual([...ACTION_IDS].sort());
  });

  it('lays out, groups, hides my ties, fits and zooms through the stores', async () => {
    const store = await storeOf(FILE);
    expect(press(store, '2')).toBe(true);
    expect(store.view.getState().layout).toBe('force');
    press(store, '2');
    expect(store.commands.take()).toEqual([{ kind: 'layout', animated: false, forget: false }]);
    press(store, 'g');
    expect(store.view.getState().groupBy).toBe('company');
    press(store, 'h');
    expect(store.view.getState().hideMyTies).toBe(true);
    press(store, 'f');
    press(store, '-');
    expect(store.commands.take()).toEqual([{ kind: 'fit' }, { kind: 'zoom', factor: 1 / 1.3 }]);
    press(store, '?', { shiftKey: true });
    expect(store.view.getState().helpOpen).toBe(true);
  });

  it('opens the ego view of the selection and leaves it; Escape clears the selection, then the picked, then the ego view', async () => {
    const store = await storeOf(FILE);
    expect(press(store, 'e')).toBe(false);
    store.select({ kind: 'person', id: 'a1' as PersonId });
    press(store, 'e');
    expect(store.view.getState().ego).toEqual({ id: 'a1', hops: 1 });
    store.view.addMulti(['p:a2']);
    press(store, 'Escape');
    expect(store.getState().selection).toBeNull();
    press(store, 'Escape');
    expect(store.view.getState().multi.size).toBe(0);
    press(store, 'Escape');
    expect(store.view.getState().ego).toBeNull();
    expect(press(store, 'Escape')).toBe(false);
  });

  it('leaves the graph keys alone without a network, but still finds', async () => {
    const store = await storeOf(null);
    expect(press(store, 'f')).toBe(false);
    expect(press(store, '1')).toBe(false);
    expect(press(store, 'Delete')).toBe(false);
    expect(press(store, 'f', { ctrlKey: true })).toBe(true);
    expect(store.view.getState().searchFocusSeq).toBe(1);
  });
});
