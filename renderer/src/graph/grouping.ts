import type { KithFile, Person, Tie } from '../../../shared/domain/model';
import type { GroupBy } from '../store/viewOptions';
import { normalizeLabel, type Visible } from './filters';
import { MAX_GROUPS } from './lod';
import { formatCount, groupNode } from './viewParts';

/** The group key and label of a person under a grouping; '' when they have none (key `company:`). */
export function groupKeyOf(p: Person, by: GroupBy, communityNames: ReadonlyMap<string, string>): { key: string; label: string } {
  switch (by) {
    case 'company': {
      const label = (p.company ?? '').trim();
      return { key: `company:${normalizeLabel(label)}`, label: label || 'No company' };
    }
    case 'community': {
      const id = p.communities?.[0];
      return id === undefined
        ? { key: 'community:', label: 'No community' }
        : { key: `community:${id}`, label: communityNames.get(id) ?? id };
    }
    case 'tag': {
      const label = (p.tags?.[0] ?? '').trim();
      return { key: `tag:${normalizeLabel(label)}`, label: label || 'No tag' };
    }
    case 'none':
      return { key: '', label: '' };
  }
}

const OTHER_LABELS: Readonly<Record<GroupBy, string>> = {
  company: 'Other companies',
  community: 'Other communities',
  tag: 'Other tags',
  none: 'Others',
};

export interface TieEnds {
  /** Person id → index in file.people. */
  readonly at: ReadonlyMap<string, number>;
  /** For tie k, the indexes of its two people at 2k and 2k + 1 (-1 for a person not in the file). */
  readonly ends: Int32Array;
}

const tieEndsCache = new WeakMap<readonly Person[], WeakMap<readonly Tie[], TieEnds>>();

/** The ties' ends as person indexes, once per (people, ties) pair: an edit that leaves the ties alone reuses them. */
export function tieEndsOf(file: KithFile): TieEnds {
  let byTies = tieEndsCache.get(file.people);
  if (!byTies) {
    byTies = new WeakMap();
    tieEndsCache.set(file.people, byTies);
  }
  const cached = byTies.get(file.ties);
  if (cached) return cached;
  const at = new Map<string, number>();
  file.people.forEach((p, i) => at.set(p.id, i));
  const ends = new Int32Array(file.ties.length * 2);
  file.ties.forEach((t, k) => {
    ends[2 * k] = at.get(t.a) ?? -1;
    ends[2 * k + 1] = at.get(t.b) ?? -1;
  });
  const value = { at, ends };
  byTies.set(file.ties, value);
  return value;
}

export interface GroupInfo {
  readonly key: string;
  readonly label: string;
  readonly nodeId: string;
  /** Shown members' person ids. */
  readonly members: readonly string[];
  readonly isOther: boolean;
}

/** The shown people other than me, gathered into groups. */
export interface Grouped {
  /** By key, in drawing order: the groups as they come in the file, "Other" last. */
  readonly groups: ReadonlyMap<string, GroupInfo>;
  /** Shown person id (not me) → the key of their group. */
  readonly groupOf: ReadonlyMap<string, string>;
}

const OTHER = '\u0000other';
const UNGROUPED: Grouped = { groups: new Map(), groupOf: new Map() };

/**
 * Gathers the shown people (me aside) by `groupBy`: one group per key, the
 * largest MAX_GROUPS - 1 kept and the rest folded into one "Other" group.
 * Nobody is grouped under `none`. O(people).
 */
export function groupPeople(file: KithFile, visible: Visible, groupBy: GroupBy): Grouped {
  if (groupBy === 'none') return UNGROUPED;
  const meId = file.meId as string;
  const communityNames = new Map(file.communities.map((c) => [c.id as string, c.name]));
  const byKey = new Map<string, { label: string; members: string[] }>();
  for (const p of file.people) {
    if (p.id === meId || !visible.people.has(p.id)) continue;
    const { key, label } = groupKeyOf(p, groupBy, communityNames);
    const g = byKey.get(key);
    if (g) g.members.push(p.id);
    else byKey.set(key, { label, members: [p.id] });
  }
  let keys = [...byKey.keys()];
  const otherKey = `${groupBy}:${OTHER}`;
  if (keys.length > MAX_GROUPS) {
    keys.sort((a, b) => (byKey.get(b)?.members.length ?? 0) - (byKey.get(a)?.members.length ?? 0) || (a < b ? -1 : 1));
    const folded = keys.slice(MAX_GROUPS - 1);
    keys = keys.slice(0, MAX_GROUPS - 1);
    const members = folded.flatMap((k) => byKey.get(k)?.members ?? []);
    byKey.set(otherKey, { label: `${OTHER_LABELS[groupBy]} (${formatCount(folded.length)})`, members });
    keys.push(otherKey);
  }
  const groups = new Map<string, GroupInfo>();
  const groupOf = new Map<string, string>();
  for (const key of keys) {
    const g = byKey.get(key);
    if (!g) continue;
    groups.set(key, { key, label: g.label, nodeId: groupNode(key), members: g.members, isOther: key === otherKey });
    for (const m of g.members) groupOf.set(m, key);
  }
  return { groups, groupOf };
}
