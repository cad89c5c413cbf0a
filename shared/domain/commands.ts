import { KithError } from '../api/envelope.js';
import type { PersonFields, PersonPatch, TieFields, TiePatch } from '../api/contract/core.js';
import type { z } from 'zod';
import type { CommunityFieldsSchema, CommunityPatchSchema, OpportunityFieldsSchema, OpportunityPatchSchema } from '../api/contract/core.js';
import { pairKey } from '../data/fileFormat.js';
import type { Change, Edit } from './changes.js';
import {
  activityOrigin,
  type Community,
  type CommunityId,
  type KithFile,
  type Opportunity,
  type OpportunityId,
  type Person,
  type PersonId,
  type Tie,
  type TieId,
} from './model.js';

/** Clock and id source, passed in so that commands stay pure and testable. */
export interface CommandContext {
  readonly newId: (prefix: string) => string;
  readonly today: () => string;
}

type CommunityFields = z.infer<typeof CommunityFieldsSchema>;
type CommunityPatch = z.infer<typeof CommunityPatchSchema>;
type OpportunityFields = z.infer<typeof OpportunityFieldsSchema>;
type OpportunityPatch = z.infer<typeof OpportunityPatchSchema>;

/** Copies `patch` onto `base`: `null` removes the key, `undefined` leaves it, empty strings and lists are removed. */
export function applyPatch<T extends object>(base: T, patch: object): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null || isEmpty(value)) delete out[key];
    else out[key] = value;
  }
  return out as T;
}

function isEmpty(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Drops undefined, empty strings and empty lists, so the file stays compact. */
export function withoutEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !isEmpty(v))) as T;
}

function findPerson(doc: KithFile, id: PersonId, what = 'person'): Person {
  const p = doc.people.find((x) => x.id === id);
  if (!p) throw new KithError('not-found', `No ${what} with id "${id}".`);
  return p;
}

function findTie(doc: KithFile, id: TieId): Tie {
  const t = doc.ties.find((x) => x.id === id);
  if (!t) throw new KithError('not-found', `No tie with id "${id}".`);
  return t;
}

function findCommunity(doc: KithFile, id: CommunityId): Community {
  const c = doc.communities.find((x) => x.id === id);
  if (!c) throw new KithError('not-found', `No community with id "${id}".`);
  return c;
}

function findOpportunity(doc: KithFile, id: OpportunityId): Opportunity {
  const o = doc.opportunities.find((x) => x.id === id);
  if (!o) throw new KithError('not-found', `No opportunity with id "${id}".`);
  return o;
}

function checkCommunities(doc: KithFile, ids: readonly CommunityId[] | null | undefined): void {
  for (const id of ids ?? []) findCommunity(doc, id);
}

function checkActivityMatchesOrigin(tie: Pick<Tie, 'origin' | 'activity'>): void {
  if (tie.activity && tie.origin !== 'unknown' && activityOrigin(tie.activity) !== tie.origin) {
    throw new KithError(
      'rejected',
      `The activity "${tie.activity}" is ${activityOrigin(tie.activity)} networking, but the tie's origin is ${tie.origin}.`,
    );
  }
}

export function createPerson(doc: KithFile, input: PersonFields, ctx: CommandContext): { edit: Edit; person: Person } {
  checkCommunities(doc, input.communities);
  const person = withoutEmpty({ ...input, name: input.name.trim(), id: ctx.newId('p') as PersonId }) as Person;
  return { person, edit: { label: `Add ${person.name}`, changes: [{ kind: 'person', after: person }] } };
}

export function updatePerson(doc: KithFile, id: PersonId, patch: PersonPatch): { edit: Edit; person: Person } {
  const before = findPerson(doc, id);
  checkCommunities(doc, patch.communities);
  const person = applyPatch(before, patch);
  return { person, edit: { label: `Edit ${person.name}`, changes: [{ kind: 'person', before, after: person }] } };
}

export function deletePerson(doc: KithFile, id: PersonId): { edit: Edit; ties: number } {
  const before = findPerson(doc, id);
  if (id === doc.meId) throw new KithError('rejected', 'You cannot delete yourself ("me") from your own network.');
  const changes: Change[] = [{ kind: 'person', before }];
  let ties = 0;
  for (const t of doc.ties) {
    if (t.a === id || t.b === id) {
      changes.push({ kind: 'tie', before: t });
      ties += 1;
    } else if (t.introducedBy === id) {
      const { introducedBy: _gone, ...rest } = t;
      changes.push({ kind: 'tie', before: t, after: rest as Tie });
    }
  }
  for (const o of doc.opportunities) {
    if (o.through === id) {
      const { through: _gone, ...rest } = o;
      changes.push({ kind: 'opportunity', before: o, after: rest as Opportunity });
    }
  }
  return { ties, edit: { label: `Delete ${before.name}`, changes } };
}

export function createTie(doc: KithFile, input: TieFields, ctx: CommandContext): { edit: Edit; tie: Tie } {
  if (input.a === input.b) throw new KithError('rejected', 'A tie connects two different people.');
  const a = findPerson(doc, input.a);
  const b = findPerson(doc, input.b);
  if (input.introducedBy) findPerson(doc, input.introducedBy, 'introducer');
  const key = pairKey(input.a, input.b);
  if (doc.ties.some((t) => pairKey(t.a, t.b) === key)) {
    throw new KithError('conflict', `${a.name} and ${b.name} are already connected; edit that tie instead.`);
  }
  checkActivityMatchesOrigin(input);
  const tie = withoutEmpty({ ...input, id: ctx.newId('t') as TieId }) as Tie;
  return { tie, edit: { label: `Connect ${a.name} and ${b.name}`, changes: [{ kind: 'tie', after: tie }] } };
}

export function updateTie(doc: KithFile, id: TieId, patch: TiePatch): { edit: Edit; tie: Tie } {
  const before = findTie(doc, id);
  if (patch.introducedBy) findPerson(doc, patch.introducedBy, 'introducer');
  const tie = applyPatch(before, patch);
  checkActivityMatchesOrigin(tie);
  const names = `${findPerson(doc, tie.a).name} – ${findPerson(doc, tie.b).name}`;
  return { tie, edit: { label: `Edit tie ${names}`, changes: [{ kind: 'tie', before, after: tie }] } };
}

export function deleteTie(doc: KithFile, id: TieId): { edit: Edit } {
  const before = findTie(doc, id);
  const names = `${findPerson(doc, before.a).name} – ${findPerson(doc, before.b).name}`;
  return { edit: { label: `Delete tie ${names}`, changes: [{ kind: 'tie', before }] } };
}

export function createCommunity(_doc: KithFile, input: CommunityFields, ctx: CommandContext): { edit: Edit; community: Community } {
  const community = withoutEmpty({ ...input, name: input.name.trim(), id: ctx.newId('c') as CommunityId }) as Community;
  return { community, edit: { label: `Add ${community.name}`, changes: [{ kind: 'community', after: community }] } };
}

export function updateCommunity(doc: KithFile, id: CommunityId, patch: CommunityPatch): { edit: Edit; community: Community } {
  const before = findCommunity(doc, id);
  const community = applyPatch(before, patch);
  return { community, edit: { label: `Edit ${community.name}`, changes: [{ kind: 'community', before, after: community }] } };
}

export function deleteCommunity(doc: KithFile, id: CommunityId): { edit: Edit } {
  const before = findCommunity(doc, id);
  const changes: Change[] = [{ kind: 'community', before }];
  for (const p of doc.people) {
    if (p.communities?.includes(id)) {
      changes.push({ kind: 'person', before: p, after: applyPatch(p, { communities: p.communities.filter((c) => c !== id) }) });
    }
  }
  for (const o of doc.opportunities) {
    if (o.community === id) changes.push({ kind: 'opportunity', before: o, after: applyPatch(o, { community: null }) });
  }
  return { edit: { label: `Delete ${before.name}`, changes } };
}

export function createOpportunity(doc: KithFile, input: OpportunityFields, ctx: CommandContext): { edit: Edit; opportunity: Opportunity } {
  if (input.through) findPerson(doc, input.through);
  if (input.community) findCommunity(doc, input.community);
  const opportunity = withoutEmpty({ ...input, title: input.title.trim(), id: ctx.newId('o') as OpportunityId }) as Opportunity;
  return { opportunity, edit: { label: `Add ${opportunity.title}`, changes: [{ kind: 'opportunity', after: opportunity }] } };
}

export function updateOpportunity(doc: KithFile, id: OpportunityId, patch: OpportunityPatch): { edit: Edit; opportunity: Opportunity } {
  const before = findOpportunity(doc, id);
  if (patch.through) findPerson(doc, patch.through);
  if (patch.community) findCommunity(doc, patch.community);
  const opportunity = applyPatch(before, patch);
  return { opportunity, edit: { label: `Edit ${opportunity.title}`, changes: [{ kind: 'opportunity', before, after: opportunity }] } };
}

export function deleteOpportunity(doc: KithFile, id: OpportunityId): { edit: Edit } {
  const before = findOpportunity(doc, id);
  return { edit: { label: `Delete ${before.title}`, changes: [{ kind: 'opportunity', before }] } };
}
