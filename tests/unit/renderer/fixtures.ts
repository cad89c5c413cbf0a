import type { KithFile, Origin, PersonId, TieId } from '../../../shared/domain/model';

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
