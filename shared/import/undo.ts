import { KithError } from '../api/envelope.js';
import type { ImportUndoResult } from '../api/contract/import.js';
import type { Change, Edit } from '../domain/changes.js';
import type { ImportId, ImportRecord, KithFile, Person, Tie } from '../domain/model.js';
import { sameJson } from './plan.js';

/** What the user adds to a person; an imported person holding any of it is theirs now. */
const USER_PERSON_FIELDS = ['tags', 'interests', 'needs', 'offers', 'communities', 'notes'] as const;

/** A tie the user has classified or annotated since the import. */
export function isTieWorkedOn(t: Tie): boolean {
  return (
    t.origin !== 'unknown' || t.activity !== undefined || t.strength !== undefined || t.notes !== undefined || t.introducedBy !== undefined
  );
}

function isPersonWorkedOn(p: Person): boolean {
  return USER_PERSON_FIELDS.some((k) => p[k] !== undefined);
}

export function listItem(record: ImportRecord): Omit<ImportRecord, 'changed'> & { canUndo: boolean } {
  const { changed: _changed, ...rest } = record;
  return { ...rest, canUndo: record.undone !== true };
}

/**
 * Plans undoing a past import as a whole, as a new edit (so that it can be
 * undone in turn), keeping everything the user did since:
 *
 * 1. Ties the import created are removed unless the user classified or
 *    annotated them since (origin no longer `unknown`, or an activity,
 *    strength, notes or introducer).
 * 2. People the import created are removed unless they carry the user's own
 *    data (notes, tags, interests, needs, offers, communities) or something
 *    still refers to them (a tie that stays, an opportunity, an introduction).
 * 3. Each field the import changed on other people and ties (recorded in the
 *    import record) goes back to its value before the import only if it still
 *    holds the imported value; a field changed again since is left alone.
 * 4. The import record is marked undone; it stays in the list.
 */
export function planUndoImport(doc: KithFile, importId: ImportId): { edit: Edit; result: ImportUndoResult } {
  const record = doc.imports?.find((r) => r.id === importId);
  if (!record) throw new KithError('not-found', `No import with id "${importId}".`);
  if (record.undone) throw new KithError('rejected', `The import of ${record.file} (${record.at.slice(0, 10)}) was already undone.`);
  const changes: Change[] = [];
  const removedTies = new Set<string>();
  let keptTies = 0;
  for (const t of doc.ties) {
    if (t.importId !== importId) continue;
    if (isTieWorkedOn(t)) keptTies += 1;
    else {
      removedTies.add(t.id);
      changes.push({ kind: 'tie', before: t });
    }
  }
  const referenced = new Set<string>();
  for (const t of doc.ties) {
    if (removedTies.has(t.id)) continue;
    referenced.add(t.a).add(t.b);
    if (t.introducedBy) referenced.add(t.introducedBy);
  }
  for (const o of doc.opportunities) if (o.through) referenced.add(o.through);
  const removedPeople = new Set<string>();
  let keptPeople = 0;
  for (const p of doc.people) {
    if (p.importId !== importId || p.id === doc.meId) continue;
    if (referenced.has(p.id) || isPersonWorkedOn(p)) keptPeople += 1;
    else {
      removedPeople.add(p.id);
      changes.push({ kind: 'person', before: p });
    }
  }
  let revertedFields = 0;
  let keptFields = 0;
  const people = new Map(doc.people.map((p) => [p.id as string, p]));
  const ties = new Map(doc.ties.map((t) => [t.id as string, t]));
  for (const entry of record.changed ?? []) {
    const current = entry.kind === 'person' ? people.get(entry.id) : ties.get(entry.id);
    if (!current || removedPeople.has(entry.id) || removedTies.has(entry.id)) continue;
    const next: Record<string, unknown> = { ...current };
    const keys = new Set([...Object.keys(entry.before), ...Object.keys(entry.after)]);
    let touched = false;
    for (const k of keys) {
      if (!sameJson((current as Record<string, unknown>)[k], (entry.after as Record<string, unknown>)[k])) {
        keptFields += 1;
        continue;
      }
      const was = (entry.before as Record<string, unknown>)[k];
      if (was === undefined) delete next[k];
      else next[k] = was;
      revertedFields += 1;
      touched = true;
    }
    if (!touched) continue;
    if (entry.kind === 'person') changes.push({ kind: 'person', before: current as Person, after: next as Person });
    else changes.push({ kind: 'tie', before: current as Tie, after: next as Tie });
  }
  const undone: ImportRecord = { ...record, undone: true };
  changes.push({ kind: 'import', before: record, after: undone });
  return {
    edit: { label: `Undo import of ${record.file}`, changes },
    result: {
      record: listItem(undone),
      removedPeople: removedPeople.size,
      removedTies: removedTies.size,
      revertedFields,
      keptPeople,
      keptTies,
      keptFields,
    },
  };
}
