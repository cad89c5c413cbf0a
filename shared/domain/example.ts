import type {
  Activity,
  Community,
  CommunityId,
  KithFile,
  Opportunity,
  OpportunityId,
  Origin,
  Person,
  PersonId,
  Tie,
  TieId,
} from './model.js';
import { SCHEMA_VERSION } from './model.js';

type P = Omit<Person, 'id' | 'communities'> & { key: string; communities?: string[] };

const COMMUNITIES: ReadonlyArray<Community> = [
  { id: 'c-uxguild' as CommunityId, name: 'UX Guild', kind: 'community' },
  { id: 'c-careerpros' as CommunityId, name: 'Career Practitioners Network', kind: 'community' },
  { id: 'c-climbing' as CommunityId, name: 'Bouldering club', kind: 'community' },
  { id: 'c-northwind' as CommunityId, name: 'Northwind Labs', kind: 'organisation' },
];

const PEOPLE: readonly P[] = [
  {
    key: 'priya',
    name: 'Priya Raman',
    company: 'Northwind Labs',
    position: 'Design Lead',
    interests: ['service design', 'accessibility'],
    offers: ['design critique'],
    communities: ['c-uxguild', 'c-northwind'],
  },
  {
    key: 'tom',
    name: 'Tom Okafor',
    company: 'Helix Health',
    position: 'Product Manager',
    interests: ['health tech', 'bouldering'],
    needs: ['UX researcher'],
    communities: ['c-climbing'],
  },
  {
    key: 'mei',
    name: 'Mei Chen',
    company: 'Freelance',
    position: 'UX Researcher',
    interests: ['accessibility', 'health tech'],
    offers: ['user research'],
    needs: ['contract work'],
    communities: ['c-uxguild'],
  },
  { key: 'sam', name: 'Sam Alvarez', company: 'Greenfield Recruiting', position: 'Tech Recruiter', tags: ['recruiter'] },
  {
    key: 'lena',
    name: 'Lena Fischer',
    company: 'York University',
    position: 'Career Consultant',
    interests: ['career development', 'networking'],
    offers: ['career coaching'],
    communities: ['c-careerpros'],
  },
  {
    key: 'omar',
    name: 'Omar Haddad',
    company: 'Northwind Labs',
    position: 'Engineering Manager',
    interests: ['distributed systems'],
    communities: ['c-northwind'],
  },
  {
    key: 'ana',
    name: 'Ana Costa',
    company: 'Open Data Coop',
    position: 'Data Journalist',
    interests: ['open data', 'accessibility'],
    offers: ['data storytelling'],
    needs: ['service design'],
  },
  { key: 'jules', name: 'Jules Martin', company: 'Brightside Events', position: 'Event Organiser', tags: ['events'] },
  { key: 'ravi', name: 'Ravi Patel', company: 'Helix Health', position: 'CTO', interests: ['health tech'], needs: ['design lead'] },
  { key: 'kate', name: 'Kate Byrne', company: 'Acme Corp', position: 'Hiring Manager', tags: ['hiring'] },
  {
    key: 'noah',
    name: 'Noah Kim',
    company: 'Career Practitioners Network',
    position: 'Community Lead',
    interests: ['networking', 'career development'],
    communities: ['c-careerpros'],
  },
  {
    key: 'zoe',
    name: 'Zoë Laurent',
    company: 'Studio Hue',
    position: 'Illustrator',
    interests: ['bouldering', 'accessibility'],
    offers: ['illustration'],
    communities: ['c-climbing'],
  },
];

type T = [string, string, Origin, Activity | undefined, number, string, string?];
const TIES: readonly T[] = [
  ['me', 'priya', 'living', 'professional-community', 5, '2019-05-14', 'We run the UX Guild reading group together.'],
  ['me', 'tom', 'living', 'sharing-passion', 4, '2021-03-02', 'Climbing partner; talks health tech on the wall.'],
  ['me', 'mei', 'living', 'curiosity-conversation', 4, '2022-09-20'],
  ['me', 'sam', 'doing', 'recruiter', 2, '2024-01-08'],
  ['me', 'lena', 'living', 'sharing-information', 3, '2020-11-11', 'Sends me articles on career theory.'],
  ['me', 'jules', 'doing', 'event', 2, '2023-06-15'],
  ['me', 'kate', 'doing', 'cold-outreach', 1, '2025-02-03'],
  ['me', 'noah', 'unknown', undefined, 2, '2024-08-30'],
  ['me', 'ana', 'living', 'connecting-others', 3, '2023-04-01'],
  ['priya', 'omar', 'living', 'professional-community', 4, '2018-02-01'],
  ['tom', 'ravi', 'doing', 'job-search-meeting', 3, '2022-01-10'],
  ['lena', 'noah', 'living', 'professional-community', 4, '2017-09-09'],
  ['jules', 'kate', 'doing', 'event', 2, '2023-06-15'],
  ['tom', 'zoe', 'living', 'sharing-passion', 4, '2021-07-21'],
  ['sam', 'omar', 'doing', 'recruiter', 2, '2023-10-10'],
  ['mei', 'ana', 'living', 'sharing-information', 3, '2023-05-05'],
];

/**
 * The example network offered on first run: a dozen people, both modes of
 * networking, communities and two recorded opportunities, so that every view
 * has something to show. `meName` names the owner.
 */
export function exampleNetwork(meName: string, meId: PersonId): KithFile {
  const id = (key: string) => (key === 'me' ? meId : (`ex-${key}` as PersonId));
  const people: Person[] = [
    {
      id: meId,
      name: meName,
      interests: ['service design', 'career development', 'bouldering'],
      offers: ['introductions'],
      communities: ['c-uxguild' as CommunityId, 'c-climbing' as CommunityId],
    },
    ...PEOPLE.map(({ key, communities, ...rest }) => ({
      ...rest,
      id: id(key),
      ...(communities ? { communities: communities as CommunityId[] } : {}),
    })),
  ];
  const ties: Tie[] = TIES.map(([a, b, origin, activity, strength, since, notes], i) => {
    const tie: Tie = { id: `ex-t${i + 1}` as TieId, a: id(b), b: id(a), origin, strength, since };
    if (activity) tie.activity = activity;
    if (notes) tie.notes = notes;
    if (a === 'me' && b === 'ana') tie.introducedBy = id('mei');
    return tie;
  });
  const opportunities: Opportunity[] = [
    {
      id: 'ex-o1' as OpportunityId,
      title: 'Design sprint for Helix Health',
      kind: 'project',
      date: '2024-05-20',
      through: id('tom'),
      company: 'Helix Health',
    },
    {
      id: 'ex-o2' as OpportunityId,
      title: 'Interview at Acme Corp',
      kind: 'job',
      date: '2025-03-01',
      through: id('kate'),
      company: 'Acme Corp',
    },
    {
      id: 'ex-o3' as OpportunityId,
      title: 'Talk at the Career Practitioners Network',
      kind: 'speaking',
      date: '2025-09-12',
      through: id('lena'),
      community: 'c-careerpros' as CommunityId,
    },
  ];
  return { schemaVersion: SCHEMA_VERSION, meId, people, ties, communities: [...COMMUNITIES], opportunities };
}
