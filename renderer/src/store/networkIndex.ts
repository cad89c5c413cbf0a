import type { KithFile, Person, PersonId, Tie, TieId } from '../../../shared/domain/model';

/** Lookups the views need, built once per network revision. */
export interface NetworkIndex {
  readonly people: ReadonlyMap<PersonId, Person>;
  readonly ties: ReadonlyMap<TieId, Tie>;
  readonly tiesOf: ReadonlyMap<PersonId, readonly Tie[]>;
  readonly me: Person | undefined;
}

/**
 * Each person's ties, read on demand. The first few lookups scan the ties
 * (one pass of string comparisons: the overview only asks for mine); after
 * that the ties are bucketed by person once, compressed-row style, and each
 * list is made the first time it is asked for. A 30,000-person network's
 * first picture needs one or two of these lists, not 30,000 of them.
 */
class TieLists implements ReadonlyMap<PersonId, readonly Tie[]> {
  private static readonly SCANS = 8;
  private scans = 0;
  private rows: { at: Map<PersonId, number>; start: Int32Array; order: Int32Array } | null = null;
  private readonly made = new Map<PersonId, readonly Tie[] | undefined>();

  constructor(
    private readonly people: readonly Person[],
    private readonly ties: readonly Tie[],
  ) {}

  private build(): { at: Map<PersonId, number>; start: Int32Array; order: Int32Array } {
    if (this.rows) return this.rows;
    const at = new Map<PersonId, number>();
    this.people.forEach((p, i) => at.set(p.id, i));
    const start = new Int32Array(this.people.length + 1);
    const ends = new Int32Array(this.ties.length * 2).fill(-1);
    this.ties.forEach((t, k) => {
      const a = at.get(t.a);
      const b = at.get(t.b);
      if (a !== undefined) {
        ends[2 * k] = a;
        start[a + 1] = (start[a + 1] ?? 0) + 1;
      }
      if (b !== undefined) {
        ends[2 * k + 1] = b;
        start[b + 1] = (start[b + 1] ?? 0) + 1;
      }
    });
    for (let i = 1; i < start.length; i++) start[i] = (start[i] ?? 0) + (start[i - 1] ?? 0);
    const order = new Int32Array(start[this.people.length] ?? 0);
    const fill = start.slice(0, this.people.length);
    for (let e = 0; e < ends.length; e++) {
      const p = ends[e] ?? -1;
      if (p < 0) continue;
      order[fill[p] ?? 0] = e >> 1;
      fill[p] = (fill[p] ?? 0) + 1;
    }
    this.rows = { at, start, order };
    return this.rows;
  }

  get size(): number {
    let n = 0;
    for (const p of this.people) if (this.get(p.id)) n += 1;
    return n;
  }

  get(id: PersonId): readonly Tie[] | undefined {
    if (this.made.has(id)) return this.made.get(id);
    let list: Tie[];
    if (!this.rows && this.scans < TieLists.SCANS) {
      this.scans += 1;
      list = this.ties.filter((t) => t.a === id || t.b === id);
    } else {
      const { at, start, order } = this.build();
      const i = at.get(id);
      list = [];
      if (i !== undefined) for (let k = start[i] ?? 0; k < (start[i + 1] ?? 0); k++) list.push(this.ties[order[k] ?? 0] as Tie);
    }
    const value = list.length > 0 ? list : undefined;
    this.made.set(id, value);
    return value;
  }

  has(id: PersonId): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): MapIterator<[PersonId, readonly Tie[]]> {
    for (const p of this.people) {
      const list = this.get(p.id);
      if (list) yield [p.id, list];
    }
  }

  *keys(): MapIterator<PersonId> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<readonly Tie[]> {
    for (const [, list] of this.entries()) yield list;
  }

  [Symbol.iterator](): MapIterator<[PersonId, readonly Tie[]]> {
    return this.entries();
  }

  forEach(fn: (value: readonly Tie[], key: PersonId, map: ReadonlyMap<PersonId, readonly Tie[]>) => void): void {
    for (const [id, list] of this.entries()) fn(list, id, this);
  }
}

/**
 * Builds the lookups. People are indexed at once; the tie lookups (100,000
 * ties on a big network) when first read.
 */
export function indexNetwork(file: KithFile): NetworkIndex {
  const people = new Map(file.people.map((p) => [p.id, p]));
  let ties: Map<TieId, Tie> | undefined;
  let tiesOf: TieLists | undefined;
  return {
    people,
    get ties() {
      ties ??= new Map(file.ties.map((t) => [t.id, t]));
      return ties;
    },
    get tiesOf() {
      tiesOf ??= new TieLists(file.people, file.ties);
      return tiesOf;
    },
    me: people.get(file.meId),
  };
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
