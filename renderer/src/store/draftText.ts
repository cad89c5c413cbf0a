import type { KithFile, Person, Tie } from '../../../shared/domain/model';
import { formatList } from './lists';
import type { Selection } from './selection';

/** Text typed into a field that has not reached the backend (or was refused): never dropped silently. */
export interface Draft {
  readonly value: string;
  readonly saving?: boolean;
  readonly error?: string;
}

export const PERSON_TEXT_FIELDS = ['name', 'company', 'position', 'notes'] as const;
export const PERSON_LIST_FIELDS = ['tags', 'interests', 'needs', 'offers'] as const;
export type PersonField = (typeof PERSON_TEXT_FIELDS)[number] | (typeof PERSON_LIST_FIELDS)[number];
export const PERSON_FIELDS: readonly PersonField[] = ['name', 'company', 'position', 'tags', 'interests', 'needs', 'offers', 'notes'];
export const TIE_TEXT_FIELDS = ['notes', 'since', 'lastInteraction'] as const;
export type TieTextField = (typeof TIE_TEXT_FIELDS)[number];

export type DraftKind = 'person' | 'tie' | 'community';

/** `kind|field|id`: ids may hold any character, so they go last. */
export const draftKey = (kind: DraftKind, id: string, field: string): string => `${kind}|${field}|${id}`;

export function parseDraftKey(key: string): { kind: string; field: string; id: string } {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  return { kind: key.slice(0, first), field: key.slice(first + 1, second), id: key.slice(second + 1) };
}

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function personFieldText(person: Person, field: PersonField): string {
  if (isOneOf(PERSON_LIST_FIELDS, field)) return formatList(person[field]);
  return person[field] ?? '';
}

export function tieFieldText(tie: Tie, field: TieTextField): string {
  return tie[field] ?? '';
}

/** What the file holds for a draft's field, whose field it is, and how to show it; undefined when the entity or field is gone. */
export function storedText(file: KithFile, key: string): { text: string; whose: string; selection: Selection } | undefined {
  const { kind, field, id } = parseDraftKey(key);
  if (kind === 'person') {
    const person = file.people.find((p) => p.id === id);
    if (!person || !isOneOf(PERSON_FIELDS, field)) return undefined;
    return { text: personFieldText(person, field), whose: person.name, selection: { kind: 'person', id: person.id } };
  }
  if (kind === 'tie') {
    const tie = file.ties.find((t) => t.id === id);
    if (!tie || !isOneOf(TIE_TEXT_FIELDS, field)) return undefined;
    const name = (pid: string) => file.people.find((p) => p.id === pid)?.name ?? '?';
    return {
      text: tieFieldText(tie, field),
      whose: `the tie ${name(tie.a)} – ${name(tie.b)}`,
      selection: { kind: 'tie', id: tie.id },
    };
  }
  if (kind === 'community' && field === 'name') {
    const community = file.communities.find((c) => c.id === id);
    return community ? { text: community.name, whose: `the community ${community.name}`, selection: null } : undefined;
  }
  return undefined;
}

/** Drafts of entities that no longer exist are dropped; a draft that failed stays until the user acts. */
export function pruneDrafts(drafts: ReadonlyMap<string, Draft>, file: KithFile): ReadonlyMap<string, Draft> {
  if (drafts.size === 0) return drafts;
  const ids: Record<string, ReadonlySet<string>> = {
    person: new Set<string>(file.people.map((p) => p.id)),
    tie: new Set<string>(file.ties.map((t) => t.id)),
    community: new Set<string>(file.communities.map((c) => c.id)),
  };
  let changed = false;
  const out = new Map<string, Draft>();
  for (const [key, draft] of drafts) {
    const { kind, id } = parseDraftKey(key);
    const alive = ids[kind]?.has(id) ?? false;
    if (alive || draft.error) out.set(key, draft);
    else changed = true;
  }
  return changed ? out : drafts;
}
