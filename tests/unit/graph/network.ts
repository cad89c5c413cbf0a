import type {
  Activity,
  Community,
  CommunityId,
  IntroDecision,
  KithFile,
  Opportunity,
  OpportunityId,
  Origin,
  Person,
  PersonId,
  Tie,
  TieId,
} from '../../../shared/domain/model.js';
import { SCHEMA_VERSION } from '../../../shared/domain/model.js';

type PersonSpec = Omit<Partial<Person>, 'id' | 'communities'> & { communities?: string[] };
type TieSpec = [a: string, b: string, origin: Origin, extra?: Partial<Omit<Tie, 'id' | 'a' | 'b' | 'origin'>> & { activity?: Activity }];

/**
 * A small hand-made network for tests: people by id (the name defaults to the
 * id, capitalised; "me" is the owner), ties as [a, b, origin, extra].
 */
export function network(spec: {
  people: Record<string, PersonSpec>;
  ties: TieSpec[];
  communities?: Record<string, string>;
  opportunities?: Array<Omit<Opportunity, 'id' | 'through' | 'kind'> & { id: string; through?: string; kind?: Opportunity['kind'] }>;
  introDecisions?: Array<{ a: string; b: string; snoozedUntil?: string }>;
}): KithFile {
  const people: Person[] = [{ id: 'me' as PersonId, name: 'Me' }];
  for (const [id, p] of Object.entries(spec.people)) {
    const { communities, ...rest } = p;
    const person: Person = { name: id[0]?.toUpperCase() + id.slice(1), ...rest, id: id as PersonId };
    if (communities) person.communities = communities as CommunityId[];
    if (id === 'me') people[0] = person;
    else people.push(person);
  }
  const ties: Tie[] = spec.ties.map(([a, b, origin, extra], i) => ({
    id: `t${i + 1}` as TieId,
    a: a as PersonId,
    b: b as PersonId,
    origin,
    ...extra,
  }));
  const communities: Community[] = Object.entries(spec.communities ?? {}).map(([id, name]) => ({
    id: id as CommunityId,
    name,
    kind: 'community',
  }));
  const opportunities: Opportunity[] = (spec.opportunities ?? []).map(({ id, through, kind, ...rest }) => ({
    ...rest,
    id: id as OpportunityId,
    kind: kind ?? 'job',
    ...(through ? { through: through as PersonId } : {}),
  }));
  const doc: KithFile = { schemaVersion: SCHEMA_VERSION, meId: 'me' as PersonId, people, ties, communities, opportunities };
  if (spec.introDecisions) doc.introDecisions = spec.introDecisions as IntroDecision[];
  return doc;
}

export const TODAY = '2025-06-15';
