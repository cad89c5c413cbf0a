import type { KithFile, Person, Tie } from '../../../shared/domain/model';
import type { Origin } from '../../../shared/domain/vocabulary';
import { normalizeLabel, type Visible } from './filters';
import { MAX_AGG_EDGES, MAX_GROUP_EXPAND, MAX_GROUPS } from './lod';
import type { GroupBy } from './viewOptions';

/** Person and tie ids live in separate namespaces in the file; in Cytoscape they share one with groups and aggregates. */
export const personNode = (person: string): string => `p:${person}`;
export const tieEdge = (tie: string): string => `t:${tie}`;
export const groupNode = (key: string): string => `g:${key}`;

export const ME_SIZE = 46;

/** Hubs read better a little larger; the growth flattens so that a 30k-spoke hub stays sane. */
export function nodeSize(degree: number): number {
  return Math.round(24 + Math.min(16, 4 * Math.log2(1 + degree)));
}

/** A group's diameter grows with the square root of its members (area ∝ people), within bounds. */
export function groupSize(members: number): number {
  return Math.round(Math.min(170, 34 + 8 * Math.sqrt(members)));
}

/** Line width for a strength of 1..5 (2 when unknown). */
export function strengthWidth(strength: number | undefined): number {
  if (strength === undefined || strength < 1) return 2;
  return 1 + Math.min(5, Math.round(strength)) * 0.9;
}

/** An aggregated edge's width grows with the log of the ties it stands for. */
export function aggregateWidth(count: number): number {
  return Math.round((1.5 + 1.7 * Math.log2(count)) * 10) / 10;
}

const ORIGIN_WARMTH: Readonly<Record<Origin, number>> = { living: 1, unknown: 0.5, doing: 0.35 };

/** How warm a tie to me is, 0..~1.2: Living over unknown over Doing, stronger and recent warmer. */
export function tieWarmth(t: Pick<Tie, 'origin' | 'strength' | 'lastInteraction'>, today: string): number {
  const strength = t.strength ?? 3;
  const recent = t.lastInteraction !== undefined && t.lastInteraction >= yearBefore(today) ? 0.15 : 0;
  return ORIGIN_WARMTH[t.origin] * (0.55 + 0.09 * strength) + recent;
}

function yearBefore(today: string): string {
  return `${String(Number(today.slice(0, 4)) - 1).padStart(4, '0')}${today.slice(4)}`;
}

export type ViewNodeKind = 'me' | 'person' | 'group';

/** One drawn node: flat, primitive data (Cytoscape copies it and compares nothing deeper). */
export interface ViewNode {
  readonly id: string;
  readonly kind: ViewNodeKind;
  /** Person id, or group key. */
  readonly ref: string;
  readonly label: string;
  /** Group node id when this person is drawn inside an expanded group. */
  readonly parent?: string;
  /** Members of a group; drawn ties of a person. */
  readonly count: number;
  /** Diameter in model pixels. */
  readonly size: number;
  readonly expanded?: boolean;
  /** Share (0..100) of a group's ties to me by origin: the pie on a group node. */
  readonly living?: number;
  readonly doing?: number;
  readonly unknown?: number;
  /** Warmth of the tie to me (a person) or the mean over members (a group). */
  readonly warmth: number;
  readonly isTiedToMe: boolean;
}

export interface ViewEdge {
  readonly id: string;
  readonly kind: 'tie' | 'agg';
  /** Tie id for a tie; '' for an aggregate. */
  readonly ref: string;
  /** The hub end (me, the busier end): Cytoscape charges O(degree²) to an edge's source. */
  readonly source: string;
  readonly target: string;
  /** The tie's origin, or the most common origin among the aggregated ties. */
  readonly origin: Origin;
  readonly strength: number;
  /** Ties it stands for (1 for a tie). */
  readonly count: number;
  readonly living: number;
  readonly doing: number;
  readonly unknown: number;
  readonly width: number;
}

export interface GroupInfo {
  readonly key: string;
  readonly label: string;
  readonly nodeId: string;
  /** Shown members' person ids. */
  readonly members: readonly string[];
  readonly isOther: boolean;
}

export interface ViewGraph {
  readonly mode: 'people' | 'grouped';
  readonly groupBy: GroupBy;
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  readonly groups: ReadonlyMap<string, GroupInfo>;
  /** Shown person id → the drawn node that stands for them (their own, or their collapsed group's). */
  readonly repOf: ReadonlyMap<string, string>;
  /** Shown person id (not me) → the key of their group; empty in the people view. */
  readonly groupOf: ReadonlyMap<string, string>;
  /** Tie id → the drawn edge that carries it (itself, or an aggregate); absent when inside a collapsed group or hidden. */
  readonly edgeOfTie: ReadonlyMap<string, string>;
  /** Groups asked to expand that are too big to. */
  readonly refused: readonly string[];
  /** Aggregated edges left out (the weakest, beyond MAX_AGG_EDGES). */
  readonly hiddenAggregates: number;
}

export interface ViewGraphOptions {
  /** The grouping in effect (after `effectiveGrouping`). */
  readonly groupBy: GroupBy;
  readonly hideMyTies: boolean;
  /** Group keys expanded. */
  readonly expanded: ReadonlySet<string>;
  /** People drawn on their own even though their group is collapsed (a search hit, a path). */
  readonly pinned: ReadonlySet<string>;
  readonly today: string;
}

const OTHER = '\u0000other';
const NONE = '';

/** The group key and label of a person under a grouping; '' when they have none (key `company:`). */
export function groupKeyOf(p: Person, by: GroupBy, communityNames: ReadonlyMap<string, string>): { key: string; label: string } {
  switch (by) {
    case 'company': {
      const label = (p.company ?? '').trim();
      return { key: `company:${normalizeLabel(label)}`, label: label || 'No company' };
    }
    case 'community': {
      const id = p.communities?.[0];
      return id === undefined ? { key: 'community:', label: 'No community' } : { key: `community:${id}`, label: communityNames.get(id) ?? id };
    }
    case 'tag': {
      const label = (p.tags?.[0] ?? '').trim();
      return { key: `tag:${normalizeLabel(label)}`, label: label || 'No tag' };
    }
    case 'none':
      return { key: NONE, label: '' };
  }
}

const OTHER_LABELS: Readonly<Record<GroupBy, string>> = {
  company: 'Other companies',
  community: 'Other communities',
  tag: 'Other tags',
  none: 'Others',
};

interface Agg {
  a: string;
  b: string;
  count: number;
  living: number;
  doing: number;
  unknown: number;
  strength: number;
  ties: string[];
}

/**
 * What the graph draws for the shown part of the network. With grouping
 * `none`, every shown person and tie. Otherwise one node per group (the
 * largest MAX_GROUPS, the rest folded into "Other"), me, the members of
 * expanded groups (children of their group node) and pinned people; ties
 * between drawn people are drawn as themselves, the others are summed into
 * one aggregated edge per pair of drawn nodes (ties inside a collapsed group
 * are only counted). Pure and O(people + ties).
 */
export function buildViewGraph(file: KithFile, visible: Visible, opts: ViewGraphOptions): ViewGraph {
  const meId = file.meId as string;
  const people = file.people.filter((p) => visible.people.has(p.id));
  const tieToMe = new Map<string, Tie>();
  for (const t of visible.ties) {
    if (t.a === meId) tieToMe.set(t.b, t);
    else if (t.b === meId) tieToMe.set(t.a, t);
  }
  const warmthOf = (id: string) => {
    const t = tieToMe.get(id);
    return t ? tieWarmth(t, opts.today) : 0;
  };
  const drawnTies = opts.hideMyTies ? visible.ties.filter((t) => t.a !== meId && t.b !== meId) : visible.ties;
  if (opts.groupBy === 'none') return peopleGraph(people, drawnTies, meId, warmthOf, tieToMe);

  const communityNames = new Map(file.communities.map((c) => [c.id as string, c.name]));
  const byKey = new Map<string, { label: string; members: string[] }>();
  for (const p of people) {
    if (p.id === meId) continue;
    const { key, label } = groupKeyOf(p, opts.groupBy, communityNames);
    const g = byKey.get(key);
    if (g) g.members.push(p.id);
    else byKey.set(key, { label, members: [p.id] });
  }
  let keys = [...byKey.keys()];
  const otherKey = `${opts.groupBy}:${OTHER}`;
  if (keys.length > MAX_GROUPS) {
    keys.sort((a, b) => (byKey.get(b)?.members.length ?? 0) - (byKey.get(a)?.members.length ?? 0) || (a < b ? -1 : 1));
    const folded = keys.slice(MAX_GROUPS - 1);
    keys = keys.slice(0, MAX_GROUPS - 1);
    const members = folded.flatMap((k) => byKey.get(k)?.members ?? []);
    byKey.set(otherKey, { label: `${OTHER_LABELS[opts.groupBy]} (${folded.length.toLocaleString('en')})`, members });
    keys.push(otherKey);
  }
  const groups = new Map<string, GroupInfo>();
  const groupOfPerson = new Map<string, string>();
  for (const key of keys) {
    const g = byKey.get(key);
    if (!g) continue;
    groups.set(key, { key, label: g.label, nodeId: groupNode(key), members: g.members, isOther: key === otherKey });
    for (const m of g.members) groupOfPerson.set(m, key);
  }

  const refused: string[] = [];
  const expanded = new Set<string>();
  for (const key of opts.expanded) {
    const g = groups.get(key);
    if (!g) continue;
    if (g.members.length > MAX_GROUP_EXPAND) refused.push(key);
    else expanded.add(key);
  }
  const repOf = new Map<string, string>();
  const byId = new Map(people.map((p) => [p.id as string, p]));
  if (visible.people.has(meId)) repOf.set(meId, personNode(meId));
  for (const [id, key] of groupOfPerson) {
    const own = expanded.has(key) || opts.pinned.has(id);
    repOf.set(id, own ? personNode(id) : groupNode(key));
  }

  const nodes: ViewNode[] = [];
  const me = byId.get(meId);
  if (me) nodes.push(personViewNode(me, 'me', 0, 0, false, undefined));
  const degree = new Map<string, number>();
  const bump = (id: string) => degree.set(id, (degree.get(id) ?? 0) + 1);
  const internal = new Map<string, number>();
  const aggs = new Map<string, Agg>();
  const ties: ViewEdge[] = [];
  const edgeOfTie = new Map<string, string>();
  for (const t of drawnTies) {
    const ra = repOf.get(t.a);
    const rb = repOf.get(t.b);
    if (ra === undefined || rb === undefined) continue;
    if (ra === rb) {
      internal.set(ra, (internal.get(ra) ?? 0) + 1);
      continue;
    }
    if (ra.startsWith('p:') && rb.startsWith('p:')) {
      ties.push(tieViewEdge(t));
      edgeOfTie.set(t.id, tieEdge(t.id));
      bump(ra);
      bump(rb);
      continue;
    }
    const [a, b] = ra < rb ? [ra, rb] : [rb, ra];
    const key = `${a}\u0001${b}`;
    let agg = aggs.get(key);
    if (!agg) {
      agg = { a, b, count: 0, living: 0, doing: 0, unknown: 0, strength: 0, ties: [] };
      aggs.set(key, agg);
    }
    agg.count += 1;
    agg[t.origin] += 1;
    agg.strength += t.strength ?? 0;
    agg.ties.push(t.id);
  }

  const meNode = personNode(meId);
  const aggList = [...aggs.values()];
  let keptAggs = aggList;
  if (aggList.length > MAX_AGG_EDGES) {
    const byStrength = [...aggList].sort((x, y) => y.count - x.count || (x.a + x.b < y.a + y.b ? -1 : 1));
    const kept = new Set<Agg>();
    const best = new Map<string, Agg>();
    for (const agg of byStrength) {
      if (agg.a === meNode || agg.b === meNode) kept.add(agg);
      if (!best.has(agg.a)) best.set(agg.a, agg);
      if (!best.has(agg.b)) best.set(agg.b, agg);
    }
    for (const agg of best.values()) kept.add(agg);
    for (const agg of byStrength) {
      if (kept.size >= MAX_AGG_EDGES) break;
      kept.add(agg);
    }
    keptAggs = byStrength.filter((agg) => kept.has(agg));
  }
  for (const agg of keptAggs) {
    bump(agg.a);
    bump(agg.b);
  }
  const edges: ViewEdge[] = [];
  for (const t of ties) edges.push(orientEdge(t, meNode, degree));
  for (const agg of keptAggs) {
    const id = `a:${agg.a}|${agg.b}`;
    for (const tie of agg.ties) edgeOfTie.set(tie, id);
    const origin: Origin = agg.living >= agg.doing && agg.living >= agg.unknown ? 'living' : agg.doing >= agg.unknown ? 'doing' : 'unknown';
    edges.push(
      orientEdge(
        {
          id,
          kind: 'agg',
          ref: '',
          source: agg.a,
          target: agg.b,
          origin,
          strength: agg.count > 0 ? Math.round((agg.strength / agg.count) * 10) / 10 : 0,
          count: agg.count,
          living: agg.living,
          doing: agg.doing,
          unknown: agg.unknown,
          width: aggregateWidth(agg.count),
        },
        meNode,
        degree,
      ),
    );
  }

  for (const key of keys) {
    const g = groups.get(key);
    if (!g) continue;
    const mix = { living: 0, doing: 0, unknown: 0 };
    let warmth = 0;
    let tied = 0;
    for (const m of g.members) {
      const t = tieToMe.get(m);
      if (!t) continue;
      mix[t.origin] += 1;
      warmth += tieWarmth(t, opts.today);
      tied += 1;
    }
    const pct = (n: number) => (tied > 0 ? Math.round((n / tied) * 100) : 0);
    nodes.push({
      id: g.nodeId,
      kind: 'group',
      ref: key,
      label: `${g.label} · ${g.members.length.toLocaleString('en')}`,
      count: g.members.length,
      size: groupSize(g.members.length),
      expanded: expanded.has(key),
      living: pct(mix.living),
      doing: pct(mix.doing),
      unknown: tied > 0 ? 100 - pct(mix.living) - pct(mix.doing) : 0,
      warmth: tied > 0 ? warmth / tied : 0,
      isTiedToMe: tied > 0,
    });
    for (const m of g.members) {
      if (repOf.get(m) !== personNode(m)) continue;
      const p = byId.get(m);
      if (p) nodes.push(personViewNode(p, 'person', degree.get(personNode(m)) ?? 0, warmthOf(m), tieToMe.has(m), expanded.has(key) ? g.nodeId : undefined));
    }
  }
  return {
    mode: 'grouped',
    groupBy: opts.groupBy,
    nodes,
    edges,
    groups,
    repOf,
    groupOf: groupOfPerson,
    edgeOfTie,
    refused,
    hiddenAggregates: aggList.length - keptAggs.length,
  };
}

function peopleGraph(
  people: readonly Person[],
  ties: readonly Tie[],
  meId: string,
  warmthOf: (id: string) => number,
  tieToMe: ReadonlyMap<string, Tie>,
): ViewGraph {
  const present = new Set(people.map((p) => p.id as string));
  const degree = new Map<string, number>();
  const kept: Tie[] = [];
  for (const t of ties) {
    if (!present.has(t.a) || !present.has(t.b)) continue;
    kept.push(t);
    degree.set(personNode(t.a), (degree.get(personNode(t.a)) ?? 0) + 1);
    degree.set(personNode(t.b), (degree.get(personNode(t.b)) ?? 0) + 1);
  }
  const nodes = people.map((p) =>
    p.id === meId
      ? personViewNode(p, 'me', degree.get(personNode(p.id)) ?? 0, 0, false, undefined)
      : personViewNode(p, 'person', degree.get(personNode(p.id)) ?? 0, warmthOf(p.id), tieToMe.has(p.id), undefined),
  );
  const meNode = personNode(meId);
  const edges = kept.map((t) => orientEdge(tieViewEdge(t), meNode, degree));
  return {
    mode: 'people',
    groupBy: 'none',
    nodes,
    edges,
    groups: new Map(),
    repOf: new Map(people.map((p) => [p.id as string, personNode(p.id)])),
    groupOf: new Map(),
    edgeOfTie: new Map(kept.map((t) => [t.id as string, tieEdge(t.id)])),
    refused: [],
    hiddenAggregates: 0,
  };
}

function personViewNode(p: Person, kind: 'me' | 'person', degree: number, warmth: number, isTiedToMe: boolean, parent: string | undefined): ViewNode {
  return {
    id: personNode(p.id),
    kind,
    ref: p.id,
    label: p.name,
    count: degree,
    size: kind === 'me' ? ME_SIZE : nodeSize(degree),
    warmth,
    isTiedToMe,
    ...(parent ? { parent } : {}),
  };
}

function tieViewEdge(t: Tie): ViewEdge {
  return {
    id: tieEdge(t.id),
    kind: 'tie',
    ref: t.id,
    source: personNode(t.a),
    target: personNode(t.b),
    origin: t.origin,
    strength: t.strength ?? 0,
    count: 1,
    living: t.origin === 'living' ? 1 : 0,
    doing: t.origin === 'doing' ? 1 : 0,
    unknown: t.origin === 'unknown' ? 1 : 0,
    width: strengthWidth(t.strength),
  };
}

/** The hub takes the target end: me first, then the end with more drawn edges, then the larger id (stable). */
export function orientEdge(e: ViewEdge, meNode: string, degree: ReadonlyMap<string, number>): ViewEdge {
  const { source: a, target: b } = e;
  let flip: boolean;
  if (a === meNode) flip = true;
  else if (b === meNode) flip = false;
  else {
    const da = degree.get(a) ?? 0;
    const db = degree.get(b) ?? 0;
    flip = da !== db ? da > db : a > b;
  }
  return flip ? { ...e, source: b, target: a } : e;
}
