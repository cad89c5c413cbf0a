/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `from` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar date `months` months before `date`, clamped to the month's length (`2025-03-31` − 1 → `2025-02-28`). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The calendar date `days` days after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "today", "3 weeks ago", "2 years ago": how long ago `date` was, seen from `today`. */
export function agoInWords(date: string, today: string): string {
  const days = daysBetween(date, today);
  if (days <= 0) return days === 0 ? 'today' : 'in the future';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  if (days < 365) return `${Math.round(days / 30.44)} months ago`;
  const years = Math.round(days / 365.25);
  return years <= 1 ? 'a year ago' : `${years} years ago`;
}
