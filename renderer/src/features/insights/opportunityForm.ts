import type { CommunityId, KithFile, Opportunity, Person, PersonId } from '../../../../shared/domain/model';
import type { Activity, OpportunityKind, Origin } from '../../../../shared/domain/vocabulary';
import type { CallInput } from '../../api/bridge';

/** What the opportunity form holds: text as typed, ids as picked (`null`/'' for none). */
export interface OpportunityForm {
  readonly title: string;
  readonly kind: OpportunityKind;
  readonly date: string;
  readonly through: PersonId | null;
  readonly company: string;
  readonly community: CommunityId | '';
  readonly notes: string;
}

export type OpportunityFields = CallInput<'opportunity:create'>;
export type OpportunityPatch = CallInput<'opportunity:update'>['patch'];

/** Today as `YYYY-MM-DD` in the user's own time zone (an opportunity came on a day as the user means it). */
export function localToday(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function emptyOpportunityForm(today: string): OpportunityForm {
  return { title: '', kind: 'job', date: today, through: null, company: '', community: '', notes: '' };
}

export function formFromOpportunity(o: Opportunity): OpportunityForm {
  return {
    title: o.title,
    kind: o.kind,
    date: o.date ?? '',
    through: o.through ?? null,
    company: o.company ?? '',
    community: o.community ?? '',
    notes: o.notes ?? '',
  };
}

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Whether text typed into the form (title, company, notes) differs from what it opened with: closing it would lose it. */
export function hasTypedText(before: OpportunityForm, form: OpportunityForm): boolean {
  return form.title.trim() !== before.title.trim() || form.company.trim() !== before.company.trim() || form.notes !== before.notes;
}

/** The first problem that keeps the form from being saved, said for the field it belongs to; null when it can be saved. */
export function checkOpportunityForm(form: OpportunityForm): { readonly field: 'title' | 'date'; readonly message: string } | null {
  if (form.title.trim() === '') return { field: 'title', message: 'Say what the opportunity was.' };
  if (form.title.trim().length > 200) return { field: 'title', message: 'Keep the title under 200 characters.' };
  if (form.date !== '' && !isCalendarDate(form.date)) return { field: 'date', message: 'Enter a real date, or leave it empty.' };
  return null;
}

/** The create call's input: empty fields are left out. */
export function opportunityFields(form: OpportunityForm): OpportunityFields {
  const fields: { -readonly [K in keyof OpportunityFields]: OpportunityFields[K] } = { title: form.title.trim(), kind: form.kind };
  if (form.date) fields.date = form.date;
  if (form.through) fields.through = form.through;
  if (form.company.trim()) fields.company = form.company.trim();
  if (form.community) fields.community = form.community;
  if (form.notes.trim()) fields.notes = form.notes;
  return fields;
}

/** Only what changed, `null` clearing a field; null when nothing changed (no edit to record). */
export function opportunityPatch(before: Opportunity, form: OpportunityForm): OpportunityPatch | null {
  const after = opportunityFields(form);
  const patch: Record<string, unknown> = {};
  if (after.title !== before.title) patch.title = after.title;
  if (after.kind !== before.kind) patch.kind = after.kind;
  for (const key of ['date', 'through', 'company', 'community', 'notes'] as const) {
    const next = after[key];
    if (next !== before[key]) patch[key] = next ?? null;
  }
  return Object.keys(patch).length > 0 ? (patch as OpportunityPatch) : null;
}

/** How the tie to whoever brought an opportunity looks from me: what the provenance will start from. */
export type ThroughSummary =
  | { readonly kind: 'me' }
  | {
      readonly kind: 'direct';
      readonly origin: Origin;
      readonly activity?: Activity;
      /** Who introduced me to them, when my tie records it (provenance then starts from my tie to the introducer). */
      readonly introducedBy?: string;
    }
  | { readonly kind: 'indirect' };

export function throughSummary(file: KithFile, through: PersonId): ThroughSummary {
  if (through === file.meId) return { kind: 'me' };
  const tie = file.ties.find((t) => (t.a === file.meId && t.b === through) || (t.b === file.meId && t.a === through));
  if (!tie) return { kind: 'indirect' };
  const introducer = tie.introducedBy && tie.introducedBy !== file.meId ? file.people.find((p) => p.id === tie.introducedBy) : undefined;
  return {
    kind: 'direct',
    origin: tie.origin,
    ...(tie.activity ? { activity: tie.activity } : {}),
    ...(introducer ? { introducedBy: introducer.name } : {}),
  };
}

/**
 * Companies to offer while typing one: the company of whoever brought the
 * opportunity first, then the companies most people in the network work at.
 * At most `limit`, each once (first spelling wins, case ignored).
 */
export function companySuggestions(people: readonly Person[], through: PersonId | null, limit: number): string[] {
  const counts = new Map<string, { name: string; n: number }>();
  for (const p of people) {
    const name = p.company?.trim();
    if (!name) continue;
    const key = name.toLowerCase();
    const entry = counts.get(key);
    if (entry) entry.n += 1;
    else counts.set(key, { name, n: 1 });
  }
  const first = through ? people.find((p) => p.id === through)?.company?.trim() : undefined;
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name)).map((e) => e.name);
  const out = first ? [first, ...ranked.filter((n) => n.toLowerCase() !== first.toLowerCase())] : ranked;
  return out.slice(0, limit);
}
