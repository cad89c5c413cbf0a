import { z } from 'zod';
import {
  ActivitySchema,
  IsoDateSchema,
  IntroDecisionSchema,
  OPPORTUNITY_KINDS,
  OpportunityIdSchema,
  OriginSchema,
  PersonIdSchema,
  TieIdSchema,
  TieSchema,
} from '../../domain/model.js';
import { channel } from '../channel.js';

/** What a path can lead to; `query` is free text resolved on the backend (exact names first, else the one best partial match). */
export const PATH_TARGET_KINDS = ['person', 'company', 'community', 'tag', 'opportunity'] as const;
export const PathTargetKindSchema = z.enum(PATH_TARGET_KINDS);

export const PathTargetSchema = z.strictObject({
  kind: z.enum([...PATH_TARGET_KINDS, 'query']),
  /** Person id, company name, community id, tag, opportunity id, or query text. */
  value: z.string().trim().min(1, 'say whom or what to find a path to').max(300),
});
export type PathTarget = z.infer<typeof PathTargetSchema>;

export const TargetOptionSchema = z.object({
  kind: PathTargetKindSchema,
  value: z.string(),
  label: z.string(),
  detail: z.string(),
  /** How many people a path may end at. */
  people: z.number().int(),
});
export type TargetOption = z.infer<typeof TargetOptionSchema>;

export const HopSchema = z.object({
  from: PersonIdSchema,
  to: PersonIdSchema,
  fromName: z.string(),
  toName: z.string(),
  tie: TieIdSchema,
  origin: OriginSchema,
  activity: ActivitySchema.optional(),
  strength: z.number().int().optional(),
  since: z.string().optional(),
  lastInteraction: z.string().optional(),
  /** This hop's share of the path cost. */
  cost: z.number(),
  /** "You met Priya at the UX Guild — Living: professional community, strong, last spoke 3 weeks ago". */
  explanation: z.string(),
});
export type Hop = z.infer<typeof HopSchema>;

export const PathSchema = z.object({
  /** Sum of tie costs: Living 1, unknown 2, Doing 3 per tie, × strength and recency factors, the first hop × 2. Lower is better. */
  cost: z.number(),
  /** Me first, the target person last. */
  nodes: z.array(PersonIdSchema).readonly(),
  hops: z.array(HopSchema).readonly(),
  mode: z.enum(['living', 'doing', 'unknown', 'mixed', 'self']),
  summary: z.string(),
});
export type Path = z.infer<typeof PathSchema>;

export const PathsResultSchema = z.object({
  target: z.object({ kind: PathTargetKindSchema, value: z.string(), label: z.string(), people: z.number().int() }),
  /** Cheapest first, all distinct; empty when nothing leads there (see `note`). */
  paths: z.array(PathSchema).readonly(),
  note: z.string().optional(),
});
export type PathsResult = z.infer<typeof PathsResultSchema>;

const ReachSideSchema = z.object({
  /** Cumulative counts within 1, 2, 3 hops. */
  within: z.array(z.number().int()).readonly(),
  /** People first reached at hop 1, 2, 3. */
  byHop: z.array(z.array(PersonIdSchema).readonly()).readonly(),
});
export const ReachSchema = z.object({
  maxHops: z.number().int(),
  total: z.number().int(),
  living: ReachSideSchema,
  doing: ReachSideSchema,
  livingOnly: z.number().int(),
  doingOnly: z.number().int(),
  both: z.number().int(),
});
export type Reach = z.infer<typeof ReachSchema>;

export const OpportunityProvenanceSchema = z.object({
  opportunity: OpportunityIdSchema,
  title: z.string(),
  kind: z.enum(OPPORTUNITY_KINDS),
  date: z.string().optional(),
  through: PersonIdSchema.optional(),
  throughName: z.string().optional(),
  /** `introduced`: my tie to the bringer records an introducer; `direct`: my own tie; `path`: the cheapest path; `none`: no chain. */
  method: z.enum(['introduced', 'direct', 'path', 'none']),
  /** Origin of the tie that started the chain. */
  mode: z.enum(['living', 'doing', 'unknown', 'untraced']),
  activity: ActivitySchema.optional(),
  hops: z.array(HopSchema).readonly(),
  explanation: z.string(),
});
export type OpportunityProvenance = z.infer<typeof OpportunityProvenanceSchema>;

export const ProvenanceSchema = z.object({
  opportunities: z.array(OpportunityProvenanceSchema).readonly(),
  summary: z.object({
    total: z.number().int(),
    living: z.number().int(),
    doing: z.number().int(),
    unknown: z.number().int(),
    untraced: z.number().int(),
    byActivity: z.array(z.object({ activity: ActivitySchema, count: z.number().int() })).readonly(),
    /** "3 of your last 4 opportunities came through Living ties". */
    sentence: z.string(),
    activitySentence: z.string().optional(),
  }),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const IntroSuggestionSchema = z.object({
  a: PersonIdSchema,
  b: PersonIdSchema,
  aName: z.string(),
  bName: z.string(),
  score: z.number(),
  reasons: z.array(z.string()).readonly(),
});
export type IntroSuggestion = z.infer<typeof IntroSuggestionSchema>;

const PairSchema = z
  .strictObject({ a: PersonIdSchema, b: PersonIdSchema })
  .refine((p) => p.a !== p.b, 'an introduction needs two different people');

export const IntroDraftSchema = z.object({
  /** The double opt-in message to the first person. */
  toA: z.string(),
  /** The double opt-in message to the second person. */
  toB: z.string(),
  /** Both messages, ready to copy. */
  text: z.string(),
});
export type IntroDraft = z.infer<typeof IntroDraftSchema>;

const BalanceSchema = z.object({ living: z.number().int(), doing: z.number().int(), unknown: z.number().int(), total: z.number().int() });
export const StyleSchema = z.object({
  today: z.string(),
  windowStart: z.string(),
  all: BalanceSchema,
  mine: BalanceSchema,
  recent: BalanceSchema,
  undated: z.number().int(),
  perActivity: z
    .array(
      z.object({
        activity: ActivitySchema,
        origin: z.enum(['living', 'doing']),
        label: z.string(),
        all: z.number().int(),
        mine: z.number().int(),
      }),
    )
    .readonly(),
  unknownLeft: z.number().int(),
  withoutActivity: z.number().int(),
  strongest: z
    .object({
      activity: ActivitySchema,
      origin: z.enum(['living', 'doing']),
      label: z.string(),
      ties: z.number().int(),
      basis: z.enum(['mine', 'all']),
    })
    .optional(),
  style: z.enum(['living', 'doing', 'balanced', 'unclassified']),
  headline: z.string(),
});
export type Style = z.infer<typeof StyleSchema>;

/**
 * Planned happenstance and introductions. All queries run on the backend over
 * a graph index built once per network revision; edits (make, dismiss,
 * snooze) are undoable like any other.
 */
export const insightsChannels = {
  'paths:targets': channel(
    'query',
    z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
    z.array(TargetOptionSchema).readonly(),
    'Targets whose name contains the query — people, companies (current or past), communities, tags, opportunities — best match first. An empty query lists nothing.',
  ),
  'paths:find': channel(
    'query',
    z.strictObject({ target: PathTargetSchema, k: z.number().int().min(1).max(10).default(3) }),
    PathsResultSchema,
    'The top k distinct planned-happenstance paths from me to the target (k-shortest loopless), each hop explained. A query or id that matches nothing is `not-found`; an ambiguous query is `conflict`.',
  ),
  'reach:get': channel(
    'query',
    z.strictObject({ maxHops: z.number().int().min(1).max(3).default(3) }),
    ReachSchema,
    'Whom I reach within 1..maxHops hops through Living ties alone against Doing ties alone, with the people at each hop for the overlay.',
  ),
  'provenance:get': channel(
    'query',
    z.strictObject({}),
    ProvenanceSchema,
    'Each recorded opportunity traced to the tie that started it (introductions first, else my tie to whoever brought it, else the best path to them), with a summary by mode and activity.',
  ),
  'intros:suggest': channel(
    'query',
    z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }),
    z.object({ suggestions: z.array(IntroSuggestionSchema).readonly() }),
    'Pairs of my contacts who are not tied and should meet, best first, with reasons. Dismissed pairs and pairs snoozed past today are left out.',
  ),
  'intros:make': channel(
    'edit',
    PairSchema,
    z.object({ tie: TieSchema, draft: IntroDraftSchema }),
    'Records the introduction as a Living tie between a and b (activity: connecting others, introduced by me, since today) and returns a double opt-in message draft. `conflict` when they are already tied.',
  ),
  'intros:dismiss': channel('edit', PairSchema, IntroDecisionSchema, 'Never suggest this pair again (undoable).'),
  'intros:snooze': channel(
    'edit',
    z
      .strictObject({ a: PersonIdSchema, b: PersonIdSchema, until: IsoDateSchema })
      .refine((p) => p.a !== p.b, 'an introduction needs two different people'),
    IntroDecisionSchema,
    'Hide this pair until the given date (YYYY-MM-DD), when it may be suggested again (undoable).',
  ),
  'style:get': channel(
    'query',
    z.strictObject({}),
    StyleSchema,
    'My networking style: Living/Doing balance of all ties, of my ties and of ties formed in the last 12 months; ties per activity; what is left to classify; the activity I am strongest at.',
  ),
} as const;
