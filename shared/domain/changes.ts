import type { Community, ImportRecord, IntroDecision, KithFile, Opportunity, Person, Tie } from './model.js';
import { pairKey } from '../data/fileFormat.js';

/** The collections of the data file that edits touch, by the kind of entity they hold. */
interface Collections {
  person: Person;
  tie: Tie;
  community: Community;
  opportunity: Opportunity;
  import: ImportRecord;
  introDecision: IntroDecision;
}
export type EntityKind = keyof Collections;

/**
 * One entity's change: `before` absent = created, `after` absent = deleted.
 * An edit is a list of changes, so undo is the same list applied backwards.
 */
export type Change = {
  [K in EntityKind]: { readonly kind: K; readonly before?: Collections[K]; readonly after?: Collections[K] };
}[EntityKind];

/** A user-visible, undoable step ("Add person", "Import Connections.csv"). */
export interface Edit {
  readonly label: string;
  readonly changes: readonly Change[];
}

type ArrayKey = 'people' | 'ties' | 'communities' | 'opportunities' | 'imports' | 'introDecisions';
const FIELD: Readonly<Record<EntityKind, ArrayKey>> = {
  person: 'people',
  tie: 'ties',
  community: 'communities',
  opportunity: 'opportunities',
  import: 'imports',
  introDecision: 'introDecisions',
};

function keyOf(kind: EntityKind, entity: Collections[EntityKind]): string {
  return kind === 'introDecision' ? pairKey((entity as IntroDecision).a, (entity as IntroDecision).b) : (entity as { id: string }).id;
}

/**
 * Applies changes to a document and returns a new one (the input is not
 * modified). Linear in the size of the touched collections plus the number
 * of changes, so a 30,000-row import applies as fast as one edit per row.
 *
 * Per collection: an entity already there is replaced (or removed) in place
 * by the last change to its key; an entity not there is appended where its
 * first change with a value comes, holding the last change's value (removed
 * when that is none). Only the touched keys are held in maps; the collection
 * is read once from the end (to find them) and copied once.
 *
 * The entities it puts in are deep-frozen: a document's entities never change
 * once in it (the saver copies an unchanged entity's bytes by identity), and
 * an edit's values are also its undo history.
 */
export function applyChanges(doc: KithFile, changes: readonly Change[], direction: 'forward' | 'backward'): KithFile {
  const byField = new Map<ArrayKey, Array<{ key: string; value: unknown }>>();
  const n = changes.length;
  for (let j = 0; j < n; j++) {
    const change = changes[direction === 'forward' ? j : n - 1 - j] as Change;
    const from = direction === 'forward' ? change.before : change.after;
    const to = direction === 'forward' ? change.after : change.before;
    const entity = to ?? from;
    if (entity === undefined) continue;
    if (to !== undefined) deepFreeze(to);
    const field = FIELD[change.kind];
    let list = byField.get(field);
    if (!list) byField.set(field, (list = []));
    list.push({ key: keyOf(change.kind, entity), value: to });
  }
  const next: KithFile = { ...doc };
  for (const [field, updates] of byField) {
    const kind = (Object.keys(FIELD) as EntityKind[]).find((k) => FIELD[k] === field) as EntityKind;
    const current = (doc[field] ?? []) as Array<Collections[EntityKind]>;
    (next as Record<ArrayKey, unknown>)[field] = applyToCollection(kind, current, updates);
  }
  return next;
}

function applyToCollection<T extends Collections[EntityKind]>(
  kind: EntityKind,
  current: readonly T[],
  updates: ReadonlyArray<{ key: string; value: unknown }>,
): T[] {
  // The value each touched key ends with.
  const last = new Map<string, unknown>();
  for (const u of updates) last.set(u.key, u.value);
  // Where each touched key already is: its last entity (keys are unique in a valid file).
  const found = new Map<string, number>();
  for (let i = current.length - 1; i >= 0; i--) {
    const entity = current[i];
    if (entity === undefined) continue;
    const key = keyOf(kind, entity);
    if (last.has(key) && !found.has(key)) found.set(key, i);
  }
  const replaced: Array<[number, unknown]> = [];
  for (const [key, i] of found) replaced.push([i, last.get(key)]);
  replaced.sort((a, b) => a[0] - b[0]);
  const result: T[] = [];
  let r = 0;
  for (let i = 0; i < current.length; i++) {
    const entry = replaced[r];
    if (entry !== undefined && entry[0] === i) {
      r += 1;
      if (entry[1] !== undefined) result.push(entry[1] as T);
    } else {
      const entity = current[i];
      if (entity !== undefined) result.push(entity);
    }
  }
  // New entities, in the order of their first change with a value.
  const appended = new Set<string>();
  for (const u of updates) {
    if (u.value === undefined || found.has(u.key) || appended.has(u.key)) continue;
    appended.add(u.key);
    const value = last.get(u.key);
    if (value !== undefined) result.push(value as T);
  }
  return result;
}

/**
 * Freezes `value` and every object and array inside it, and returns it.
 * Mutating a frozen entity then throws in strict mode (every ES module)
 * instead of silently changing history or saved bytes.
 *
 * A value already frozen is taken as deep-frozen and not walked again (Kith
 * freezes data only through this function, children before parents), so
 * freezing what a document already holds costs next to nothing.
 */
export function deepFreeze<T>(value: T): T {
  // Typed arrays cannot be frozen (and are no JSON data).
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return Object.freeze(value);
}
