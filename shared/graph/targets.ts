import { KithError } from '../api/envelope.js';
import type { CommunityId, Opportunity, Person } from '../domain/model.js';
import type { GraphIndex } from './graphIndex.js';
import { labelKey } from './labels.js';

/** What a path can lead to. */
export const TARGET_KINDS = ['person', 'company', 'community', 'tag', 'opportunity'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** A target as asked for: a concrete one by id/label, or free text (`query`) to resolve. */
export interface TargetRef {
  readonly kind: TargetKind | 'query';
  /** Person id, company name, community id, tag, opportunity id, or the query text. */
  readonly value: string;
}

/** A target turned into the people a path may end at. */
export interface ResolvedTarget {
  readonly kind: TargetKind;
  readonly value: string;
  readonly label: string;
  readonly people: readonly number[];
}

/** One entry of the target picker. */
export interface TargetOption {
  readonly kind: TargetKind;
  readonly value: string;
  readonly label: string;
  /** "Design Lead, Northwind Labs", "12 people"… */
  readonly detail: string;
  /** How many people a path may end at. */
  readonly people: number;
}

const KIND_ORDER: Readonly<Record<TargetKind, number>> = { person: 0, company: 1, community: 2, tag: 3, opportunity: 4 };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function opportunityPeople(index: GraphIndex, o: Opportunity): readonly number[] {
  if (o.through !== undefined) {
    const i = index.indexOf.get(o.through);
    return i === undefined ? [] : [i];
  }
  if (o.company) return index.companies.get(labelKey(o.company))?.members ?? [];
  if (o.community) return index.communities.get(o.community)?.members ?? [];
  return [];
}

/**
 * Turns a target into people. Unknown ids and labels, and targets nobody
 * stands for, are `not-found` refusals with a sentence that says which.
 */
export function resolveTarget(index: GraphIndex, ref: TargetRef): ResolvedTarget {
  switch (ref.kind) {
    case 'query':
      return resolveQuery(index, ref.value);
    case 'person': {
      const i = index.indexOf.get(ref.value);
      if (i === undefined) throw new KithError('not-found', `No person with id "${ref.value}".`);
      return { kind: 'person', value: ref.value, label: (index.people[i] as Person).name, people: [i] };
    }
    case 'company': {
      const group = index.companies.get(labelKey(ref.value));
      if (!group) throw new KithError('not-found', `Nobody in your network works or worked at "${ref.value}".`);
      return { kind: 'company', value: group.label, label: group.label, people: group.members };
    }
    case 'community': {
      const group = index.communities.get(ref.value as CommunityId);
      if (!group) throw new KithError('not-found', `No community with id "${ref.value}".`);
      if (group.members.length === 0) throw new KithError('not-found', `Nobody in your network belongs to ${group.label} yet.`);
      return { kind: 'community', value: ref.value, label: group.label, people: group.members };
    }
    case 'tag': {
      const group = index.tags.get(labelKey(ref.value));
      if (!group) throw new KithError('not-found', `Nobody in your network is tagged "${ref.value}".`);
      return { kind: 'tag', value: group.label, label: group.label, people: group.members };
    }
    case 'opportunity': {
      const o = index.doc.opportunities.find((x) => x.id === ref.value);
      if (!o) throw new KithError('not-found', `No opportunity with id "${ref.value}".`);
      const people = opportunityPeople(index, o);
      if (people.length === 0) {
        throw new KithError(
          'not-found',
          `"${o.title}" records nobody who brought it, nor a company or community with people in your network.`,
        );
      }
      return { kind: 'opportunity', value: o.id, label: o.title, people };
    }
  }
}

/**
 * Every target whose name contains `query` (case-insensitive), best first:
 * exact, then prefix, then word start, then anywhere; people before companies,
 * communities, tags and opportunities. An empty query lists nothing.
 */
export function searchTargets(index: GraphIndex, query: string, limit: number): TargetOption[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const scored: Array<{ rank: number; option: TargetOption }> = [];
  const rankOf = (text: string): number => {
    const at = text.indexOf(q);
    if (at < 0) return -1;
    if (at === 0) return text.length === q.length ? 0 : 1;
    return /[\s\-_.,(]/.test(text[at - 1] as string) ? 2 : 3;
  };
  // People are many: keep at most `limit` per rank so that "a" does not sort 30,000 names.
  const perRank = [0, 0, 0, 0];
  for (let i = 0; i < index.n; i++) {
    const rank = rankOf(index.nameLower[i] as string);
    if (rank < 0 || (perRank[rank] as number) >= limit) continue;
    perRank[rank] = (perRank[rank] as number) + 1;
    const p = index.people[i] as Person;
    const detail = i === index.me ? 'You' : [p.position, p.company].filter(Boolean).join(', ');
    scored.push({ rank, option: { kind: 'person', value: p.id, label: p.name, detail, people: 1 } });
  }
  for (const group of index.companies.values()) {
    const rank = rankOf(group.label.toLowerCase());
    if (rank >= 0) {
      const detail = `${plural(group.members.length, 'person', 'people')} work or worked there`;
      scored.push({ rank, option: { kind: 'company', value: group.label, label: group.label, detail, people: group.members.length } });
    }
  }
  for (const [id, group] of index.communities) {
    const rank = rankOf(group.label.toLowerCase());
    if (rank >= 0 && group.members.length > 0) {
      const detail = plural(group.members.length, 'member');
      scored.push({ rank, option: { kind: 'community', value: id, label: group.label, detail, people: group.members.length } });
    }
  }
  for (const group of index.tags.values()) {
    const rank = rankOf(group.label.toLowerCase());
    if (rank >= 0) {
      const detail = `tag on ${plural(group.members.length, 'person', 'people')}`;
      scored.push({ rank, option: { kind: 'tag', value: group.label, label: group.label, detail, people: group.members.length } });
    }
  }
  for (const o of index.doc.opportunities) {
    const rank = rankOf(o.title.toLowerCase());
    const people = opportunityPeople(index, o).length;
    if (rank >= 0 && people > 0) {
      const detail = [o.kind, o.date].filter(Boolean).join(', ');
      scored.push({ rank, option: { kind: 'opportunity', value: o.id, label: o.title, detail, people } });
    }
  }
  scored.sort(
    (x, y) => x.rank - y.rank || KIND_ORDER[x.option.kind] - KIND_ORDER[y.option.kind] || x.option.label.localeCompare(y.option.label),
  );
  return scored.slice(0, limit).map((s) => s.option);
}

/**
 * Resolves free text to one target: "me"/"you", else an exact name (people
 * first, then companies, communities, tags, opportunities), else the single
 * best partial match. Nothing matching, or several equally good matches, is
 * a refusal that says so (with suggestions when ambiguous).
 */
export function resolveQuery(index: GraphIndex, text: string): ResolvedTarget {
  const query = text.trim();
  if (query === '') throw new KithError('invalid-input', 'Say whom or what to find a path to.');
  const lower = query.toLowerCase();
  if ((lower === 'me' || lower === 'you') && index.me >= 0) {
    return resolveTarget(index, { kind: 'person', value: index.ids[index.me] as string });
  }
  const options = searchTargets(index, query, 50);
  if (options.length === 0) {
    throw new KithError('not-found', `Nothing in your network matches "${query}": no person, company, community, tag or opportunity.`);
  }
  const exact = options.filter((o) => o.label.toLowerCase() === lower || labelKey(o.label) === labelKey(query));
  const pool = exact.length > 0 ? exact : options;
  const bestKind = pool[0]?.kind as TargetKind;
  const sameKind = pool.filter((o) => o.kind === bestKind);
  const chosen = exact.length > 0 ? sameKind : sameKind.filter((o) => rankEqual(o, pool[0] as TargetOption, lower));
  if (chosen.length !== 1) {
    const names = chosen.slice(0, 5).map((o) => `${o.label}${o.detail ? ` (${o.detail})` : ''}`);
    throw new KithError(
      'conflict',
      `"${query}" matches several ${bestKind === 'person' ? 'people' : `${bestKind} names`}: ${names.join('; ')}. Be more specific.`,
    );
  }
  const only = chosen[0] as TargetOption;
  return resolveTarget(index, { kind: only.kind, value: only.value });
}

function rankEqual(a: TargetOption, b: TargetOption, q: string): boolean {
  const r = (o: TargetOption) => {
    const text = o.label.toLowerCase();
    const at = text.indexOf(q);
    return at === 0 ? 1 : at > 0 && /[\s\-_.,(]/.test(text[at - 1] as string) ? 2 : 3;
  };
  return r(a) === r(b);
}
