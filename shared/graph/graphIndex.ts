import type { CommunityId, KithFile, Person, PersonId, Tie } from '../domain/model.js';
import { FIRST_HOP_WEIGHT, tieCost, warmth } from './cost.js';
import { labelKey } from './labels.js';

/** People sharing one label (a company, a tag, an interest…), with the label as first written. */
export interface Group {
  readonly label: string;
  readonly members: readonly number[];
}

/** Origins as small integers in `GraphIndex.origin`. */
export const ORIGIN_CODE = { living: 0, doing: 1, unknown: 2 } as const;

/**
 * Everything the graph queries need, built once per network revision (and
 * day, since costs depend on recency). People are numbered 0..n-1 in file
 * order; ties 0..m-1 likewise. Adjacency is CSR: the neighbours of person `u`
 * are `adjNode[adjStart[u] .. adjStart[u+1])`, with the tie of each in
 * `adjTie`. Inverted indexes map a label key (see `labelKey`) to people.
 */
export interface GraphIndex {
  readonly doc: KithFile;
  /** The day costs and warmth were computed for, `YYYY-MM-DD`. */
  readonly today: string;
  readonly n: number;
  readonly me: number;
  readonly ids: readonly PersonId[];
  readonly people: readonly Person[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly ties: readonly Tie[];
  readonly adjStart: Int32Array;
  readonly adjNode: Int32Array;
  readonly adjTie: Int32Array;
  /** Path cost of each tie, first-hop weight included for ties to me. */
  readonly cost: Float64Array;
  /** `ORIGIN_CODE` of each tie. */
  readonly origin: Uint8Array;
  /** Per person: the index of their tie to me, or -1. */
  readonly meTie: Int32Array;
  /** Per person: warmth of their tie to me (0..1), 0 without one. */
  readonly warmth: Float64Array;
  /** Per person: lower-cased name, for search. */
  readonly nameLower: readonly string[];
  /** Per person: label key of the current company, or ''. */
  readonly companyKey: readonly string[];
  /** Company key → people who work or worked there. */
  readonly companies: ReadonlyMap<string, Group>;
  readonly communities: ReadonlyMap<CommunityId, Group>;
  /** Tag key → everyone tagged so. */
  readonly tags: ReadonlyMap<string, Group>;
  /** Contacts (people tied to me) only, warmest first: the introduction indexes. */
  readonly contactInterests: ReadonlyMap<string, Group>;
  readonly contactTags: ReadonlyMap<string, Group>;
  readonly contactNeeds: ReadonlyMap<string, Group>;
  readonly contactOffers: ReadonlyMap<string, Group>;
  readonly contactPositions: ReadonlyMap<string, Group>;
}

type MutableGroups = Map<string, { label: string; members: number[] }>;

function addTo(groups: MutableGroups, label: string, person: number): void {
  const key = labelKey(label);
  if (key === '') return;
  let group = groups.get(key);
  if (!group) {
    group = { label: label.trim(), members: [] };
    groups.set(key, group);
  }
  if (group.members[group.members.length - 1] !== person) group.members.push(person);
}

/**
 * Builds the index in O(n + m) plus sorting the contact indexes by warmth.
 * `today` (`YYYY-MM-DD`) is passed in: shared code never reads the clock.
 */
export function buildGraphIndex(doc: KithFile, today: string): GraphIndex {
  const people = doc.people;
  const n = people.length;
  const indexOf = new Map<string, number>();
  people.forEach((p, i) => indexOf.set(p.id, i));
  const me = indexOf.get(doc.meId) ?? -1;

  const ties = doc.ties;
  const m = ties.length;
  const tieA = new Int32Array(m);
  const tieB = new Int32Array(m);
  const degree = new Int32Array(n + 1);
  const cost = new Float64Array(m);
  const origin = new Uint8Array(m);
  const meTie = new Int32Array(n).fill(-1);
  const warm = new Float64Array(n);
  for (let t = 0; t < m; t++) {
    const tie = ties[t] as Tie;
    const a = indexOf.get(tie.a) ?? -1;
    const b = indexOf.get(tie.b) ?? -1;
    tieA[t] = a;
    tieB[t] = b;
    origin[t] = ORIGIN_CODE[tie.origin];
    if (a < 0 || b < 0 || a === b) continue;
    degree[a] = (degree[a] as number) + 1;
    degree[b] = (degree[b] as number) + 1;
    const base = tieCost(tie, today);
    if (a === me || b === me) {
      cost[t] = base * FIRST_HOP_WEIGHT;
      const other = a === me ? b : a;
      meTie[other] = t;
      warm[other] = warmth(tie, today);
    } else cost[t] = base;
  }
  const adjStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) adjStart[i + 1] = (adjStart[i] as number) + (degree[i] as number);
  const fill = adjStart.slice(0, n);
  const adjNode = new Int32Array(adjStart[n] as number);
  const adjTie = new Int32Array(adjStart[n] as number);
  for (let t = 0; t < m; t++) {
    const a = tieA[t] as number;
    const b = tieB[t] as number;
    if (a < 0 || b < 0 || a === b) continue;
    const ia = fill[a] as number;
    adjNode[ia] = b;
    adjTie[ia] = t;
    fill[a] = ia + 1;
    const ib = fill[b] as number;
    adjNode[ib] = a;
    adjTie[ib] = t;
    fill[b] = ib + 1;
  }

  const companies: MutableGroups = new Map();
  const communities = new Map<CommunityId, { label: string; members: number[] }>();
  for (const c of doc.communities) communities.set(c.id, { label: c.name, members: [] });
  const tags: MutableGroups = new Map();
  const contactInterests: MutableGroups = new Map();
  const contactTags: MutableGroups = new Map();
  const contactNeeds: MutableGroups = new Map();
  const contactOffers: MutableGroups = new Map();
  const contactPositions: MutableGroups = new Map();
  const nameLower: string[] = new Array<string>(n);
  const companyKey: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const p = people[i] as Person;
    nameLower[i] = p.name.toLowerCase();
    companyKey[i] = p.company ? labelKey(p.company) : '';
    if (p.company) addTo(companies, p.company, i);
    for (const role of p.history ?? []) if (role.company) addTo(companies, role.company, i);
    for (const c of p.communities ?? []) {
      const group = communities.get(c);
      if (group && group.members[group.members.length - 1] !== i) group.members.push(i);
    }
    for (const tag of p.tags ?? []) addTo(tags, tag, i);
    if ((meTie[i] as number) < 0) continue;
    for (const x of p.interests ?? []) addTo(contactInterests, x, i);
    for (const x of p.tags ?? []) addTo(contactTags, x, i);
    for (const x of p.needs ?? []) addTo(contactNeeds, x, i);
    for (const x of p.offers ?? []) addTo(contactOffers, x, i);
    if (p.position) addTo(contactPositions, p.position, i);
  }
  const warmestFirst = (x: number, y: number) => (warm[y] as number) - (warm[x] as number) || x - y;
  for (const groups of [contactInterests, contactTags, contactNeeds, contactOffers, contactPositions]) {
    for (const g of groups.values()) g.members.sort(warmestFirst);
  }

  return {
    doc,
    today,
    n,
    me,
    ids: people.map((p) => p.id),
    people,
    indexOf,
    ties,
    adjStart,
    adjNode,
    adjTie,
    cost,
    origin,
    meTie,
    warmth: warm,
    nameLower,
    companyKey,
    companies,
    communities,
    tags,
    contactInterests,
    contactTags,
    contactNeeds,
    contactOffers,
    contactPositions,
  };
}
