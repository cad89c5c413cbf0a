import type { Origin, Tie } from '../domain/model.js';
import { daysBetween } from './dates.js';

/**
 * The cost of walking a tie in a planned-happenstance path. Lower is better.
 *
 * cost = origin × strength × recency, and × FIRST_HOP_WEIGHT when one end is me.
 * - origin: Living 1, unknown 2, Doing 3, so that with like strength and
 *   recency a Living chain of up to four hops beats a single Doing tie;
 * - strength (1..5, 2 when not recorded): ×1.5 for 1 down to ×1 for 5;
 * - recency (days since `lastInteraction`, else `since`): ×1 today rising
 *   linearly to ×1.5 at three years and beyond; ×1.3 when no date is known.
 * The first hop doubles because it is the one I have to act on myself; since a
 * loopless path from me touches me only once, weighting ties incident to me is
 * exactly weighting the first hop.
 */
export const ORIGIN_COST: Readonly<Record<Origin, number>> = { living: 1, unknown: 2, doing: 3 };
export const FIRST_HOP_WEIGHT = 2;
/** Strength assumed when a tie has none recorded (an acquaintance, slightly known). */
export const DEFAULT_STRENGTH = 2;
const RECENCY_HORIZON_DAYS = 3 * 365;

/** The date that says how fresh a tie is: the last interaction, else when it began. */
export function lastContact(tie: Pick<Tie, 'lastInteraction' | 'since'>): string | undefined {
  return tie.lastInteraction ?? tie.since;
}

export function strengthFactor(strength: number | undefined): number {
  return 1 + (5 - (strength ?? DEFAULT_STRENGTH)) * 0.125;
}

export function recencyFactor(date: string | undefined, today: string): number {
  if (date === undefined) return 1.3;
  const days = Math.min(Math.max(daysBetween(date, today), 0), RECENCY_HORIZON_DAYS);
  return 1 + (0.5 * days) / RECENCY_HORIZON_DAYS;
}

/** Cost of one tie, not yet weighted for being the first hop. Always ≥ 1. */
export function tieCost(tie: Pick<Tie, 'origin' | 'strength' | 'lastInteraction' | 'since'>, today: string): number {
  return ORIGIN_COST[tie.origin] * strengthFactor(tie.strength) * recencyFactor(lastContact(tie), today);
}

/**
 * How warm a tie to me is, 0..1: strength (÷5) × origin (Living 1, unknown
 * 0.75, Doing 0.6) × recency (1 within 90 days, falling to 0.6 at three years;
 * 0.75 without a date).
 */
export function warmth(tie: Pick<Tie, 'origin' | 'strength' | 'lastInteraction' | 'since'>, today: string): number {
  const origin = tie.origin === 'living' ? 1 : tie.origin === 'unknown' ? 0.75 : 0.6;
  const date = lastContact(tie);
  let recency = 0.75;
  if (date !== undefined) {
    const days = Math.max(daysSince(date, today), 0);
    recency = days <= 90 ? 1 : Math.max(0.6, 1 - (0.4 * (days - 90)) / (RECENCY_HORIZON_DAYS - 90));
  }
  return ((tie.strength ?? DEFAULT_STRENGTH) / 5) * origin * recency;
}

let memoToday = '';
let memoTodayMs = 0;

/** `daysBetween(date, today)` with today parsed once: the graph asks for the warmth of 30,000 ties to me on the same day. */
function daysSince(date: string, today: string): number {
  if (today !== memoToday) {
    memoToday = today;
    memoTodayMs = Date.parse(`${today}T00:00:00Z`);
  }
  return Math.round((memoTodayMs - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

/** A word for a strength: distant, light, warm, strong, close. */
export function strengthWord(strength: number | undefined): string | undefined {
  if (strength === undefined) return undefined;
  return (['distant', 'light', 'warm', 'strong', 'close'] as const)[Math.min(Math.max(strength, 1), 5) - 1];
}
