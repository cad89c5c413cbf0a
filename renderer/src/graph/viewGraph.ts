import type { KithFile, Person, Tie } from '../../../shared/domain/model';
import type { Origin } from '../../../shared/domain/vocabulary';
import { warmth } from '../../../shared/graph/cost';
import type { GroupBy } from '../store/viewOptions';
import type { Visible } from './filters';
import { groupPeople, tieEndsOf, type Grouped, type GroupInfo } from './grouping';
import { MAX_AGG_EDGES, MAX_GROUP_EXPAND } from './lod';
import {
  aggregateWidth,
  formatCount,
  groupSize,
  orientEdge,
  personNode,
  personViewNode,
  tieEdge,
  tieViewEdge,
  type ViewEdge,
  type ViewNode,
} from './viewParts';

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
  /** The grouping of `visible` by `groupBy` (groupPeople), when the caller has made it already. */
  readonly groups?: Grouped;
}

interface Agg {
  readonly key: number;
  readonly a: string;
  readonly b: string;
  count: number;
  living: number;
  doing: number;
  unknown: number;
  strength: number;
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
  const shown = (p: Person) => visible.people.has(p.id);
  const tieToMe = new Map<string, Tie>();
  for (const t of visible.ties) {
    if (t.a === meId) tieToMe.set(t.b, t);
    else if (t.b === meId) tieToMe.set(t.a, t);
  }
  const warmthOf = (id: string) => {
    const t = tieToMe.get(id);
    return t ? warmth(t, opts.today) : 0;
  };
  const drawnTies = opts.hideMyTies ? visible.ties.filter((t) => t.a !== meId && t.b !== meId) : visible.ties;
  if (opts.groupBy === 'none') return peopleGraph(file.people.filter(shown), drawnTies, meId, warmthOf, tieToMe);

  const { groups, groupOf: groupOfPerson } = opts.groups ?? groupPeople(file, visible, opts.groupBy);

  const refused: string[] = [];
  const expanded = new Set<string>();
  for (const key of opts.expanded) {
    const g = groups.get(key);
    if (!g) continue;
    if (g.members.length > MAX_GROUP_EXPAND) refused.push(key);
    else expanded.add(key);
  }
  // Drawn nodes as small integers, people by their index in the file: the tie loop below runs 100,000 times on a 30k network.
  const { at: personAt, ends } = tieEndsOf(file);
  const nodeIds: string[] = [];
  const isPerson: boolean[] = [];
  const repOfPerson = new Int32Array(file.people.length).fill(-1);
  const addNode = (id: string, person: boolean) => {
    nodeIds.push(id);
    isPerson.push(person);
    return nodeIds.length - 1;
  };
  const byId = (id: string): Person | undefined => {
    const i = personAt.get(id);
    return i === undefined ? undefined : file.people[i];
  };
  const meAt = personAt.get(meId) ?? -1;
  if (visible.people.has(meId) && meAt >= 0) repOfPerson[meAt] = addNode(personNode(meId), true);
  for (const g of groups.values()) {
    const open = expanded.has(g.key);
    const at = addNode(g.nodeId, false);
    for (const id of g.members) {
      const i = personAt.get(id);
      if (i !== undefined) repOfPerson[i] = open || opts.pinned.has(id) ? addNode(personNode(id), true) : at;
    }
  }
  const m = nodeIds.length;
  const degreeOf = new Int32Array(m);
  const aggs = new Map<number, Agg>();
  const ties: Tie[] = [];
  const indexes = visible.tieIndexes;
  for (let j = 0; j < indexes.length; j++) {
    const k = indexes[j] as number;
    const pa = ends[2 * k] as number;
    const pb = ends[2 * k + 1] as number;
    if (pa < 0 || pb < 0) continue;
    if (opts.hideMyTies && (pa === meAt || pb === meAt)) continue;
    const ra = repOfPerson[pa] as number;
    const rb = repOfPerson[pb] as number;
    if (ra < 0 || rb < 0 || ra === rb) continue;
    const t = file.ties[k] as Tie;
    if (isPerson[ra] && isPerson[rb]) {
      ties.push(t);
      degreeOf[ra] = (degreeOf[ra] ?? 0) + 1;
      degreeOf[rb] = (degreeOf[rb] ?? 0) + 1;
      continue;
    }
    const key = ra < rb ? ra * m + rb : rb * m + ra;
    let agg = aggs.get(key);
    if (!agg) {
      const [x, y] = (nodeIds[ra] as string) < (nodeIds[rb] as string) ? [ra, rb] : [rb, ra];
      agg = { key, a: nodeIds[x] as string, b: nodeIds[y] as string, count: 0, living: 0, doing: 0, unknown: 0, strength: 0 };
      aggs.set(key, agg);
    }
    agg.count += 1;
    agg[t.origin] += 1;
    agg.strength += t.strength ?? 0;
  }
  const repAt = (id: string) => {
    const i = personAt.get(id);
    const r = i === undefined ? -1 : (repOfPerson[i] ?? -1);
    return r < 0 ? undefined : r;
  };

  const meNode = personNode(meId);
  const aggList = [...aggs.values()];
  let keptAggs = aggList;
  if (aggList.length > MAX_AGG_EDGES) {
    const byStrength = [...aggList].sort((x, y) => y.count - x.count || x.key - y.key);
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
  const degree = new Map<string, number>();
  nodeIds.forEach((id, i) => degree.set(id, degreeOf[i] ?? 0));
  const bump = (id: string) => degree.set(id, (degree.get(id) ?? 0) + 1);
  for (const agg of keptAggs) {
    bump(agg.a);
    bump(agg.b);
  }
  const aggId = (agg: Agg) => `a:${agg.a}|${agg.b}`;
  const keptKeys = new Map(keptAggs.map((agg) => [agg.key, aggId(agg)]));
  const drawnTieIds = new Set(ties.map((t) => t.id as string));
  // Only highlights and reveals read these two: built on first use.
  let repOfMap: Map<string, string> | undefined;
  let edgeOfTieMap: Map<string, string> | undefined;
  const lazy = {
    get repOf(): ReadonlyMap<string, string> {
      if (!repOfMap) {
        repOfMap = new Map();
        for (const p of file.people) {
          if (!shown(p)) continue;
          const r = repAt(p.id);
          if (r !== undefined) repOfMap.set(p.id, nodeIds[r] as string);
        }
      }
      return repOfMap;
    },
    get edgeOfTie(): ReadonlyMap<string, string> {
      if (!edgeOfTieMap) {
        edgeOfTieMap = new Map();
        for (const t of drawnTies) {
          const ra = repAt(t.a);
          const rb = repAt(t.b);
          if (ra === undefined || rb === undefined || ra === rb) continue;
          if (drawnTieIds.has(t.id)) edgeOfTieMap.set(t.id, tieEdge(t.id));
          else {
            const id = keptKeys.get(ra < rb ? ra * m + rb : rb * m + ra);
            if (id) edgeOfTieMap.set(t.id, id);
          }
        }
      }
      return edgeOfTieMap;
    },
  };

  const nodes: ViewNode[] = [];
  const me = visible.people.has(meId) ? byId(meId) : undefined;
  if (me) nodes.push(personViewNode(me, 'me', 0, 0, false, undefined));
  const edges: ViewEdge[] = [];
  for (const t of ties) edges.push(orientEdge(tieViewEdge(t), meNode, degree));
  for (const agg of keptAggs) {
    const id = aggId(agg);
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

  for (const g of groups.values()) {
    const key = g.key;
    const mix = { living: 0, doing: 0, unknown: 0 };
    let warmthSum = 0;
    let tied = 0;
    for (const m of g.members) {
      const t = tieToMe.get(m);
      if (!t) continue;
      mix[t.origin] += 1;
      warmthSum += warmth(t, opts.today);
      tied += 1;
    }
    const pct = (n: number) => (tied > 0 ? Math.round((n / tied) * 100) : 0);
    nodes.push({
      id: g.nodeId,
      kind: 'group',
      ref: key,
      label: `${g.label} · ${formatCount(g.members.length)}`,
      count: g.members.length,
      size: groupSize(g.members.length),
      expanded: expanded.has(key),
      living: pct(mix.living),
      doing: pct(mix.doing),
      unknown: tied > 0 ? 100 - pct(mix.living) - pct(mix.doing) : 0,
      warmth: tied > 0 ? warmthSum / tied : 0,
      isTiedToMe: tied > 0,
    });
    for (const member of g.members) {
      const at = repAt(member);
      if (at === undefined || !isPerson[at]) continue;
      const p = byId(member);
      if (p) {
        const parent = expanded.has(key) ? g.nodeId : undefined;
        nodes.push(personViewNode(p, 'person', degree.get(personNode(member)) ?? 0, warmthOf(member), tieToMe.has(member), parent));
      }
    }
  }
  return Object.defineProperties(
    {
      mode: 'grouped' as const,
      groupBy: opts.groupBy,
      nodes,
      edges,
      groups,
      groupOf: groupOfPerson,
      refused,
      hiddenAggregates: aggList.length - keptAggs.length,
    },
    Object.getOwnPropertyDescriptors(lazy),
  ) as unknown as ViewGraph;
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
