import { z } from 'zod';
import {
  CommunityIdSchema,
  CommunitySchema,
  ImportIdSchema,
  ImportRecordSchema,
  IntroDecisionSchema,
  KithFileSchema,
  OpportunityIdSchema,
  OpportunitySchema,
  PersonIdSchema,
  PersonSchema,
  TieIdSchema,
  TieSchema,
} from '../../domain/model.js';
import { channel } from '../channel.js';

/** Most positions one save may carry: what the graph draws (groups and expanded people), never the whole 30k network. */
export const MAX_SAVED_POSITIONS = 50_000;

const Coordinate = z.number().finite().min(-1e7).max(1e7);

export const SavePositionsSchema = z.strictObject({
  /** Which picture the positions belong to, e.g. `force/company` (layout / grouping). */
  layout: z.string().trim().min(1).max(40),
  /** Drawn node id (`p:<person>`, `g:<group>`) → [x, y] in model pixels; rounded to integers when stored. */
  positions: z
    .record(z.string().min(1).max(300), z.tuple([Coordinate, Coordinate]))
    .refine((r) => Object.keys(r).length <= MAX_SAVED_POSITIONS, `at most ${MAX_SAVED_POSITIONS} positions`),
});
export type SavePositions = z.infer<typeof SavePositionsSchema>;

/** Entities changed since a revision, as they are now: `upserts` exist (new or edited), `deletes` are gone. */
export const NetworkPatchSchema = z.object({
  kind: z.literal('changes'),
  /** The revision these changes bring the caller to. */
  revision: z.number().int(),
  upserts: z.object({
    people: z.array(PersonSchema),
    ties: z.array(TieSchema),
    communities: z.array(CommunitySchema),
    opportunities: z.array(OpportunitySchema),
    imports: z.array(ImportRecordSchema),
    introDecisions: z.array(IntroDecisionSchema),
  }),
  deletes: z.object({
    people: z.array(PersonIdSchema),
    ties: z.array(TieIdSchema),
    communities: z.array(CommunityIdSchema),
    opportunities: z.array(OpportunityIdSchema),
    imports: z.array(ImportIdSchema),
    introDecisions: z.array(z.object({ a: PersonIdSchema, b: PersonIdSchema })),
  }),
});
export type NetworkPatch = z.infer<typeof NetworkPatchSchema>;

export const NetworkChangesSchema = z.discriminatedUnion('kind', [
  NetworkPatchSchema,
  /** The backend no longer knows what changed since then (too old, file reloaded or restored): here is everything. */
  z.object({ kind: z.literal('full'), revision: z.number().int(), file: KithFileSchema }),
]);
export type NetworkChanges = z.infer<typeof NetworkChangesSchema>;

/** Calls of the graph view: saved positions, and edits since a revision so that a 30k network is not refetched after each one. */
export const viewChannels = {
  'view:savePositions': channel(
    'edit',
    SavePositionsSchema,
    z.object({ saved: z.number().int() }),
    'Stores the drawn positions of a layout in the data file (`view`), so that reopening shows the same picture. Not an undoable edit: no undo step, no network-changed event; saved with the next debounced write. Returns how many positions were stored.',
  ),
  'network:changes': channel(
    'query',
    z.strictObject({ sinceRevision: z.number().int().min(0) }),
    NetworkChangesSchema,
    'What changed since `sinceRevision` (a revision the caller holds): the entities edited, created or deleted, from a bounded log of recent edits. Falls back to the whole network (`kind: "full"`) when the log no longer reaches back that far, after a reload or restore, or for a revision the backend never had.',
  ),
} as const;
