import type { FileStatus } from '../../../shared/api/contract/core';
import type { KithFile, Origin, PersonId, TieId } from '../../../shared/domain/model';
import type { KithClient } from '../../../renderer/src/api/client';
import { AppStore } from '../../../renderer/src/store/appStore';

/** A tiny network: me, three people, ties given as [id, a, b, origin, strength?]. */
export function network(people: readonly string[], ties: ReadonlyArray<[string, string, string, Origin, number?]>, meId = 'me'): KithFile {
  return {
    schemaVersion: 1,
    meId: meId as PersonId,
    people: [meId, ...people].map((id) => ({ id: id as PersonId, name: id === meId ? 'Me' : `Person ${id}` })),
    ties: ties.map(([id, a, b, origin, strength]) => ({
      id: id as TieId,
      a: a as PersonId,
      b: b as PersonId,
      origin,
      ...(strength !== undefined ? { strength } : {}),
    })),
    communities: [],
    opportunities: [],
  };
}

/** localStorage as a Map, shared by the "windows" of one test. */
export function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

/** Web Locks as a set of held names: a window's lock is held until the test says that window is gone. */
export function fakeLocks() {
  const held = new Set<string>();
  return {
    held,
    request: ((name: string) => {
      held.add(name);
      return new Promise(() => undefined);
    }) as unknown as LockManager['request'],
    query: async () => ({ held: [...held].map((name) => ({ name, mode: 'exclusive' as const })), pending: [] }),
  };
}

const running: Array<() => void> = [];

/** Stops every store startedStore started (in afterEach). */
export function stopStores(): void {
  running.splice(0).forEach((stop) => stop());
}

/** An AppStore on `client`, started, with its first fetch applied. */
export async function startedStore(client: KithClient): Promise<AppStore> {
  const store = new AppStore(client);
  running.push(store.start());
  await store.refresh();
  return store;
}

/** The status of the data file `/data/kith.json` holding `file`, with an undo step named `undoLabel` if any. */
export function fileStatus(file: KithFile | null, revision: number, undoLabel?: string): FileStatus {
  return {
    path: '/data/kith.json',
    revision,
    isDirty: false,
    people: file?.people.length ?? 0,
    ties: file?.ties.length ?? 0,
    history: { canUndo: undoLabel !== undefined, canRedo: false, ...(undoLabel !== undefined ? { undoLabel } : {}) },
  };
}

/** A backend stand-in that serves one network (`held.file`, which a test may replace; null: none) and answers nothing else. */
export function servingClient(held: { file: KithFile | null; revision: number }): KithClient {
  return {
    transport: 'http',
    call: async (name) =>
      (name === 'file:status'
        ? { ok: true, value: fileStatus(held.file, held.revision) }
        : name === 'network:get' && held.file
          ? { ok: true, value: { revision: held.revision, file: held.file } }
          : { ok: false, error: { code: 'unknown-channel', message: name } }) as never,
    on: () => () => undefined,
    onReconnect: () => () => undefined,
  };
}
