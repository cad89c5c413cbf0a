import { z } from 'zod';
import { ImportIdSchema, ImportRecordSchema } from '../../domain/model.js';
import { channel } from '../channel.js';
import { MAX_UPLOAD_BYTES } from '../../import/limits.js';

/** Largest upload (the browser fallback sends the file base64-encoded): see shared/import/limits.ts. */
export { MAX_UPLOAD_BYTES };

/** Where the export comes from: a path the backend can read (Electron, CLI), or the bytes themselves (browser fallback, drag-and-drop). */
export const ImportSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.strictObject({
    kind: z.literal('upload'),
    /** The file's name as the user picked it (`Basic_LinkedInDataExport_….zip`, `Connections.csv`). */
    name: z.string().trim().min(1).max(255),
    dataBase64: z
      .string()
      .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4, `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
  }),
]);
export type ImportSource = z.infer<typeof ImportSourceSchema>;

/**
 * The layout generation of a Connections.csv: `current` has the three-line
 * preamble and the URL column, `2022` the preamble without URLs, `2018`
 * neither (and dates like `1/8/18, 6:14 PM`).
 */
export const ERAS = ['current', '2022', '2018'] as const;
export const EraSchema = z.enum(ERAS);
export type Era = z.infer<typeof EraSchema>;

export const TEXT_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const TextEncodingSchema = z.enum(TEXT_ENCODINGS);
export type TextEncoding = z.infer<typeof TextEncodingSchema>;

export const EXPORT_FILE_KINDS = ['connections', 'invitations', 'messages', 'profile'] as const;
export const ExportFileKindSchema = z.enum(EXPORT_FILE_KINDS);
export type ExportFileKind = z.infer<typeof ExportFileKindSchema>;

/** A remark about one place in the export: file, 1-based physical line (absent for a whole file), message. */
export const ImportIssueSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1).optional(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

export const SKIP_KINDS = ['hidden', 'invalid', 'duplicate', 'owner'] as const;
/** A data row of Connections.csv that did not become a person, and why. `invalid` rows are the errors. */
export const SkippedRowSchema = z.object({ line: z.number().int().min(1), kind: z.enum(SKIP_KINDS), reason: z.string() });
export type SkippedRow = z.infer<typeof SkippedRowSchema>;

/** At most this many skipped rows, warnings and changes travel in a report; the counts are always complete. */
export const REPORT_LIST_LIMIT = 500;

export const ImportReportSchema = z.object({
  /** Display name of what was imported (file or folder name). */
  file: z.string(),
  era: EraSchema,
  /** Spreadsheet traces: BOM, CRLF, other date formats or delimiters. */
  isResaved: z.boolean(),
  /** A sentence describing the era for people. */
  eraLabel: z.string(),
  files: z.array(z.object({ name: z.string(), kind: ExportFileKindSchema, encoding: TextEncodingSchema, rows: z.number().int().min(0) })),
  /** Data rows of Connections.csv (blank lines not counted). */
  rows: z.number().int().min(0),
  added: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  skipped: z.number().int().min(0),
  /** Of `skipped`: date-only rows of hidden or closed profiles. */
  hidden: z.number().int().min(0),
  /** Rejected rows (`invalid`), line and reason; the CLI prints these as `errors`. */
  errors: z.array(z.object({ line: z.number().int().min(1), message: z.string() })),
  errorCount: z.number().int().min(0),
  skippedRows: z.array(SkippedRowSchema),
  /** Remarks that did not stop a row or file (Windows-1252 decoding, a date that could not be read). */
  warnings: z.array(ImportIssueSchema),
  /** True when a file was not UTF-8 and was read as Windows-1252: names with accents may be wrong. */
  hasEncodingWarning: z.boolean(),
  /** Some of the people updated, and what changed ("Acme → Beta"). */
  changes: z.array(z.object({ name: z.string(), what: z.string() })),
  ties: z.object({ added: z.number().int().min(0), updated: z.number().int().min(0) }),
  invitations: z.object({ rows: z.number().int().min(0), matched: z.number().int().min(0) }),
  messages: z.object({ rows: z.number().int().min(0), conversations: z.number().int().min(0), people: z.number().int().min(0) }),
  /** Suggested origins of the ties this import adds or updates whose origin is still `unknown`. */
  suggestions: z.object({ living: z.number().int().min(0), doing: z.number().int().min(0), unknown: z.number().int().min(0) }),
  /** Who the export belongs to ("me"), and how that was found. */
  owner: z.object({ name: z.string().optional(), url: z.string().optional(), source: z.string() }).optional(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportPreviewSchema = z.object({
  previewId: z.string(),
  report: ImportReportSchema,
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportListItemSchema = ImportRecordSchema.omit({ changed: true }).extend({
  /** False once undone. */
  canUndo: z.boolean(),
});
export type ImportListItem = z.infer<typeof ImportListItemSchema>;

export const ImportUndoResultSchema = z.object({
  record: ImportListItemSchema,
  removedPeople: z.number().int().min(0),
  removedTies: z.number().int().min(0),
  revertedFields: z.number().int().min(0),
  /** People and ties the import created that were kept because you worked on them since (classified, noted, tagged, linked). */
  keptPeople: z.number().int().min(0),
  keptTies: z.number().int().min(0),
  /** Fields the import changed that were left alone because they changed again since. */
  keptFields: z.number().int().min(0),
});
export type ImportUndoResult = z.infer<typeof ImportUndoResultSchema>;

/** read: the file or folder (and unzip); decode and parse: the CSV files; match: the merge plan; save: the commit. */
export const IMPORT_PHASES = ['read', 'decode', 'parse', 'match', 'save'] as const;
export const ImportPhaseSchema = z.enum(IMPORT_PHASES);
export type ImportPhase = z.infer<typeof ImportPhaseSchema>;

/** LinkedIn export import: preview (nothing written), then commit as one atomic, undoable save. */
export const importChannels = {
  'import:preview': channel(
    'query',
    z.strictObject({ source: ImportSourceSchema }),
    ImportPreviewSchema,
    'Reads a LinkedIn export (ZIP, unpacked folder, or a lone Connections.csv; upload ≤ 64 MB) and reports what an import would do. Writes nothing. A preview lives 30 minutes; at most 4 are kept. Refused (`rejected`) when the input is not a LinkedIn export.',
  ),
  'import:commit': channel(
    'edit',
    z.strictObject({ previewId: z.string().min(1).max(64) }),
    z.object({ record: ImportListItemSchema, report: ImportReportSchema }),
    'Applies a preview as one edit (one save, one undo step). If the network changed since the preview, the merge is planned again against it first; the returned report holds the final counts.',
  ),
  'import:cancel': channel(
    'query',
    z.strictObject({ previewId: z.string().min(1).max(64) }),
    z.object({ cancelled: z.boolean() }),
    'Forgets a preview. Nothing was written.',
  ),
  'import:list': channel('query', z.strictObject({}), z.object({ imports: z.array(ImportListItemSchema) }), 'Past imports, newest first.'),
  'import:undo': channel(
    'edit',
    z.strictObject({ importId: ImportIdSchema }),
    ImportUndoResultSchema,
    'Undoes a past import as a whole, as one new edit: removes the people and ties it created that you have not worked on since, and restores each field it changed that still holds the imported value.',
  ),
} as const;

/** Typed push events of imports. */
export const importEvents = {
  /** Progress of a running preview or commit; `total` 0 when unknown. */
  onImportProgress: z.object({ phase: ImportPhaseSchema, done: z.number().int().min(0), total: z.number().int().min(0) }),
  /** A preview is ready (also when the main process started it, e.g. File > Import), so that the window can show it. */
  onImportPreview: ImportPreviewSchema,
} as const;
