import type { KithFile, Person, PersonId, Tie, TieId } from '../../../shared/domain/model';

/** Lookups the views need, built once per network revision. */
export interface NetworkIndex {
  readonly people: ReadonlyMap<PersonId, Person>;
  readonly ties: ReadonlyMap<TieId, Tie>;
  readonly tiesOf: ReadonlyMap<PersonId, readonly Tie[]>;
  readonly me: Person | undefined;
}

export function indexNetwork(file: KithFile): NetworkIndex {
  const people = new Map(file.people.map((p) => [p.id, p]));
  const ties = new Map(file.ties.map((t) => [t.id, t]));
  const tiesOf = new Map<PersonId, Tie[]>();
  for (const t of file.ties) {
    for (const end of [t.a, t.b]) {
      const list = tiesOf.get(end);
      if (list) list.push(t);
      else tiesOf.set(end, [t]);
    }
  }
  return { people, ties, tiesOf, me: people.get(file.meId) };
}

/** The other end of a tie, seen from `from`. */
export function otherEnd(tie: Tie, from: PersonId): PersonId {
  return tie.a === from ? tie.b : tie.a;
}

/** "Whether a layout should start over" after the network changed. */
export function needsRelayout(previous: KithFile | null, next: KithFile, cause: string | undefined): boolean {
  if (!previous) return true;
  if (cause === 'import' || cause === 'reload' || cause === 'restore') return true;
  if (previous.people.length <= 1 && next.people.length > 1) return true;
  const before = new Set(previous.people.map((p) => p.id));
  let added = 0;
  for (const p of next.people) if (!before.has(p.id)) added += 1;
  return added > Math.max(8, previous.people.length * 0.25);
}
