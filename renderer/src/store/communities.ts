import type { Community, CommunityId, KithFile } from '../../../shared/domain/model';

/** Case and accents ignored: "zoe" finds "Zoë". */
export const fold = (text: string | undefined): string => (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Communities whose name matches what is typed, for an "add to a community"
 * list: names that start with it (or a word of them) first, then names that
 * contain it, each group alphabetical. Empty text lists them all. Those in
 * `exclude` (the person's own) are left out.
 */
export function matchCommunities(
  communities: readonly Community[],
  query: string,
  exclude: ReadonlySet<CommunityId> = new Set(),
): Community[] {
  const q = fold(query.trim());
  const starts: Community[] = [];
  const contains: Community[] = [];
  for (const c of communities) {
    if (exclude.has(c.id)) continue;
    const name = fold(c.name);
    if (q === '' || name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q))) starts.push(c);
    else if (name.includes(q)) contains.push(c);
  }
  const byName = (a: Community, b: Community) => a.name.localeCompare(b.name);
  return [...starts.sort(byName), ...contains.sort(byName)];
}

/** The community with this name (case, accents and spacing ignored), so that "New community" does not make a twin. */
export function communityNamed(communities: readonly Community[], name: string): Community | undefined {
  const key = fold(name.trim().replace(/\s+/g, ' '));
  return key === '' ? undefined : communities.find((c) => fold(c.name.trim().replace(/\s+/g, ' ')) === key);
}

export interface CommunityUse {
  readonly members: number;
  readonly opportunities: number;
}

/** How many people belong to each community and how many opportunities name it. */
export function communityUse(file: KithFile): ReadonlyMap<CommunityId, CommunityUse> {
  const use = new Map<CommunityId, { members: number; opportunities: number }>(
    file.communities.map((c) => [c.id, { members: 0, opportunities: 0 }]),
  );
  for (const p of file.people) {
    for (const id of new Set(p.communities ?? [])) {
      const u = use.get(id);
      if (u) u.members += 1;
    }
  }
  for (const o of file.opportunities) {
    const u = o.community ? use.get(o.community) : undefined;
    if (u) u.opportunities += 1;
  }
  return use;
}

/** "3 people · 1 opportunity", or "No members yet". */
export function describeUse(use: CommunityUse | undefined): string {
  const members = use?.members ?? 0;
  const opportunities = use?.opportunities ?? 0;
  const parts = [
    members > 0 ? `${members} ${members === 1 ? 'person' : 'people'}` : 'No members yet',
    opportunities > 0 ? `${opportunities} ${opportunities === 1 ? 'opportunity' : 'opportunities'}` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Sorted by name, for lists and selects. */
export function sortedCommunities(communities: readonly Community[]): Community[] {
  return [...communities].sort((a, b) => a.name.localeCompare(b.name));
}
