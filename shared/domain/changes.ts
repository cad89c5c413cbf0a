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
 */
export function applyChanges(doc: KithFile, changes: readonly Change[], direction: 'forward' | 'backward'): KithFile {
  const ordered = direction === 'forward' ? changes : [...changes].reverse();
  const byField = new Map<ArrayKey, Array<{ key: string; value: unknown }>>();
  for (const change of ordered) {
    const from = direction === 'forward' ? change.before : change.after;
    const to = direction === 'forward' ? change.after : change.before;
    const entity = to ?? from;
    if (entity === undefined) continue;
    const field = FIELD[change.kind];
    const list = byField.get(field) ?? [];
    list.push({ key: keyOf(change.kind, entity), value: to });
    byField.set(field, list);
  }
  const next: KithFile = { ...doc };
  for (const [field, updates] of byField) {
    const kind = (Object.keys(FIELD) as EntityKind[]).find((k) => FIELD[k] === field) as EntityKind;
    const current = (doc[field] ?? []) as Array<Collections[EntityKind]>;
    const position = new Map<string, number>();
    current.forEach((e, i) => position.set(keyOf(kind, e), i));
    const result: Array<Collections[EntityKind] | undefined> = [...current];
    for (const { key, value } of updates) {
      const at = position.get(key);
      if (at === undefined) {
        if (value !== undefined) {
          position.set(key, result.length);
          result.push(value as Collections[EntityKind]);
        }
      } else {
        result[at] = value as Collections[EntityKind] | undefined;
      }
    }
    (next as Record<ArrayKey, unknown>)[field] = result.filter((e) => e !== undefined);
  }
  return next;
}
