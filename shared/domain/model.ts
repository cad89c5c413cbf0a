import { z } from 'zod';
import {
  ACTIVITY_LABELS,
  activityOrigin,
  COMMUNITY_KINDS,
  DOING_ACTIVITIES,
  LIVING_ACTIVITIES,
  OPPORTUNITY_KINDS,
  ORIGINS,
} from './vocabulary.js';

/** The plain vocabulary lives in vocabulary.ts (no zod, for the renderer); re-exported so that existing imports keep working. */
export { ACTIVITY_LABELS, activityOrigin, COMMUNITY_KINDS, DOING_ACTIVITIES, LIVING_ACTIVITIES, OPPORTUNITY_KINDS, ORIGINS };

/**
 * Kith's domain: people, the ties between them, communities and opportunities.
 * Everything here is plain data (no methods, no Dates) so that it serialises
 * to the data file as is. Optional fields are omitted when empty to keep a
 * 30,000-person file compact.
 */

/** Branded ids: mixing a person id with a tie id is a type error. */
export const PersonIdSchema = z.string().min(1).max(64).brand<'PersonId'>();
export type PersonId = z.infer<typeof PersonIdSchema>;
export const TieIdSchema = z.string().min(1).max(64).brand<'TieId'>();
export type TieId = z.infer<typeof TieIdSchema>;
export const CommunityIdSchema = z.string().min(1).max(64).brand<'CommunityId'>();
export type CommunityId = z.infer<typeof CommunityIdSchema>;
export const OpportunityIdSchema = z.string().min(1).max(64).brand<'OpportunityId'>();
export type OpportunityId = z.infer<typeof OpportunityIdSchema>;
export const ImportIdSchema = z.string().min(1).max(64).brand<'ImportId'>();
export type ImportId = z.infer<typeof ImportIdSchema>;

/** How a tie was formed; `unknown` is the honest default for imported ties. */
export const OriginSchema = z.enum(ORIGINS);
export type Origin = z.infer<typeof OriginSchema>;

/** A Living activity or a Doing technique. */
export const ActivitySchema = z.enum([...LIVING_ACTIVITIES, ...DOING_ACTIVITIES]);
export type Activity = z.infer<typeof ActivitySchema>;
export type { DoingActivity, LivingActivity } from './vocabulary.js';

/** Calendar date `YYYY-MM-DD` (no time zone: a day as the user means it). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a real calendar date',
  );

/** Instant as an ISO-8601 UTC timestamp. */
export const TimestampSchema = z.iso.datetime();

const Text = (max: number) => z.string().max(max);
const Name = z.string().trim().min(1, 'a name is required').max(200);
/** A short list of free-text labels (tags, interests, needs, offers). */
const Labels = z.array(z.string().trim().min(1).max(80)).max(100);

/** A past job, kept when an import finds a person moved on ("used to work at"). */
export const PastRoleSchema = z.object({
  company: Text(200).optional(),
  position: Text(300).optional(),
  /** The date the change was noticed (import date). */
  until: IsoDateSchema.optional(),
});
export type PastRole = z.infer<typeof PastRoleSchema>;

export const PersonSchema = z.object({
  id: PersonIdSchema,
  name: Name,
  company: Text(200).optional(),
  position: Text(300).optional(),
  /** Normalised LinkedIn profile URL, the import's identity key. */
  url: Text(500).optional(),
  email: Text(320).optional(),
  /** LinkedIn "Connected On". */
  connectedOn: IsoDateSchema.optional(),
  tags: Labels.optional(),
  interests: Labels.optional(),
  /** What this person is looking for. */
  needs: Labels.optional(),
  /** What this person can help with. */
  offers: Labels.optional(),
  communities: z.array(CommunityIdSchema).max(500).optional(),
  history: z.array(PastRoleSchema).max(100).optional(),
  notes: Text(20_000).optional(),
  /** Import that created this person (so that the import can be undone). */
  importId: ImportIdSchema.optional(),
});
export type Person = z.infer<typeof PersonSchema>;

/** Evidence behind a suggested origin, as aggregates (never message bodies). */
export const EvidenceSchema = z.object({
  invitation: z
    .object({
      direction: z.enum(['incoming', 'outgoing']),
      sentAt: TimestampSchema.optional(),
      hasMessage: z.boolean(),
    })
    .optional(),
  messages: z
    .object({
      sent: z.number().int().min(0),
      received: z.number().int().min(0),
      firstFrom: z.enum(['me', 'them']).optional(),
      first: TimestampSchema.optional(),
      last: TimestampSchema.optional(),
    })
    .optional(),
  suggested: z
    .object({
      origin: OriginSchema,
      /** 0..1 */
      confidence: z.number().min(0).max(1),
      reasons: z.array(Text(300)).max(20),
      /** The activity the evidence points to, if any (triage offers it with the origin). */
      activity: ActivitySchema.optional(),
    })
    .optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Strength of a tie: 1 (acquaintance) to 5 (close). */
export const StrengthSchema = z.number().int().min(1).max(5);

/** A relationship between two people. Undirected: `a` and `b` carry no meaning of direction. */
export const TieSchema = z.object({
  id: TieIdSchema,
  a: PersonIdSchema,
  b: PersonIdSchema,
  origin: OriginSchema,
  activity: ActivitySchema.optional(),
  strength: StrengthSchema.optional(),
  since: IsoDateSchema.optional(),
  lastInteraction: IsoDateSchema.optional(),
  /** The person who introduced a and b (me, for introductions I made). */
  introducedBy: PersonIdSchema.optional(),
  notes: Text(20_000).optional(),
  evidence: EvidenceSchema.optional(),
  importId: ImportIdSchema.optional(),
});
export type Tie = z.infer<typeof TieSchema>;

export const CommunitySchema = z.object({
  id: CommunityIdSchema,
  name: Name,
  kind: z.enum(COMMUNITY_KINDS),
  url: Text(500).optional(),
  notes: Text(20_000).optional(),
});
export type Community = z.infer<typeof CommunitySchema>;

export const OpportunitySchema = z.object({
  id: OpportunityIdSchema,
  title: Name,
  kind: z.enum(OPPORTUNITY_KINDS),
  /** When it came. */
  date: IsoDateSchema.optional(),
  /** The person who brought it. */
  through: PersonIdSchema.optional(),
  company: Text(200).optional(),
  community: CommunityIdSchema.optional(),
  notes: Text(20_000).optional(),
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

export const ImportRecordSchema = z.object({
  id: ImportIdSchema,
  at: TimestampSchema,
  file: Text(1000),
  era: Text(40),
  added: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  skipped: z.number().int().min(0),
  undone: z.boolean().optional(),
  /**
   * The fields this import changed on people and ties it did not create, as
   * before/after of just those fields (a key absent = the field was absent), so
   * that the import can be undone as a whole later, even after a restart.
   */
  changed: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('person'), id: PersonIdSchema, before: PersonSchema.partial(), after: PersonSchema.partial() }),
        z.object({ kind: z.literal('tie'), id: TieIdSchema, before: TieSchema.partial(), after: TieSchema.partial() }),
      ]),
    )
    .optional(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;

/** An introduction suggestion the user dismissed or snoozed; the pair is unordered. */
export const IntroDecisionSchema = z.object({
  a: PersonIdSchema,
  b: PersonIdSchema,
  /** Dismissed for good when absent; hidden until this date when present. */
  snoozedUntil: IsoDateSchema.optional(),
});
export type IntroDecision = z.infer<typeof IntroDecisionSchema>;

/** Saved node positions of a layout, so that reopening shows the same picture. */
export const ViewStateSchema = z.object({
  layout: Text(40).optional(),
  /** id -> [x, y], rounded to integers to keep the file compact. */
  positions: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
});

export const SCHEMA_VERSION = 1;

/** The whole data file (current version). */
export const KithFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  meId: PersonIdSchema,
  people: z.array(PersonSchema),
  ties: z.array(TieSchema),
  communities: z.array(CommunitySchema),
  opportunities: z.array(OpportunitySchema),
  imports: z.array(ImportRecordSchema).optional(),
  introDecisions: z.array(IntroDecisionSchema).optional(),
  view: ViewStateSchema.optional(),
});
export type KithFile = z.infer<typeof KithFileSchema>;
