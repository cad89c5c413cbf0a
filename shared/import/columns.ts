import type { ExportFileKind } from '../api/contract/import.js';
import { previewCsv } from './csv.js';

/** A column name as compared: BOM, case, spaces, underscores and punctuation ignored (`Connected On` = `connected_on`). */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

interface FileSpec {
  /** Field -> accepted column keys. */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Fields the header must have for the file to be recognised. */
  readonly required: readonly string[];
  /** At least one of these must be present too (when given). */
  readonly anyOf?: readonly string[];
  /** How people call the file. */
  readonly label: string;
  /** The required columns as LinkedIn writes them, for messages. */
  readonly requiredLabel: string;
}

export const SPECS: Readonly<Record<ExportFileKind, FileSpec>> = {
  connections: {
    label: 'Connections.csv',
    requiredLabel: 'First Name, Last Name, Connected On',
    fields: {
      firstName: ['firstname'],
      lastName: ['lastname'],
      url: ['url', 'profileurl', 'linkedinurl', 'publicprofileurl'],
      email: ['emailaddress', 'email'],
      company: ['company'],
      position: ['position', 'title', 'jobtitle'],
      connectedOn: ['connectedon'],
    },
    required: ['firstName', 'lastName', 'connectedOn'],
  },
  invitations: {
    label: 'Invitations.csv',
    requiredLabel: 'From, To, Sent At, Direction',
    fields: {
      from: ['from'],
      to: ['to'],
      sentAt: ['sentat'],
      message: ['message'],
      direction: ['direction'],
      inviterUrl: ['inviterprofileurl'],
      inviteeUrl: ['inviteeprofileurl'],
    },
    required: ['from', 'to', 'sentAt', 'direction'],
  },
  messages: {
    label: 'messages.csv',
    requiredLabel: 'CONVERSATION ID, FROM, TO, DATE',
    fields: {
      conversationId: ['conversationid'],
      title: ['conversationtitle'],
      from: ['from'],
      senderUrl: ['senderprofileurl'],
      to: ['to'],
      recipientUrls: ['recipientprofileurls', 'recipientprofileurl'],
      date: ['date'],
      folder: ['folder'],
    },
    required: ['conversationId', 'from', 'to', 'date'],
  },
  profile: {
    label: 'Profile.csv',
    requiredLabel: 'First Name, Last Name, Headline',
    fields: { firstName: ['firstname'], lastName: ['lastname'], headline: ['headline'], summary: ['summary'], industry: ['industry'] },
    required: ['firstName', 'lastName'],
    anyOf: ['headline', 'summary', 'industry'],
  },
};

const KIND_ORDER: readonly ExportFileKind[] = ['connections', 'invitations', 'messages', 'profile'];
const DELIMITERS = [',', ';', '\t'] as const;
/** The header is looked for in this many first rows (today's export has 3 lines of preamble). */
export const HEADER_SEARCH_ROWS = 40;

export type ColumnMap = Readonly<Record<string, number>>;

export interface HeaderMatch {
  readonly kind: ExportFileKind;
  readonly delimiter: string;
  /** Index of the header row among the parsed rows. */
  readonly headerRow: number;
  readonly columns: ColumnMap;
  readonly width: number;
}

/** Maps a header row to field -> column index for `kind`, or undefined when required columns are missing. */
export function matchHeader(row: readonly string[], kind: ExportFileKind): { columns: ColumnMap; width: number } | undefined {
  const spec = SPECS[kind];
  const keys = row.map(columnKey);
  const columns: Record<string, number> = {};
  for (const [field, accepted] of Object.entries(spec.fields)) {
    const at = keys.findIndex((k) => accepted.includes(k));
    if (at >= 0) columns[field] = at;
  }
  if (!spec.required.every((f) => f in columns)) return undefined;
  if (spec.anyOf && !spec.anyOf.some((f) => f in columns)) return undefined;
  return { columns, width: row.length };
}

/** Finds the header among the first rows of parsed CSV for one kind (or any kind when omitted). */
export function findHeaderRow(
  rows: readonly (readonly string[])[],
  kinds: readonly ExportFileKind[] = KIND_ORDER,
): Omit<HeaderMatch, 'delimiter'> | undefined {
  const n = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as readonly string[];
    if (row.length < 2) continue;
    for (const kind of kinds) {
      const found = matchHeader(row, kind);
      if (found) return { kind, headerRow: i, ...found };
    }
  }
  return undefined;
}

/**
 * Recognises an export file by its column names, whatever its name: tries the
 * delimiters `,` `;` and tab (a spreadsheet re-save in some locales) on the
 * first rows and returns the first header found.
 */
export function detectHeader(text: string, kinds: readonly ExportFileKind[] = KIND_ORDER): HeaderMatch | undefined {
  for (const delimiter of DELIMITERS) {
    const found = findHeaderRow(previewCsv(text, delimiter, HEADER_SEARCH_ROWS), kinds);
    if (found) return { ...found, delimiter };
  }
  return undefined;
}

/** Which export file a name is, by LinkedIn's file names (case ignored, any folder). */
export function kindByFileName(path: string): ExportFileKind | undefined {
  const base = (path.split(/[/\\]/).pop() ?? '').toLowerCase();
  if (base === 'connections.csv') return 'connections';
  if (base === 'invitations.csv') return 'invitations';
  if (base === 'messages.csv') return 'messages';
  if (base === 'profile.csv') return 'profile';
  return undefined;
}

export function cell(row: readonly string[], columns: ColumnMap, field: string): string {
  const at = columns[field];
  return at === undefined ? '' : (row[at] ?? '').trim();
}
