import type { Evidence, KithFile, Person, Tie, TieId } from '../../../../shared/domain/model';
import { DOING_ACTIVITIES, LIVING_ACTIVITIES, type Activity } from '../../../../shared/domain/vocabulary';
import { suggestOrigin } from '../../../../shared/import/evidence';

export type Suggestion = NonNullable<Evidence['suggested']>;

/** One tie waiting to be sorted. */
export interface TriageItem {
  readonly tieId: TieId;
  readonly person: Person;
  readonly tie: Tie;
  /** Stored with the evidence at import, or worked out from the position alone. */
  readonly suggestion?: Suggestion;
}

/** The suggestion for a tie: the stored one, else one from the person's position (a recruiter). */
export function suggestionFor(tie: Tie, person: Person | undefined): Suggestion | undefined {
  return tie.evidence?.suggested ?? suggestOrigin({ ...(person?.position ? { position: person.position } : {}) });
}

/**
 * The ties to me still `unknown`, in the order that sorts fastest: confident
 * suggestions first (Enter, Enter, …), then ties with any evidence, then the
 * most recent connections.
 */
export function triageQueue(file: KithFile): TriageItem[] {
  const people = new Map(file.people.map((p) => [p.id as string, p]));
  const items: TriageItem[] = [];
  for (const tie of file.ties) {
    if (tie.origin !== 'unknown') continue;
    const otherId = tie.a === file.meId ? tie.b : tie.b === file.meId ? tie.a : undefined;
    const person = otherId ? people.get(otherId) : undefined;
    if (!person) continue;
    const suggestion = suggestionFor(tie, person);
    items.push({ tieId: tie.id, person, tie, ...(suggestion ? { suggestion } : {}) });
  }
  const rank = (i: TriageItem) =>
    i.suggestion && i.suggestion.origin !== 'unknown' ? 2 + i.suggestion.confidence : i.tie.evidence ? 1 : 0;
  return items.sort(
    (x, y) => rank(y) - rank(x) || (y.tie.since ?? '').localeCompare(x.tie.since ?? '') || x.person.name.localeCompare(y.person.name),
  );
}

export type TriageMode = 'choose' | 'living' | 'doing';

/** What a key press asks for. */
export type TriageCommand =
  | { readonly kind: 'decide'; readonly origin: 'living' | 'doing'; readonly activity?: Activity }
  | { readonly kind: 'accept' }
  | { readonly kind: 'mode'; readonly mode: TriageMode }
  | { readonly kind: 'skip' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'close' };

/**
 * The keyboard of triage. L then 1–5 = Living with that activity (L or Enter
 * again: Living alone); D then 1–5 = Doing with that technique; Enter accepts
 * the suggestion; S or → skips; U or Backspace undoes; Esc steps back, then
 * closes.
 */
export function commandForKey(key: string, mode: TriageMode): TriageCommand | undefined {
  const k = key.length === 1 ? key.toLowerCase() : key;
  if (mode !== 'choose') {
    const digit = /^[1-5]$/.test(k) ? Number(k) - 1 : -1;
    const list = mode === 'living' ? LIVING_ACTIVITIES : DOING_ACTIVITIES;
    if (digit >= 0) return { kind: 'decide', origin: mode, activity: list[digit] as Activity };
    if (k === 'Enter' || k === mode[0]) return { kind: 'decide', origin: mode };
    if (k === 'Escape') return { kind: 'mode', mode: 'choose' };
    if (k === 'l') return { kind: 'mode', mode: 'living' };
    if (k === 'd') return { kind: 'mode', mode: 'doing' };
    if (k === 'Backspace' || k === 'u') return { kind: 'undo' };
    return undefined;
  }
  if (k === 'l') return { kind: 'mode', mode: 'living' };
  if (k === 'd') return { kind: 'mode', mode: 'doing' };
  if (k === 'Enter') return { kind: 'accept' };
  if (k === 's' || k === 'ArrowRight') return { kind: 'skip' };
  if (k === 'u' || k === 'Backspace') return { kind: 'undo' };
  if (k === 'Escape') return { kind: 'close' };
  return undefined;
}
