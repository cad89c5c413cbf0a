import { KithError } from '../../../shared/api/envelope.js';
import type { insightsChannels } from '../../../shared/api/contract/insights.js';
import type { Change } from '../../../shared/domain/changes.js';
import { createTie } from '../../../shared/domain/commands.js';
import type { IntroDecision, KithFile, Person, PersonId } from '../../../shared/domain/model.js';
import { pairKey } from '../../../shared/data/fileFormat.js';
import {
  buildGraphIndex,
  findPaths,
  happenstanceReach,
  introductionDraft,
  opportunityProvenance,
  searchTargets,
  styleStats,
  suggestIntroductions,
  type GraphIndex,
  type HappenstanceReach,
  type ProvenanceResult,
  type StyleStats,
} from '../../../shared/graph/index.js';
import type { Session } from '../session.js';
import type { HandlerContext, HandlerTable } from './types.js';

/** The graph index of one revision of one session's network, with the answers that depend on nothing else. */
interface Cached {
  readonly session: Session;
  readonly revision: number;
  readonly doc: KithFile;
  readonly today: string;
  readonly index: GraphIndex;
  reach?: HappenstanceReach;
  provenance?: ProvenanceResult;
  style?: StyleStats;
}

/**
 * Handlers of the planned-happenstance channels. The graph index is built
 * once per network revision (and day: costs depend on recency) and reused by
 * every query until the next edit. Edits go through `session.apply`, so they
 * are undoable and saved like any other.
 */
export function insightsHandlers({ session }: HandlerContext): HandlerTable<keyof typeof insightsChannels> {
  let cached: Cached | undefined;
  const current = (): Cached => {
    const s = session();
    const doc = s.doc;
    const today = s.ctx.today();
    if (!cached || cached.session !== s || cached.revision !== s.revision || cached.doc !== doc || cached.today !== today) {
      cached = { session: s, revision: s.revision, doc, today, index: buildGraphIndex(doc, today) };
    }
    return cached;
  };
  const person = (doc: KithFile, id: PersonId): Person => {
    const p = doc.people.find((x) => x.id === id);
    if (!p) throw new KithError('not-found', `No person with id "${id}".`);
    return p;
  };
  const checkPair = (doc: KithFile, a: PersonId, b: PersonId): [Person, Person] => {
    const pa = person(doc, a);
    const pb = person(doc, b);
    if (a === doc.meId || b === doc.meId)
      throw new KithError('rejected', 'An introduction connects two other people; you are the one introducing them.');
    return [pa, pb];
  };
  const decide = (a: PersonId, b: PersonId, snoozedUntil: string | undefined, verb: string): IntroDecision => {
    const s = session();
    const doc = s.doc;
    const [pa, pb] = checkPair(doc, a, b);
    const key = pairKey(a, b);
    const before = (doc.introDecisions ?? []).find((d) => pairKey(d.a, d.b) === key);
    const after: IntroDecision = snoozedUntil === undefined ? { a, b } : { a, b, snoozedUntil };
    s.apply({
      label: `${verb} introduction ${pa.name} – ${pb.name}`,
      changes: [{ kind: 'introDecision', ...(before ? { before } : {}), after }],
    });
    return after;
  };

  return {
    'paths:targets': ({ query, limit }) => searchTargets(current().index, query, limit),
    'paths:find': ({ target, k }) => findPaths(current().index, target, k),
    'reach:get': ({ maxHops }) => {
      const c = current();
      if (maxHops === 3) return (c.reach ??= happenstanceReach(c.index, 3));
      return happenstanceReach(c.index, maxHops);
    },
    'provenance:get': () => {
      const c = current();
      return (c.provenance ??= opportunityProvenance(c.index));
    },
    'intros:suggest': ({ limit }) => ({ suggestions: suggestIntroductions(current().index, limit) }),
    'intros:make': ({ a, b }) => {
      const s = session();
      const doc = s.doc;
      const [pa, pb] = checkPair(doc, a, b);
      const { tie, edit } = createTie(
        doc,
        { a, b, origin: 'living', activity: 'connecting-others', introducedBy: doc.meId, since: s.ctx.today() },
        s.ctx,
      );
      const key = pairKey(a, b);
      const decision = (doc.introDecisions ?? []).find((d) => pairKey(d.a, d.b) === key);
      const changes: Change[] = [...edit.changes, ...(decision ? [{ kind: 'introDecision' as const, before: decision }] : [])];
      s.apply({ label: `Introduce ${pa.name} and ${pb.name}`, changes });
      return { tie, draft: introductionDraft(person(doc, doc.meId), pa, pb) };
    },
    'intros:dismiss': ({ a, b }) => decide(a, b, undefined, 'Dismiss'),
    'intros:snooze': ({ a, b, until }) => {
      if (until <= session().ctx.today()) throw new KithError('rejected', `Snooze until a date after today, not ${until}.`);
      return decide(a, b, until, 'Snooze');
    },
    'style:get': () => {
      const c = current();
      return (c.style ??= styleStats(c.doc, c.today));
    },
  };
}
