import { z } from 'zod';
import {
  ActivitySchema,
  CommunityIdSchema,
  CommunitySchema,
  COMMUNITY_KINDS,
  IsoDateSchema,
  KithFileSchema,
  OPPORTUNITY_KINDS,
  OpportunityIdSchema,
  OpportunitySchema,
  OriginSchema,
  PersonIdSchema,
  PersonSchema,
  StrengthSchema,
  TieIdSchema,
  TieSchema,
} from '../../domain/model.js';
import { channel } from '../channel.js';
import { MENU_COMMANDS } from '../../ui/actions.js';

const Name = z.string().trim().min(1, 'a name is required').max(200);
const ShortText = (max: number) => z.string().max(max);
const Labels = z.array(z.string().trim().min(1).max(80)).max(100);
/** In a patch, `null` clears a field and an absent key leaves it alone. */
const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const PersonFieldsSchema = z.strictObject({
  name: Name,
  company: ShortText(200).optional(),
  position: ShortText(300).optional(),
  url: ShortText(500).optional(),
  email: ShortText(320).optional(),
  tags: Labels.optional(),
  interests: Labels.optional(),
  needs: Labels.optional(),
  offers: Labels.optional(),
  communities: z.array(CommunityIdSchema).max(500).optional(),
  notes: ShortText(20_000).optional(),
});
export type PersonFields = z.infer<typeof PersonFieldsSchema>;

export const PersonPatchSchema = z.strictObject({
  name: Name.optional(),
  company: clearable(ShortText(200)),
  position: clearable(ShortText(300)),
  url: clearable(ShortText(500)),
  email: clearable(ShortText(320)),
  tags: clearable(Labels),
  interests: clearable(Labels),
  needs: clearable(Labels),
  offers: clearable(Labels),
  communities: clearable(z.array(CommunityIdSchema).max(500)),
  notes: clearable(ShortText(20_000)),
});
export type PersonPatch = z.infer<typeof PersonPatchSchema>;

export const TieFieldsSchema = z.strictObject({
  a: PersonIdSchema,
  b: PersonIdSchema,
  origin: OriginSchema,
  activity: ActivitySchema.optional(),
  strength: StrengthSchema.optional(),
  since: IsoDateSchema.optional(),
  lastInteraction: IsoDateSchema.optional(),
  introducedBy: PersonIdSchema.optional(),
  notes: ShortText(20_000).optional(),
});
export type TieFields = z.infer<typeof TieFieldsSchema>;

export const TiePatchSchema = z.strictObject({
  origin: OriginSchema.optional(),
  activity: clearable(ActivitySchema),
  strength: clearable(StrengthSchema),
  since: clearable(IsoDateSchema),
  lastInteraction: clearable(IsoDateSchema),
  introducedBy: clearable(PersonIdSchema),
  notes: clearable(ShortText(20_000)),
});
export type TiePatch = z.infer<typeof TiePatchSchema>;

export const CommunityFieldsSchema = z.strictObject({
  name: Name,
  kind: z.enum(COMMUNITY_KINDS),
  url: ShortText(500).optional(),
  notes: ShortText(20_000).optional(),
});
export const CommunityPatchSchema = z.strictObject({
  name: Name.optional(),
  kind: z.enum(COMMUNITY_KINDS).optional(),
  url: clearable(ShortText(500)),
  notes: clearable(ShortText(20_000)),
});

export const OpportunityFieldsSchema = z.strictObject({
  title: Name,
  kind: z.enum(OPPORTUNITY_KINDS),
  date: IsoDateSchema.optional(),
  through: PersonIdSchema.optional(),
  company: ShortText(200).optional(),
  community: CommunityIdSchema.optional(),
  notes: ShortText(20_000).optional(),
});
export const OpportunityPatchSchema = z.strictObject({
  title: Name.optional(),
  kind: z.enum(OPPORTUNITY_KINDS).optional(),
  date: clearable(IsoDateSchema),
  through: clearable(PersonIdSchema),
  company: clearable(ShortText(200)),
  community: clearable(CommunityIdSchema),
  notes: clearable(ShortText(20_000)),
});

/** Undo/redo availability, with the labels a menu shows ("Undo Add person"). */
export const HistoryStateSchema = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().optional(),
  redoLabel: z.string().optional(),
});
export type HistoryState = z.infer<typeof HistoryStateSchema>;

export const BackupInfoSchema = z.object({
  name: z.string(),
  savedAt: z.string(),
  people: z.number().int(),
  ties: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

/** A problem with the data file that the user must see and decide on. */
export const FileProblemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('corrupt'),
    message: z.string(),
    /** Valid backups, newest first; restoring one never deletes the corrupt file. */
    backups: z.array(BackupInfoSchema),
  }),
  z.object({ kind: z.literal('external-change'), message: z.string() }),
  z.object({ kind: z.literal('save-failed'), message: z.string() }),
]);
export type FileProblem = z.infer<typeof FileProblemSchema>;

export const FileStatusSchema = z.object({
  path: z.string(),
  /** Increases with every change of the in-memory network. */
  revision: z.number().int(),
  /** True while an edit has not reached the disk yet. */
  isDirty: z.boolean(),
  lastSavedAt: z.string().optional(),
  people: z.number().int(),
  ties: z.number().int(),
  problem: FileProblemSchema.optional(),
  /** Present when the file is open for viewing only (a read-only file or folder): why, in a sentence. Edits are refused. */
  readOnly: z.object({ reason: z.string() }).optional(),
  history: HistoryStateSchema,
});
export type FileStatus = z.infer<typeof FileStatusSchema>;

export const NetworkSchema = z.object({ revision: z.number().int(), file: KithFileSchema });
export type Network = z.infer<typeof NetworkSchema>;

const IdInput = <T extends z.ZodType>(id: T) => z.strictObject({ id });
const Deleted = z.object({ deleted: z.literal(true) });

export const EXPORT_FORMATS = ['json', 'csv', 'graphml', 'gexf'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export const ExportResultSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });

/** Calls every Kith front end needs: the file, the network, edits, history, export. */
export const coreChannels = {
  'file:status': channel(
    'query',
    z.strictObject({}),
    FileStatusSchema,
    'The data file: path, counts, unsaved state, and any problem to resolve.',
  ),
  'file:resolveExternalChange': channel(
    'edit',
    z.strictObject({ choice: z.enum(['reload', 'keep-mine-as-copy']) }),
    z.object({ copyPath: z.string().optional(), status: FileStatusSchema }),
    'After another program changed the data file: reload it (my unsaved edits are kept in a copy first), or keep my version and save the disk version as a copy beside it.',
  ),
  'file:restoreBackup': channel(
    'edit',
    z.strictObject({ name: z.string().min(1).max(200).optional() }),
    FileStatusSchema,
    'Restores the named (default: newest valid) backup. The corrupt file is kept aside as `<name>.corrupt-<time>.json`, never deleted.',
  ),
  'network:get': channel('query', z.strictObject({}), NetworkSchema, 'The whole network as stored, with its revision.'),
  'network:loadExample': channel(
    'edit',
    z.strictObject({}),
    FileStatusSchema,
    'Fills an empty network (only me) with the example network that shows both modes. Refused when the network holds anyone else.',
  ),
  'network:export': channel(
    'query',
    z.strictObject({ format: ExportFormatSchema }),
    ExportResultSchema,
    'The network as JSON (the data file), CSV of people and ties (cells safe from formula injection), GraphML or GEXF (Gephi).',
  ),
  'person:create': channel('edit', PersonFieldsSchema, PersonSchema, 'Adds a person.'),
  'person:update': channel(
    'edit',
    z.strictObject({ id: PersonIdSchema, patch: PersonPatchSchema }),
    PersonSchema,
    'Edits a person; `null` clears a field.',
  ),
  'person:delete': channel(
    'edit',
    IdInput(PersonIdSchema),
    z.object({ deleted: z.literal(true), ties: z.number().int() }),
    'Deletes a person and their ties (undoable). "Me" cannot be deleted.',
  ),
  'tie:create': channel('edit', TieFieldsSchema, TieSchema, 'Connects two different people; one tie per pair.'),
  'tie:update': channel(
    'edit',
    z.strictObject({ id: TieIdSchema, patch: TiePatchSchema }),
    TieSchema,
    'Edits a tie; `null` clears a field.',
  ),
  'tie:delete': channel('edit', IdInput(TieIdSchema), Deleted, 'Deletes a tie (undoable).'),
  'community:create': channel('edit', CommunityFieldsSchema, CommunitySchema, 'Adds a community or organisation.'),
  'community:update': channel(
    'edit',
    z.strictObject({ id: CommunityIdSchema, patch: CommunityPatchSchema }),
    CommunitySchema,
    'Edits a community.',
  ),
  'community:delete': channel('edit', IdInput(CommunityIdSchema), Deleted, 'Deletes a community and removes it from its members.'),
  'opportunity:create': channel(
    'edit',
    OpportunityFieldsSchema,
    OpportunitySchema,
    'Records an opportunity (what came, when, through whom).',
  ),
  'opportunity:update': channel(
    'edit',
    z.strictObject({ id: OpportunityIdSchema, patch: OpportunityPatchSchema }),
    OpportunitySchema,
    'Edits an opportunity.',
  ),
  'opportunity:delete': channel('edit', IdInput(OpportunityIdSchema), Deleted, 'Deletes an opportunity.'),
  'history:undo': channel('edit', z.strictObject({}), HistoryStateSchema, 'Undoes the last edit (an import counts as one edit).'),
  'history:redo': channel('edit', z.strictObject({}), HistoryStateSchema, 'Redoes the last undone edit.'),
} as const;

/** Typed push events from the backend. */
export const coreEvents = {
  onFileStatus: FileStatusSchema,
  onNetworkChanged: z.object({ revision: z.number().int(), cause: z.enum(['edit', 'undo', 'redo', 'reload', 'import', 'restore']) }),
  /** Electron menu commands the page carries out itself: its keyboard actions (undo/redo only when no text field has focus) and its import flow. */
  onMenuCommand: z.object({ command: z.enum(MENU_COMMANDS) }),
} as const;
