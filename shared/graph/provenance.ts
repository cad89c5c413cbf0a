import {
  ACTIVITY_LABELS,
  DOING_ACTIVITIES,
  LIVING_ACTIVITIES,
  type Activity,
  type Opportunity,
  type OpportunityId,
  type Person,
  type PersonId,
  type Tie,
} from '../domain/model.js';
import type { GraphIndex } from './graphIndex.js';
import { describePath, searcherFor, type Hop } from './paths.js';

/** How the chain to an opportunity was found. */
export type ProvenanceMethod = 'introduced' | 'direct' | 'path' | 'none';
/** The origin of the tie that started the chain; `untraced` when there is no chain. */
export type ProvenanceMode = 'living' | 'doing' | 'unknown' | 'untraced';

export interface OpportunityProvenance {
  readonly opportunity: OpportunityId;
  readonly title: string;
  readonly kind: Opportunity['kind'];
  readonly date?: string;
  readonly through?: PersonId;
  readonly throughName?: string;
  readonly method: ProvenanceMethod;
  readonly mode: ProvenanceMode;
  /** Activity of the tie that started the chain. */
  readonly activity?: Activity;
  /** The chain: ties in the order they led to the opportunity. */
  readonly hops: readonly Hop[];
  readonly explanation: string;
}

export interface ProvenanceSummary {
  readonly total: number;
  readonly living: number;
  readonly doing: number;
  readonly unknown: number;
  readonly untraced: number;
  /** Traced opportunities per activity of the starting tie, most first; ties without an activity are not counted. */
  readonly byActivity: ReadonlyArray<{ readonly activity: Activity; readonly count: number }>;
  /** "3 of your last 4 opportunities came through Living ties". */
  readonly sentence: string;
  /** "Most came through sharing your passion (2)". Absent when no traced opportunity has an activity. */
  readonly activitySentence?: string;
}

export interface ProvenanceResult {
  readonly opportunities: readonly OpportunityProvenance[];
  readonly summary: ProvenanceSummary;
}

/** How many of the most recent opportunities the headline sentence covers. */
export const RECENT_OPPORTUNITIES = 5;
const INTRODUCER_DEPTH = 10;

/**
 * Traces each recorded opportunity back to the tie that started it:
 * 1. introductions first — if my tie to the person who brought it records who
 *    introduced us, the chain is my tie to that introducer (followed back while
 *    those ties record introducers too), then the introduced tie;
 * 2. else my direct tie to that person;
 * 3. else the cheapest planned-happenstance path to them.
 * The opportunity counts as Living, Doing or unknown by the origin of the
 * first tie of its chain.
 */
export function opportunityProvenance(index: GraphIndex): ProvenanceResult {
  const opportunities = index.doc.opportunities.map((o) => traceOne(index, o));
  return { opportunities, summary: summarise(opportunities) };
}

function traceOne(index: GraphIndex, o: Opportunity): OpportunityProvenance {
  const base = {
    opportunity: o.id,
    title: o.title,
    kind: o.kind,
    ...(o.date ? { date: o.date } : {}),
  };
  const p = o.through === undefined ? undefined : index.indexOf.get(o.through);
  if (p === undefined || index.me < 0) {
    return { ...base, method: 'none', mode: 'untraced', hops: [], explanation: 'Nobody is recorded as bringing it.' };
  }
  const person = index.people[p] as Person;
  const who = { through: person.id, throughName: person.name };
  if (p === index.me) {
    return { ...base, ...who, method: 'none', mode: 'untraced', hops: [], explanation: 'You found it yourself.' };
  }
  const direct = index.meTie[p] as number;
  if (direct >= 0) {
    const chain = [direct];
    const introducers: string[] = [];
    const visited = new Set<number>([p]);
    let tie = index.ties[direct] as Tie;
    while (introducers.length < INTRODUCER_DEPTH && tie.introducedBy !== undefined) {
      const x = index.indexOf.get(tie.introducedBy);
      if (x === undefined || x === index.me || visited.has(x)) break;
      visited.add(x);
      introducers.unshift((index.people[x] as Person).name);
      const mine = index.meTie[x] as number;
      if (mine < 0) break;
      chain.unshift(mine);
      tie = index.ties[mine] as Tie;
    }
    const hops = chain.map((t) => {
      const tt = index.ties[t] as Tie;
      const other = index.indexOf.get(tt.a === index.ids[index.me] ? tt.b : tt.a) as number;
      return describePath(index, { nodes: [index.me, other], ties: [t], cost: index.cost[t] as number }).hops[0] as Hop;
    });
    const root = index.ties[chain[0] as number] as Tie;
    const introduced = introducers.length > 0;
    const explanation = introduced
      ? `${introductionChain([...introducers, person.name])}, who brought it.`
      : `${person.name} brought it, through your ${modeWord(root.origin)} tie${root.activity ? ` (${ACTIVITY_LABELS[root.activity].toLowerCase()})` : ''}.`;
    return {
      ...base,
      ...who,
      method: introduced ? 'introduced' : 'direct',
      mode: root.origin,
      ...(root.activity ? { activity: root.activity } : {}),
      hops,
      explanation,
    };
  }
  const [best] = searcherFor(index).kShortest(index.me, [p], 1);
  if (!best) {
    return {
      ...base,
      ...who,
      method: 'none',
      mode: 'untraced',
      hops: [],
      explanation: `${person.name} brought it, but no chain of ties leads from you to them.`,
    };
  }
  const path = describePath(index, best);
  const root = index.ties[best.ties[0] as number] as Tie;
  const via = path.hops
    .slice(0, -1)
    .map((h) => h.toName)
    .join(' → ');
  return {
    ...base,
    ...who,
    method: 'path',
    mode: root.origin,
    ...(root.activity ? { activity: root.activity } : {}),
    hops: path.hops,
    explanation: `${person.name} brought it; you reach them through ${via}.`,
  };
}

/** ["Ana", "Mei", "Tom"] → "Ana introduced you to Mei, who introduced you to Tom". */
function introductionChain(names: readonly string[]): string {
  let text = `${names[0] as string} introduced you to ${names[1] as string}`;
  for (const name of names.slice(2)) text += `, who introduced you to ${name}`;
  return text;
}

function modeWord(origin: Tie['origin']): string {
  return origin === 'living' ? 'Living' : origin === 'doing' ? 'Doing' : 'unclassified';
}

function summarise(list: readonly OpportunityProvenance[]): ProvenanceSummary {
  const counts = { living: 0, doing: 0, unknown: 0, untraced: 0 };
  const perActivity = new Map<Activity, number>();
  for (const o of list) {
    counts[o.mode] += 1;
    if (o.activity) perActivity.set(o.activity, (perActivity.get(o.activity) ?? 0) + 1);
  }
  const order: readonly Activity[] = [...LIVING_ACTIVITIES, ...DOING_ACTIVITIES];
  const byActivity = [...perActivity]
    .map(([activity, count]) => ({ activity, count }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.activity) - order.indexOf(b.activity));
  const recent = list
    .map((o, i) => ({ o, i }))
    .sort((x, y) => (y.o.date ?? '').localeCompare(x.o.date ?? '') || y.i - x.i)
    .slice(0, RECENT_OPPORTUNITIES)
    .map((x) => x.o);
  const top = byActivity[0];
  return {
    total: list.length,
    ...counts,
    byActivity,
    sentence: headline(recent, list.length),
    ...(top ? { activitySentence: activitySentence(byActivity, list.length) } : {}),
  };
}

function activitySentence(byActivity: ReadonlyArray<{ activity: Activity; count: number }>, total: number): string {
  const top = byActivity[0] as { activity: Activity; count: number };
  const tied = byActivity.filter((a) => a.count === top.count);
  const word = (a: Activity) => ACTIVITY_LABELS[a].toLowerCase();
  if (tied.length > 1) {
    const names = tied.map((a) => word(a.activity));
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] as string} brought ${top.count} each.`.replace(/^./, (c) =>
      c.toUpperCase(),
    );
  }
  return `Most came through ${word(top.activity)} (${top.count} of ${total}).`;
}

function headline(recent: readonly OpportunityProvenance[], total: number): string {
  const n = recent.length;
  if (n === 0) return 'No opportunities recorded yet.';
  const living = recent.filter((o) => o.mode === 'living').length;
  const doing = recent.filter((o) => o.mode === 'doing').length;
  const [count, word] = living >= doing ? [living, 'Living'] : [doing, 'Doing'];
  if (n === 1) {
    const only = recent[0] as OpportunityProvenance;
    const how =
      only.mode === 'untraced'
        ? 'is not traced to a tie yet'
        : `came through a ${only.mode === 'unknown' ? 'not yet classified' : modeWord(only.mode)} tie`;
    return `Your ${total > 1 ? 'latest' : 'only'} opportunity ${how}.`;
  }
  const scope = n < total ? `your last ${n}` : `your ${n}`;
  return `${count} of ${scope} opportunities came through ${word} ties.`;
}
