import { ACTIVITY_LABELS, type Activity, type Person, type Tie } from '../domain/model.js';
import { strengthWord } from './cost.js';
import { agoInWords } from './dates.js';
import type { GraphIndex } from './graphIndex.js';
import { labelKey } from './labels.js';

const ORIGIN_WORD = { living: 'Living', doing: 'Doing', unknown: 'Origin unknown' } as const;

/** What two people have in common that a sentence can name. */
function commonGround(index: GraphIndex, a: Person, b: Person): { community?: string; company?: string; interest?: string } {
  const out: { community?: string; company?: string; interest?: string } = {};
  const bCommunities = new Set(b.communities ?? []);
  const shared = (a.communities ?? []).find((c) => bCommunities.has(c));
  if (shared) {
    const label = index.communities.get(shared)?.label;
    if (label) out.community = label;
  }
  const companiesOf = (p: Person) => [p.company, ...(p.history ?? []).map((h) => h.company)].filter((c): c is string => !!c);
  const bCompanies = new Set(companiesOf(b).map(labelKey));
  const company = companiesOf(a).find((c) => bCompanies.has(labelKey(c)));
  if (company) out.company = company;
  const bInterests = new Set((b.interests ?? []).map(labelKey));
  const interest = (a.interests ?? []).find((x) => bInterests.has(labelKey(x)));
  if (interest) out.interest = interest;
  return out;
}

/**
 * One hop in words: "You met Priya at the UX Guild — Living: professional
 * community, strong, last spoke 3 weeks ago". `names` gives the short name to
 * use for each person in this path ("You" for me is handled here).
 */
export function explainHop(index: GraphIndex, from: number, to: number, t: number, names: (i: number) => string): string {
  const tie = index.ties[t] as Tie;
  const isYou = from === index.me;
  const S = isYou ? 'You' : names(from);
  const O = to === index.me ? 'you' : names(to);
  const ground = commonGround(index, index.people[from] as Person, index.people[to] as Person);
  const s = (you: string, other: string) => (isYou ? you : other);
  const introducer = tie.introducedBy !== undefined ? index.indexOf.get(tie.introducedBy) : undefined;
  const introducerName = introducer === undefined ? undefined : introducer === index.me ? 'You' : names(introducer);
  let sentence: string;
  switch (tie.activity) {
    case 'professional-community':
      sentence = ground.community
        ? `${S} met ${O} at ${ground.community}`
        : ground.company
          ? `${S} met ${O} through ${ground.company}`
          : `${S} met ${O} in a professional community`;
      break;
    case 'curiosity-conversation':
      sentence = `${S} had a curiosity conversation with ${O}`;
      break;
    case 'sharing-information':
      sentence = `${S} and ${O} share information${ground.interest ? ` on ${ground.interest}` : ''}`;
      break;
    case 'sharing-passion':
      sentence = `${S} and ${O} share a passion${ground.interest ? ` for ${ground.interest}` : ''}`;
      break;
    case 'connecting-others':
      sentence = introducerName
        ? `${introducerName} introduced ${isYou ? 'you' : S} to ${O}`
        : `${S} ${s('were', 'was')} introduced to ${O}`;
      break;
    case 'cold-outreach':
      sentence = `${S} reached out cold to ${O}`;
      break;
    case 'event':
      sentence = `${S} met ${O} at an event`;
      break;
    case 'selling-yourself':
      sentence = `${S} met ${O} while pitching`;
      break;
    case 'job-search-meeting':
      sentence = `${S} had a job-search meeting with ${O}`;
      break;
    case 'recruiter':
      sentence = `${S} ${s('are', 'is')} in touch with ${O} through recruiting`;
      break;
    case undefined:
      sentence = introducerName
        ? `${introducerName} introduced ${isYou ? 'you' : S} to ${O}`
        : ground.company
          ? `${S} ${s('know', 'knows')} ${O} from ${ground.company}`
          : ground.community
            ? `${S} ${s('know', 'knows')} ${O} from ${ground.community}`
            : `${S} ${s('know', 'knows')} ${O}`;
      break;
  }
  return `${sentence} — ${tieDetails(tie, index.today)}`;
}

/** "Living: professional community, strong, last spoke 3 weeks ago". */
export function tieDetails(tie: Tie, today: string): string {
  const parts: string[] = [];
  if (tie.activity) parts.push(activityWords(tie.activity));
  else if (tie.origin === 'unknown') parts.push('not yet classified');
  const strength = strengthWord(tie.strength);
  if (strength) parts.push(strength);
  if (tie.lastInteraction) parts.push(`last spoke ${agoInWords(tie.lastInteraction, today)}`);
  else if (tie.since) parts.push(`since ${tie.since.slice(0, 4)}`);
  return parts.length ? `${ORIGIN_WORD[tie.origin]}: ${parts.join(', ')}` : ORIGIN_WORD[tie.origin];
}

/** An activity's label as it reads inside a sentence ("professional community"). */
export function activityWords(activity: Activity): string {
  return ACTIVITY_LABELS[activity].toLowerCase();
}
