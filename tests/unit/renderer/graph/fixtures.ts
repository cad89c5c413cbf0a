import type { CommunityId, KithFile, Origin, Person, PersonId, Tie, TieId } from '../../../../shared/domain/model';

/** A person: id, and optional company, tags, communities. */
export interface P {
  readonly id: string;
  readonly company?: string;
  readonly tags?: readonly string[];
  readonly communities?: readonly string[];
  readonly name?: string;
}

/** A tie: [id, a, b, origin, strength?, lastInteraction?, activity?]. */
export type T = readonly [string, string, string, Origin, number?, string?, Tie['activity']?];

export function net(people: readonly P[], ties: readonly T[], communities: ReadonlyArray<readonly [string, string]> = []): KithFile {
  return {
    schemaVersion: 1,
    meId: 'me' as PersonId,
    people: [
      { id: 'me' as PersonId, name: 'Me' },
      ...people.map((p): Person => ({
        id: p.id as PersonId,
        name: p.name ?? `Person ${p.id}`,
        ...(p.company !== undefined ? { company: p.company } : {}),
        ...(p.tags ? { tags: [...p.tags] } : {}),
        ...(p.communities ? { communities: p.communities.map((c) => c as CommunityId) } : {}),
      })),
    ],
    ties: ties.map(([id, a, b, origin, strength, last, activity]): Tie => ({
      id: id as TieId,
      a: a as PersonId,
      b: b as PersonId,
      origin,
      ...(strength !== undefined ? { strength } : {}),
      ...(last !== undefined ? { lastInteraction: last } : {}),
      ...(activity !== undefined ? { activity } : {}),
    })),
    communities: communities.map(([id, name]) => ({ id: id as CommunityId, name, kind: 'community' as const })),
    opportunities: [],
  };
}

/** `n` people at `company`, each tied to me with `origin`; ids `${prefix}0…`. */
export function crowd(prefix: string, n: number, company: string, origin: Origin = 'unknown'): { people: P[]; ties: T[] } {
  const people: P[] = [];
  const ties: T[] = [];
  for (let i = 0; i < n; i++) {
    people.push({ id: `${prefix}${i}`, company });
    ties.push([`t-${prefix}${i}`, `${prefix}${i}`, 'me', origin]);
  }
  return { people, ties };
}
