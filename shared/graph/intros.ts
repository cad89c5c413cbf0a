import type { IntroDecision, Person, PersonId, Tie } from '../domain/model.js';
import { strengthWord } from './cost.js';
import type { Group, GraphIndex } from './graphIndex.js';
import { firstName, labelKey, listInWords } from './labels.js';

export interface IntroSuggestion {
  readonly a: PersonId;
  readonly b: PersonId;
  readonly aName: string;
  readonly bName: string;
  /** Higher is better; comparable within one answer only. */
  readonly score: number;
  /** Why, in sentences, strongest first. */
  readonly reasons: readonly string[];
}

/**
 * Caps on each inverted-index list (warmest contacts first) when forming
 * candidate pairs: a label shared by 1,500 contacts yields at most
 * C(60, 2) = 1,770 pairs instead of a million. The work is bounded by
 * labels × cap², never people².
 */
export const INTRO_CAPS = { interest: 60, tag: 40, needer: 60, provider: 60, interestProvider: 30 } as const;

/** Points for a need met by an offer or a position, and by an interest. */
const NEED_MET = 3;
const NEED_NEAR = 1.5;

/** Whether a dismissed or snoozed pair is hidden on `today`. */
export function isHidden(decision: IntroDecision | undefined, today: string): boolean {
  return decision !== undefined && (decision.snoozedUntil === undefined || decision.snoozedUntil > today);
}

/** Growable columns of pair accumulators (typed arrays keep 100k+ candidates off the GC). */
class PairTable {
  lo = new Int32Array(1 << 14);
  hi = new Int32Array(1 << 14);
  need1 = new Float32Array(1 << 14);
  need2 = new Float32Array(1 << 14);
  interests = new Uint8Array(1 << 14);
  tags = new Uint8Array(1 << 14);
  size = 0;
  private readonly slots = new Map<number, number>();

  constructor(private readonly n: number) {}

  slot(x: number, y: number): number {
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    const key = lo * this.n + hi;
    let s = this.slots.get(key);
    if (s === undefined) {
      if (this.size === this.lo.length) this.grow();
      s = this.size++;
      this.lo[s] = lo;
      this.hi[s] = hi;
      this.slots.set(key, s);
    }
    return s;
  }

  addNeed(s: number, points: number): void {
    if (points > (this.need1[s] as number)) {
      this.need2[s] = this.need1[s] as number;
      this.need1[s] = points;
    } else if (points > (this.need2[s] as number)) this.need2[s] = points;
  }

  private grow(): void {
    const twice = <T extends Int32Array | Float32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.lo = twice(this.lo);
    this.hi = twice(this.hi);
    this.need1 = twice(this.need1);
    this.need2 = twice(this.need2);
    this.interests = twice(this.interests);
    this.tags = twice(this.tags);
  }
}

/**
 * Pairs of my contacts who are not tied to each other and should meet,
 * best first. Candidates come only from the contact indexes (interest, tag,
 * need → offer/position/interest) with `INTRO_CAPS`, never from all pairs.
 *
 * Score: a need met by an offer or a position 3 (by an interest 1.5; two
 * matches at most), shared interests 1 each (three at most), shared tags 0.5
 * each (two at most), different circles +1 (different company, no shared
 * community, no mutual contact besides me; +0.5 for a different company
 * alone), the same company −1, mutual contacts −0.5 each (up to four), and
 * warmth to me 2 × √(warmth a × warmth b). Dismissed pairs never appear;
 * snoozed ones reappear on their `snoozedUntil` date.
 */
export function suggestIntroductions(index: GraphIndex, limit: number): IntroSuggestion[] {
  if (index.me < 0 || limit < 1) return [];
  const n = index.n;
  const table = new PairTable(n);
  const eachPair = (group: Group, cap: number, column: Uint8Array) => {
    const m = Math.min(group.members.length, cap);
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const s = table.slot(group.members[i] as number, group.members[j] as number);
        column[s] = (column[s] as number) + 1;
      }
    }
  };
  for (const group of index.contactInterests.values()) eachPair(group, INTRO_CAPS.interest, table.interests);
  for (const group of index.contactTags.values()) eachPair(group, INTRO_CAPS.tag, table.tags);
  // A provider counts once per (needer, need), with its best way of meeting it.
  const counted = new Uint32Array(n);
  let stamp = 0;
  for (const [key, needers] of index.contactNeeds) {
    const sources: Array<[number, number, Group | undefined]> = [
      [NEED_MET, INTRO_CAPS.provider, index.contactOffers.get(key)],
      [NEED_MET, INTRO_CAPS.provider, index.contactPositions.get(key)],
      [NEED_NEAR, INTRO_CAPS.interestProvider, index.contactInterests.get(key)],
    ];
    const nNeeders = Math.min(needers.members.length, INTRO_CAPS.needer);
    for (let i = 0; i < nNeeders; i++) {
      const needer = needers.members[i] as number;
      stamp += 1;
      for (const [points, cap, providers] of sources) {
        if (!providers) continue;
        const m = Math.min(providers.members.length, cap);
        for (let j = 0; j < m; j++) {
          const provider = providers.members[j] as number;
          if (provider === needer || counted[provider] === stamp) continue;
          counted[provider] = stamp;
          table.addNeed(table.slot(needer, provider), points);
        }
      }
    }
  }

  const hidden = new Set<number>();
  for (const d of index.doc.introDecisions ?? []) {
    const a = index.indexOf.get(d.a);
    const b = index.indexOf.get(d.b);
    if (a !== undefined && b !== undefined && isHidden(d, index.today)) hidden.add(a < b ? a * n + b : b * n + a);
  }
  const mark = new Uint32Array(n);
  const scores = new Float64Array(table.size).fill(Number.NEGATIVE_INFINITY);
  const { adjStart, adjNode, me, warmth, companyKey, people } = index;
  for (let s = 0; s < table.size; s++) {
    const lo = table.lo[s] as number;
    const hi = table.hi[s] as number;
    if (hidden.size > 0 && hidden.has(lo * n + hi)) continue;
    const gen = s + 1;
    for (let e = adjStart[lo] as number; e < (adjStart[lo + 1] as number); e++) mark[adjNode[e] as number] = gen;
    if (mark[hi] === gen) continue;
    let mutual = 0;
    for (let e = adjStart[hi] as number; e < (adjStart[hi + 1] as number); e++) {
      const v = adjNode[e] as number;
      if (v !== me && mark[v] === gen) mutual += 1;
    }
    let score = (table.need1[s] as number) + (table.need2[s] as number);
    score += Math.min(table.interests[s] as number, 3) + 0.5 * Math.min(table.tags[s] as number, 2);
    const ca = companyKey[lo] as string;
    const cb = companyKey[hi] as string;
    if (ca !== '' && ca === cb) score -= 1;
    else if (ca !== '' && cb !== '') score += mutual === 0 && !shareCommunity(people[lo] as Person, people[hi] as Person) ? 1 : 0.5;
    score -= 0.5 * Math.min(mutual, 4);
    score += 2 * Math.sqrt((warmth[lo] as number) * (warmth[hi] as number));
    if (score > 0) scores[s] = score;
  }

  const top = topSlots(scores, limit);
  const nameOf = (i: number) => (people[i] as Person).name;
  top.sort(
    (x, y) =>
      (scores[y] as number) - (scores[x] as number) ||
      nameOf(table.lo[x] as number).localeCompare(nameOf(table.lo[y] as number)) ||
      nameOf(table.hi[x] as number).localeCompare(nameOf(table.hi[y] as number)),
  );
  return top.slice(0, limit).map((s) => {
    const lo = table.lo[s] as number;
    const hi = table.hi[s] as number;
    return {
      a: index.ids[lo] as PersonId,
      b: index.ids[hi] as PersonId,
      aName: nameOf(lo),
      bName: nameOf(hi),
      score: Math.round((scores[s] as number) * 100) / 100,
      reasons: reasonsFor(index, lo, hi),
    };
  });
}

/** Slots whose score is at least the `limit`-th best (ties at the threshold included). */
function topSlots(scores: Float64Array, limit: number): number[] {
  const sorted = scores.slice().sort();
  const threshold = sorted.length >= limit ? (sorted[sorted.length - limit] as number) : Number.NEGATIVE_INFINITY;
  const out: number[] = [];
  for (let s = 0; s < scores.length; s++)
    if ((scores[s] as number) >= threshold && (scores[s] as number) > Number.NEGATIVE_INFINITY) out.push(s);
  return out;
}

function shareCommunity(a: Person, b: Person): boolean {
  const ca = a.communities;
  const cb = b.communities;
  if (!ca || !cb) return false;
  for (const x of ca) if (cb.includes(x)) return true;
  return false;
}

function mutualContacts(index: GraphIndex, a: number, b: number): number {
  const around = new Set<number>();
  for (let e = index.adjStart[a] as number; e < (index.adjStart[a + 1] as number); e++) around.add(index.adjNode[e] as number);
  let mutual = 0;
  for (let e = index.adjStart[b] as number; e < (index.adjStart[b + 1] as number); e++) {
    const v = index.adjNode[e] as number;
    if (v !== index.me && around.has(v)) mutual += 1;
  }
  return mutual;
}

/** The reasons for one pair, in words, recomputed from the two people (only for the pairs shown). */
function reasonsFor(index: GraphIndex, lo: number, hi: number): string[] {
  const pa = index.people[lo] as Person;
  const pb = index.people[hi] as Person;
  const name = (p: Person) => firstName(p.name);
  const reasons: string[] = [];
  const needReasons: Array<[number, string]> = [];
  for (const [needer, other] of [
    [pa, pb],
    [pb, pa],
  ] as const) {
    for (const need of needer.needs ?? []) {
      const key = labelKey(need);
      const offer = other.offers?.find((o) => labelKey(o) === key);
      if (offer) needReasons.push([NEED_MET, `${name(needer)} is looking for ${need}; ${name(other)} offers ${offer}.`]);
      else if (other.position && labelKey(other.position) === key) {
        needReasons.push([
          NEED_MET,
          `${name(needer)} is looking for ${need}; ${name(other)} is ${article(other.position)} ${other.position}.`,
        ]);
      } else {
        const interest = other.interests?.find((x) => labelKey(x) === key);
        if (interest) needReasons.push([NEED_NEAR, `${name(needer)} is looking for ${need}; ${name(other)} is into ${interest}.`]);
      }
    }
  }
  reasons.push(
    ...needReasons
      .sort((x, y) => y[0] - x[0])
      .slice(0, 2)
      .map(([, text]) => text),
  );
  const shared = (xs: readonly string[] | undefined, ys: readonly string[] | undefined) => {
    const keys = new Set((ys ?? []).map(labelKey));
    return (xs ?? []).filter((x) => keys.has(labelKey(x)));
  };
  const interests = shared(pa.interests, pb.interests);
  if (interests.length) reasons.push(`Both are interested in ${listInWords(interests.slice(0, 3))}.`);
  const tags = shared(pa.tags, pb.tags);
  if (tags.length) reasons.push(`Both are tagged ${listInWords(tags.slice(0, 2).map((t) => `“${t}”`))}.`);
  const ca = index.companyKey[lo] as string;
  const cb = index.companyKey[hi] as string;
  const sharedCommunity = shareCommunity(pa, pb);
  if (ca !== cb && !sharedCommunity) {
    const where = pa.company && pb.company ? ` (${pa.company} and ${pb.company})` : '';
    reasons.push(
      mutualContacts(index, lo, hi) === 0
        ? `Different circles${where}: no community or contact in common besides you.`
        : `Different circles${where}: no community in common.`,
    );
  }
  const wa = index.warmth[lo] as number;
  const wb = index.warmth[hi] as number;
  if (Math.min(wa, wb) >= 0.35)
    reasons.push(`Both are warm to you: ${name(pa)} (${tieWords(index, lo)}) and ${name(pb)} (${tieWords(index, hi)}).`);
  return reasons;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(uni|use|ux|eu|one)/i.test(word) ? 'an' : 'a';
}

function tieWords(index: GraphIndex, person: number): string {
  const tie = index.ties[index.meTie[person] as number] as Tie;
  const strength = strengthWord(tie.strength);
  const origin = tie.origin === 'living' ? 'Living tie' : tie.origin === 'doing' ? 'Doing tie' : 'tie of unknown origin';
  return strength ? `${strength} ${origin}` : origin;
}

/** The double opt-in messages for introducing `a` and `b`: one to each, asking first. */
export interface IntroductionDraft {
  readonly toA: string;
  readonly toB: string;
  readonly text: string;
}

/**
 * Drafts the double opt-in: I ask each person separately whether they would
 * like to meet the other, naming what they have in common, before connecting
 * them. Plain text, ready to copy.
 */
export function introductionDraft(me: Person, a: Person, b: Person): IntroductionDraft {
  const toA = optInMessage(me, a, b);
  const toB = optInMessage(me, b, a);
  return { toA, toB, text: `To ${a.name}:\n\n${toA}\n\n---\n\nTo ${b.name}:\n\n${toB}\n` };
}

function optInMessage(me: Person, to: Person, other: Person): string {
  const about = [other.position, other.company].filter(Boolean).join(', ');
  const why: string[] = [];
  const theirNeed = matchNeed(other, to);
  const myNeed = matchNeed(to, other);
  if (myNeed) why.push(`You mentioned you are looking for ${myNeed.need}, and ${firstName(other.name)} ${myNeed.what}.`);
  if (theirNeed) why.push(`${firstName(other.name)} is looking for ${theirNeed.need}, and I thought of you.`);
  const keys = new Set((other.interests ?? []).map(labelKey));
  const common = (to.interests ?? []).filter((x) => keys.has(labelKey(x)));
  if (common.length) why.push(`You both care about ${listInWords(common.slice(0, 3))}.`);
  return [
    `Hi ${firstName(to.name)},`,
    '',
    `I'd like to introduce you to ${other.name}${about ? ` (${about})` : ''}.${why.length ? ` ${why.join(' ')}` : ''}`,
    '',
    `Would you be happy for me to connect you? If you both say yes, I'll send one short email introducing you to each other. No pressure either way.`,
    '',
    'Best,',
    firstName(me.name),
  ].join('\n');
}

function matchNeed(needer: Person, other: Person): { need: string; what: string } | undefined {
  for (const need of needer.needs ?? []) {
    const key = labelKey(need);
    const offer = other.offers?.find((o) => labelKey(o) === key);
    if (offer) return { need, what: `offers ${offer}` };
    if (other.position && labelKey(other.position) === key) return { need, what: `is ${article(other.position)} ${other.position}` };
    const interest = other.interests?.find((x) => labelKey(x) === key);
    if (interest) return { need, what: `is into ${interest}` };
  }
  return undefined;
}
