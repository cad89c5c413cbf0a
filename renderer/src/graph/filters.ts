import type { KithFile, Tie } from '../../../shared/domain/model';
import { hasPersonFilters, hasTieFilters, type AgeFilter, type Ego, type Filters } from '../store/viewOptions';

export interface ShownCount {
  readonly shown: number;
  readonly total: number;
}

/** What passes the filters and the ego view: the input of grouping and drawing. */
export interface Visible {
  /** People shown, me included whenever I am in the file (the centre stays put). */
  readonly people: ReadonlySet<string>;
  /** Ties shown: they pass the tie filters and both ends are shown. */
  readonly ties: readonly Tie[];
  /** Their indexes in the file's ties, in the same order (the drawing's hot loop works on integers). */
  readonly tieIndexes: Int32Array;
  /** People other than me, ties, shown out of all. */
  readonly counts: { readonly people: ShownCount; readonly ties: ShownCount };
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of `days` before `today` (both calendar dates, UTC arithmetic). */
export function daysBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a tie's last interaction falls in the age window. ISO dates compare as strings. */
export function ageMatches(last: string | undefined, age: AgeFilter, today: string): boolean {
  switch (age) {
    case 'any':
      return true;
    case 'never':
      return last === undefined;
    case 'older':
      return last !== undefined && last < daysBefore(today, 365);
    case '30d':
      return last !== undefined && last >= daysBefore(today, 30);
    case '90d':
      return last !== undefined && last >= daysBefore(today, 90);
    case '1y':
      return last !== undefined && last >= daysBefore(today, 365);
  }
}

export function tiePasses(t: Tie, f: Filters, today: string): boolean {
  if (f.origins.length > 0 && !f.origins.includes(t.origin)) return false;
  if (f.activities.length > 0 && (t.activity === undefined || !f.activities.includes(t.activity))) return false;
  if (f.minStrength > 0 && (t.strength ?? 0) < f.minStrength) return false;
  return ageMatches(t.lastInteraction, f.age, today);
}

/** Lower-cased, trimmed, inner spaces collapsed: "ACME  corp " and "Acme Corp" are one company. */
export function normalizeLabel(s: string | undefined): string {
  if (!s) return '';
  const t = s.trim().toLowerCase();
  // Most names have single spaces: skip the regular expression for them (30,000 people per grouping).
  return /\s\s|[\t\n\r]/.test(t) ? t.replace(/\s+/g, ' ') : t;
}

/**
 * Applies the filters, then the ego view, to the network. O(people + ties).
 * Tie filters keep a person only if one of their ties passes (a "Living
 * ties" view is not 5,000 lone dots); person filters keep those who match.
 * Me always stays. The ego view then keeps the people within `hops` ties of
 * its person over the ties that passed, without walking through me (I am
 * tied to everyone after an import, so two hops through me is everyone).
 */
export function applyFilters(file: KithFile, filters: Filters, ego: Ego | null, today: string): Visible {
  const meId = file.meId as string;
  const byTie = hasTieFilters(filters);
  const byPerson = hasPersonFilters(filters);
  const tags = new Set(filters.tags.map(normalizeLabel));
  const companies = new Set(filters.companies.map(normalizeLabel));
  const personOk = new Set<string>();
  for (const p of file.people) {
    if (p.id === meId) personOk.add(p.id);
    else if (!byPerson) personOk.add(p.id);
    else if (
      (tags.size === 0 || (p.tags ?? []).some((t) => tags.has(normalizeLabel(t)))) &&
      (companies.size === 0 || companies.has(normalizeLabel(p.company)))
    )
      personOk.add(p.id);
  }
  let ties: Tie[] = [];
  let tieIdx: number[] = [];
  if (!byTie && !byPerson) {
    ties = file.ties.filter((t) => personOk.has(t.a) && personOk.has(t.b));
    tieIdx =
      ties.length === file.ties.length
        ? Array.from(file.ties, (_, k) => k)
        : file.ties.flatMap((t, k) => (personOk.has(t.a) && personOk.has(t.b) ? [k] : []));
  } else {
    file.ties.forEach((t, k) => {
      if (personOk.has(t.a) && personOk.has(t.b) && (!byTie || tiePasses(t, filters, today))) {
        ties.push(t);
        tieIdx.push(k);
      }
    });
  }
  let people: Set<string>;
  if (byTie) {
    people = new Set<string>();
    if (personOk.has(meId)) people.add(meId);
    for (const t of ties) {
      people.add(t.a);
      people.add(t.b);
    }
  } else people = personOk;

  // An ego view whose person is gone shows everyone (the scene closes it: see scene.ts).
  if (ego && (people.has(ego.id) || file.people.some((p) => p.id === ego.id))) {
    const reached = egoSet(ego.id, ego.hops, ties, meId);
    people = new Set([...reached].filter((id) => people.has(id) || id === ego.id));
    const keep = ties.map((t) => people.has(t.a) && people.has(t.b));
    ties = ties.filter((_, i) => keep[i]);
    tieIdx = tieIdx.filter((_, i) => keep[i]);
  }
  const others = (set: ReadonlySet<string>) => set.size - (set.has(meId) ? 1 : 0);
  const allOthers = file.people.length - (file.people.some((p) => p.id === meId) ? 1 : 0);
  return {
    people,
    ties,
    tieIndexes: Int32Array.from(tieIdx),
    counts: { people: { shown: others(people), total: allOthers }, ties: { shown: ties.length, total: file.ties.length } },
  };
}

/** The person and everyone within `hops` ties, not walking through me unless the centre is me. */
export function egoSet(centre: string, hops: number, ties: readonly Tie[], meId: string): Set<string> {
  const adjacency = new Map<string, string[]>();
  const push = (a: string, b: string) => {
    const list = adjacency.get(a);
    if (list) list.push(b);
    else adjacency.set(a, [b]);
  };
  for (const t of ties) {
    push(t.a, t.b);
    push(t.b, t.a);
  }
  const reached = new Set<string>([centre]);
  let frontier = [centre];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (id === meId && centre !== meId) continue;
      for (const other of adjacency.get(id) ?? []) {
        if (reached.has(other)) continue;
        reached.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return reached;
}
