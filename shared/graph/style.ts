import {
  ACTIVITY_LABELS,
  activityOrigin,
  DOING_ACTIVITIES,
  LIVING_ACTIVITIES,
  type Activity,
  type KithFile,
  type Tie,
} from '../domain/model.js';
import { DEFAULT_STRENGTH } from './cost.js';
import { monthsBefore } from './dates.js';

export interface Balance {
  readonly living: number;
  readonly doing: number;
  readonly unknown: number;
  readonly total: number;
}

export interface ActivityCount {
  readonly activity: Activity;
  readonly origin: 'living' | 'doing';
  readonly label: string;
  /** Ties of the whole network formed this way. */
  readonly all: number;
  /** My own ties (to me) formed this way. */
  readonly mine: number;
}

export interface StyleStats {
  readonly today: string;
  /** Start of the last-12-months window (inclusive). */
  readonly windowStart: string;
  /** Every tie in the network. */
  readonly all: Balance;
  /** Ties to me: my own networking. */
  readonly mine: Balance;
  /** Ties formed (`since`) in the last 12 months. */
  readonly recent: Balance;
  /** Ties with no `since` date, which the 12-month figures cannot place. */
  readonly undated: number;
  /** Every activity, Living first, in the article's order. */
  readonly perActivity: readonly ActivityCount[];
  /** Ties still of unknown origin: the work left to classify. */
  readonly unknownLeft: number;
  /** Living or Doing ties that name no activity. */
  readonly withoutActivity: number;
  /** The activity I am strongest at: most strength summed over my ties (over all ties when mine name none). */
  readonly strongest?: {
    readonly activity: Activity;
    readonly origin: 'living' | 'doing';
    readonly label: string;
    readonly ties: number;
    readonly basis: 'mine' | 'all';
  };
  readonly style: 'living' | 'doing' | 'balanced' | 'unclassified';
  /** "You are mostly a Living networker (9 of your 12 classified ties). You are strongest at sharing your passion: start from there." */
  readonly headline: string;
}

function balanceOf(ties: Iterable<Tie>): Balance {
  const b = { living: 0, doing: 0, unknown: 0, total: 0 };
  for (const t of ties) {
    b[t.origin] += 1;
    b.total += 1;
  }
  return b;
}

/**
 * "Your style": the Living/Doing balance of the network, of my own ties and
 * of ties formed in the 12 months before `today` (passed in, `YYYY-MM-DD`),
 * ties per activity, what is left to classify, and the activity I am
 * strongest at — the article's "start from the style you are already good at".
 */
export function styleStats(doc: KithFile, today: string): StyleStats {
  const windowStart = monthsBefore(today, 12);
  const mineList = doc.ties.filter((t) => t.a === doc.meId || t.b === doc.meId);
  const recentList = doc.ties.filter((t) => t.since !== undefined && t.since >= windowStart && t.since <= today);
  const all = balanceOf(doc.ties);
  const mine = balanceOf(mineList);
  const perAll = new Map<Activity, number>();
  const perMine = new Map<Activity, { count: number; strength: number }>();
  let withoutActivity = 0;
  for (const t of doc.ties) {
    if (t.activity) perAll.set(t.activity, (perAll.get(t.activity) ?? 0) + 1);
    else if (t.origin !== 'unknown') withoutActivity += 1;
  }
  for (const t of mineList) {
    if (!t.activity) continue;
    const x = perMine.get(t.activity) ?? { count: 0, strength: 0 };
    x.count += 1;
    x.strength += t.strength ?? DEFAULT_STRENGTH;
    perMine.set(t.activity, x);
  }
  const perActivity: ActivityCount[] = [...LIVING_ACTIVITIES, ...DOING_ACTIVITIES].map((activity) => ({
    activity,
    origin: activityOrigin(activity),
    label: ACTIVITY_LABELS[activity],
    all: perAll.get(activity) ?? 0,
    mine: perMine.get(activity)?.count ?? 0,
  }));
  const strongest = strongestActivity(perActivity, perMine);
  const basis = mine.living + mine.doing > 0 ? mine : all;
  const classified = basis.living + basis.doing;
  const share = classified === 0 ? 0 : basis.living / classified;
  const style = classified === 0 ? 'unclassified' : share >= 0.6 ? 'living' : share <= 0.4 ? 'doing' : 'balanced';
  const yours = basis === mine ? 'your' : 'the network’s';
  const first =
    style === 'unclassified'
      ? 'No tie is classified as Living or Doing yet: classify a few to see your style.'
      : style === 'balanced'
        ? `You network in both modes (${basis.living} Living, ${basis.doing} Doing of ${yours} ${classified} classified ties).`
        : `You are mostly a ${style === 'living' ? 'Living' : 'Doing'} networker (${style === 'living' ? basis.living : basis.doing} of ${yours} ${classified} classified ties).`;
  const second = strongest ? ` You are strongest at ${strongest.label.toLowerCase()}: start from there.` : '';
  return {
    today,
    windowStart,
    all,
    mine,
    recent: balanceOf(recentList),
    undated: doc.ties.filter((t) => t.since === undefined).length,
    perActivity,
    unknownLeft: all.unknown,
    withoutActivity,
    ...(strongest ? { strongest } : {}),
    style,
    headline: first + second,
  };
}

function strongestActivity(
  perActivity: readonly ActivityCount[],
  perMine: ReadonlyMap<Activity, { count: number; strength: number }>,
): StyleStats['strongest'] {
  let best: { a: ActivityCount; weight: number; ties: number; basis: 'mine' | 'all' } | undefined;
  const useMine = perMine.size > 0;
  for (const a of perActivity) {
    const weight = useMine ? (perMine.get(a.activity)?.strength ?? 0) : a.all;
    const ties = useMine ? a.mine : a.all;
    // Strict ">" keeps the article's order (Living first) on a draw.
    if (weight > 0 && (!best || weight > best.weight)) best = { a, weight, ties, basis: useMine ? 'mine' : 'all' };
  }
  return best ? { activity: best.a.activity, origin: best.a.origin, label: best.a.label, ties: best.ties, basis: best.basis } : undefined;
}
