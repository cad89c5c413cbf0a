/**
 * Dates as LinkedIn exports and spreadsheets write them. Every parser checks
 * that the day exists (no 31 April) and returns nothing rather than guess.
 */

/** How a date was written; `d Mon yyyy` is today's LinkedIn, `slash-time` the 2018 export, the rest spreadsheet re-saves. */
export type DateStyle = 'd Mon yyyy' | 'd-Mon-yy' | 'Mon d, yyyy' | 'slash' | 'slash-time' | 'iso' | 'iso-time' | 'dotted';

/** Order of day and month in `1/8/18`: LinkedIn writes month first; a re-save in a European locale writes day first. */
export type SlashOrder = 'mdy' | 'dmy';

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly style: DateStyle;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const D_MON_Y = /^(\d{1,2})([ -])([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})$/;
const MON_D_Y = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:,? +(\d{1,2}):(\d{2})(?::(\d{2}))?(?: *([AaPp])\.?[Mm]\.?)?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?: ?(?:UTC|GMT|Z|[+-]00:?00))?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

function fullYear(y: string): number {
  const n = Number(y);
  // LinkedIn started in 2003: a two-digit year is this century.
  return y.length === 2 ? 2000 + n : n;
}

function valid(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function parts(year: number, month: number, day: number, style: DateStyle, hour = 0, minute = 0, second = 0): DateParts | undefined {
  return valid(year, month, day, hour, minute, second) ? { year, month, day, hour, minute, second, style } : undefined;
}

/** Reads one date or date-time; `order` decides `1/8/18` (month first unless told otherwise). */
export function parseDate(raw: string, order: SlashOrder = 'mdy'): DateParts | undefined {
  const t = raw.trim();
  // Spreadsheets write narrow or no-break spaces before AM/PM.
  const s = /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ') : t;
  if (s === '' || s.length > 40) return undefined;
  let m = D_MON_Y.exec(s);
  if (m) {
    const month = MONTHS[(m[3] as string).toLowerCase()];
    if (month === undefined) return undefined;
    return parts(fullYear(m[4] as string), month, Number(m[1]), m[2] === '-' ? 'd-Mon-yy' : 'd Mon yyyy');
  }
  m = MON_D_Y.exec(s);
  if (m) {
    const month = MONTHS[(m[1] as string).toLowerCase()];
    if (month === undefined) return undefined;
    return parts(Number(m[3]), month, Number(m[2]), 'Mon d, yyyy');
  }
  m = SLASH.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [month, day] = order === 'mdy' ? [a, b] : [b, a];
    let hour = m[4] === undefined ? 0 : Number(m[4]);
    const ampm = m[7]?.toLowerCase();
    if (ampm) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
    }
    return parts(
      fullYear(m[3] as string),
      month,
      day,
      m[4] === undefined ? 'slash' : 'slash-time',
      hour,
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
    );
  }
  m = ISO.exec(s);
  if (m) {
    return parts(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      m[4] === undefined ? 'iso' : 'iso-time',
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
    );
  }
  m = DOTTED.exec(s);
  if (m) return parts(Number(m[3]), Number(m[2]), Number(m[1]), 'dotted');
  return undefined;
}

const SLASH_START = /^\s*(\d{1,2})\/(\d{1,2})\//;

/**
 * Decides the order of a column of slash dates: day first only when some
 * value cannot be month first (`25/1/24`) and none cannot be day first.
 */
export function slashOrderOf(values: Iterable<string>): SlashOrder {
  let monthFirstImpossible = false;
  let dayFirstImpossible = false;
  for (const v of values) {
    if (!v.includes('/')) continue;
    const m = SLASH_START.exec(v);
    if (!m) continue;
    if (Number(m[1]) > 12) monthFirstImpossible = true;
    if (Number(m[2]) > 12) dayFirstImpossible = true;
  }
  return monthFirstImpossible && !dayFirstImpossible ? 'dmy' : 'mdy';
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD`. */
export function isoDate(p: DateParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DDTHH:MM:SSZ` (times without a zone are taken as UTC). */
export function isoTimestamp(p: DateParts): string {
  return `${isoDate(p)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}Z`;
}

/** Milliseconds since the epoch (UTC). */
export function epochMs(p: DateParts): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}
