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
