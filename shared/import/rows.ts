import type { ImportIssue, SkippedRow } from '../api/contract/import.js';
import { cell, matchHeader, type ColumnMap } from './columns.js';
import type { CsvTable } from './csv.js';
import { epochMs, isoDate, isoTimestamp, parseDate, slashOrderOf, type DateStyle } from './dates.js';
import { emailKey, hasMessySpace, isSpaceCode, nameKey, readProfileUrl, urlKey, type ProfileUrl } from './identity.js';

/** The limits of the data file's schema (shared/domain/model.ts): a longer value rejects the row instead of being cut. */
export const LIMITS = { name: 200, company: 200, position: 300, url: 500, email: 320 } as const;

/** One connection, validated. Optional fields are undefined when the cell was empty. */
export interface ConnectionRow {
  readonly line: number;
  readonly name: string;
  /** `nameKey(name)` once asked for: read it through `rowNameKey` (rows matched by URL never need it). */
  nameKey: string | undefined;
  readonly url?: string;
  readonly urlKey?: string;
  readonly email?: string;
  readonly emailKey?: string;
  readonly company?: string;
  readonly position?: string;
  /** YYYY-MM-DD */
  readonly connectedOn?: string;
}

export interface ConnectionsRead {
  readonly rows: ConnectionRow[];
  readonly skipped: SkippedRow[];
  readonly warnings: ImportIssue[];
  /** Data rows (not blank lines). */
  readonly dataRows: number;
  readonly hidden: number;
  readonly hasPreamble: boolean;
  readonly dateStyles: ReadonlyMap<DateStyle, number>;
}

/** Collapses runs of white space (line breaks in a quoted name included) and trims. */
const clean = (s: string) => (hasMessySpace(s) ? s.replace(/\s+/g, ' ').trim() : s);
/** The cell at `index` with its white space tidied like `clean`; '' for a column the file does not have. */
function field(row: readonly string[], index: number): string {
  if (index < 0) return '';
  const c = row[index];
  return c === undefined ? '' : clean(c);
}

/** The trimmed cell at `index` (white space inside kept), '' for a column the file does not have. */
function trimmed(row: readonly string[], index: number): string {
  return index < 0 ? '' : (row[index] ?? '').trim();
}

/** A Connected On value as read once per distinct text, with the number of rows that carry it. */
interface DateRead {
  readonly iso: string;
  readonly style: DateStyle;
  rows: number;
}

function isBlank(row: readonly string[]): boolean {
  for (const c of row) {
    // Nearly always the first cell starts with a letter: no need to trim it.
    if (c.length > 0 && !isSpaceCode(c.charCodeAt(0))) return false;
    if (c.trim() !== '') return false;
  }
  return true;
}

function widthProblem(row: readonly string[], width: number): string | undefined {
  if (row.length === width) return undefined;
  if (row.length > width && row.slice(width).every((c) => c.trim() === '')) return undefined;
  return `has ${row.length} field${row.length === 1 ? '' : 's'} but the header has ${width} (a comma or quote out of place?)`;
}

/** Validates every data row of Connections.csv after the header. */
export function readConnections(table: CsvTable, headerRow: number, columns: ColumnMap, width: number, fileName: string): ConnectionsRead {
  const rows: ConnectionRow[] = [];
  const skipped: SkippedRow[] = [];
  const warnings: ImportIssue[] = [];
  let dataRows = 0;
  let hidden = 0;
  const hasPreamble = table.rows.slice(0, headerRow).some((r) => !isBlank(r));
  // Reused for every row's URL.
  const profileUrl: ProfileUrl = { url: undefined, key: undefined };
  // A few thousand distinct days over 30,000 rows: each is read once, and counted here by style.
  const dates = new Map<string, DateRead | null>();
  let lastDate = '';
  let lastRead: DateRead | null | undefined;
  const dateAt = columns.connectedOn;
  // Only cells with a slash can decide the order of slash dates.
  const slashDates: string[] = [];
  if (dateAt !== undefined) {
    for (let i = headerRow + 1; i < table.rows.length; i++) {
      const c = (table.rows[i] as string[])[dateAt];
      if (c !== undefined && c.includes('/')) slashDates.push(c);
    }
  }
  const order = slashOrderOf(slashDates);
  // Column indexes once, not a lookup by name per cell: this loop runs 30,000 times.
  const at = (field: string) => columns[field] ?? -1;
  const [iFirst, iLast, iUrl, iEmail, iCompany, iPosition, iDate] = [
    'firstName',
    'lastName',
    'url',
    'email',
    'company',
    'position',
    'connectedOn',
  ].map(at) as [number, number, number, number, number, number, number];
  for (let i = headerRow + 1; i < table.rows.length; i++) {
    const row = table.rows[i] as string[];
    const line = table.lines[i] as number;
    if (isBlank(row)) continue;
    dataRows += 1;
    const problem = widthProblem(row, width);
    if (problem) {
      skipped.push({ line, kind: 'invalid', reason: problem });
      continue;
    }
    const first = field(row, iFirst);
    if (first.length === 10 && first.toLowerCase() === 'first name' && matchHeader(row, 'connections')) {
      skipped.push({ line, kind: 'invalid', reason: 'repeats the header row (two files pasted together?)' });
      continue;
    }
    const last = field(row, iLast);
    const rawUrl = trimmed(row, iUrl);
    const rawEmail = field(row, iEmail);
    const company = field(row, iCompany);
    const position = field(row, iPosition);
    const rawDate = field(row, iDate);
    if (!first && !last && !rawUrl && !rawEmail && !company && !position) {
      hidden += 1;
      skipped.push({ line, kind: 'hidden', reason: 'only a date: a hidden or closed profile' });
      continue;
    }
    // Both halves are tidy already: one space between them when both are there.
    const name = first && last ? `${first} ${last}` : first || last;
    if (!name) {
      skipped.push({ line, kind: 'invalid', reason: 'has no First Name or Last Name' });
      continue;
    }
    const { url, key: rowUrlKey } = readProfileUrl(rawUrl, profileUrl);
    const tooLong =
      name.length > LIMITS.name
        ? (['name', name.length, LIMITS.name] as const)
        : (url?.length ?? 0) > LIMITS.url
          ? (['URL', url?.length ?? 0, LIMITS.url] as const)
          : rawEmail.length > LIMITS.email
            ? (['Email Address', rawEmail.length, LIMITS.email] as const)
            : company.length > LIMITS.company
              ? (['Company', company.length, LIMITS.company] as const)
              : position.length > LIMITS.position
                ? (['Position', position.length, LIMITS.position] as const)
                : undefined;
    if (tooLong) {
      skipped.push({ line, kind: 'invalid', reason: `${tooLong[0]} is ${tooLong[1]} characters long; at most ${tooLong[2]} are kept` });
      continue;
    }
    let connectedOn: string | undefined;
    if (rawDate) {
      // Exports list connections newest first: a row often has the previous row's date.
      let parsed = rawDate === lastDate ? lastRead : dates.get(rawDate);
      if (parsed === undefined) {
        const p = parseDate(rawDate, order);
        parsed = p ? { iso: isoDate(p), style: p.style, rows: 0 } : null;
        dates.set(rawDate, parsed);
      }
      lastDate = rawDate;
      lastRead = parsed;
      if (parsed) {
        connectedOn = parsed.iso;
        parsed.rows += 1;
      } else if (url) {
        warnings.push({
          file: fileName,
          line,
          message: `Connected On "${rawDate.slice(0, 40)}" is not a date; ${name} is imported without it.`,
        });
      } else {
        skipped.push({
          line,
          kind: 'invalid',
          reason: `Connected On "${rawDate.slice(0, 40)}" is not a date, and without a profile URL the row cannot be told apart from namesakes`,
        });
        continue;
      }
    }
    const email = rawEmail && emailKey(rawEmail) ? rawEmail : undefined;
    if (rawEmail && !email)
      warnings.push({
        file: fileName,
        line,
        message: `Email Address "${rawEmail.slice(0, 60)}" is not an e-mail address; it was left out.`,
      });
    if (!url && !connectedOn && !email) {
      skipped.push({
        line,
        kind: 'invalid',
        reason: 'has no profile URL, no Connected On date and no e-mail: nothing tells this person apart from namesakes',
      });
      continue;
    }
    // Every row has every property (undefined when absent), so that all rows share one shape for the merge's hot loop.
    rows.push({
      line,
      name,
      nameKey: undefined,
      url,
      urlKey: rowUrlKey,
      email,
      emailKey: email === undefined ? undefined : emailKey(email),
      company: company || undefined,
      position: position || undefined,
      connectedOn,
    });
  }
  // Styles in the order first seen, as rows were counted.
  const dateStyles = new Map<DateStyle, number>();
  for (const d of dates.values()) if (d) dateStyles.set(d.style, (dateStyles.get(d.style) ?? 0) + d.rows);
  return { rows, skipped, warnings, dataRows, hidden, hasPreamble, dateStyles };
}

/** Someone on one side of an invitation or message: matched by URL when there is one, else by name. */
export interface Participant {
  readonly urlKey?: string;
  readonly nameKey?: string;
}

export interface InvitationRow {
  readonly line: number;
  readonly direction: 'incoming' | 'outgoing';
  readonly from: Participant;
  readonly to: Participant;
  readonly fromName: string;
  readonly toName: string;
  readonly sentAt?: string;
  readonly sentMs?: number;
  readonly hasMessage: boolean;
}

function participant(name: string, url: string): Participant {
  const u = urlKey(url);
  const n = clean(name) ? nameKey(clean(name)) : undefined;
  return { ...(u ? { urlKey: u } : {}), ...(n ? { nameKey: n } : {}) };
}

/** Reads Invitations.csv; rows it cannot use are counted in the warnings, not fatal. */
export function readInvitations(
  table: CsvTable,
  headerRow: number,
  columns: ColumnMap,
  fileName: string,
): { rows: InvitationRow[]; dataRows: number; warnings: ImportIssue[] } {
  const rows: InvitationRow[] = [];
  const warnings: ImportIssue[] = [];
  let dataRows = 0;
  let unusable = 0;
  let firstUnusable: number | undefined;
  const order = slashOrderOf(table.rows.slice(headerRow + 1).map((r) => cell(r, columns, 'sentAt')));
  for (let i = headerRow + 1; i < table.rows.length; i++) {
    const row = table.rows[i] as string[];
    if (isBlank(row)) continue;
    dataRows += 1;
    const line = table.lines[i] as number;
    const direction = cell(row, columns, 'direction').toUpperCase();
    const from = participant(cell(row, columns, 'from'), cell(row, columns, 'inviterUrl'));
    const to = participant(cell(row, columns, 'to'), cell(row, columns, 'inviteeUrl'));
    if ((direction !== 'INCOMING' && direction !== 'OUTGOING') || (!from.urlKey && !from.nameKey) || (!to.urlKey && !to.nameKey)) {
      unusable += 1;
      firstUnusable ??= line;
      continue;
    }
    const sent = parseDate(cell(row, columns, 'sentAt'), order);
    rows.push({
      line,
      direction: direction === 'INCOMING' ? 'incoming' : 'outgoing',
      from,
      to,
      fromName: clean(cell(row, columns, 'from')),
      toName: clean(cell(row, columns, 'to')),
      ...(sent ? { sentAt: isoTimestamp(sent), sentMs: epochMs(sent) } : {}),
      hasMessage: cell(row, columns, 'message') !== '',
    });
  }
  if (unusable > 0) {
    warnings.push({
      file: fileName,
      line: firstUnusable,
      message: `${unusable} invitation row(s) have no direction or no names and were not used.`,
    });
  }
  return { rows, dataRows, warnings };
}

export interface MessageRow {
  readonly conversation: string;
  readonly from: Participant;
  readonly fromName: string;
  readonly to: readonly Participant[];
  readonly at?: number;
}

/** Reads messages.csv as who wrote to whom and when; the text itself is never kept. */
export function readMessages(
  table: CsvTable,
  headerRow: number,
  columns: ColumnMap,
  fileName: string,
): { rows: MessageRow[]; dataRows: number; warnings: ImportIssue[] } {
  const rows: MessageRow[] = [];
  const warnings: ImportIssue[] = [];
  let dataRows = 0;
  let undated = 0;
  for (let i = headerRow + 1; i < table.rows.length; i++) {
    const row = table.rows[i] as string[];
    if (isBlank(row)) continue;
    dataRows += 1;
    const fromName = cell(row, columns, 'from');
    const from = participant(fromName, cell(row, columns, 'senderUrl'));
    if (!from.urlKey && !from.nameKey) continue;
    const urls = cell(row, columns, 'recipientUrls')
      .split(/[,\s]+/)
      .filter((u) => u !== '');
    const toNames = cell(row, columns, 'to');
    const to: Participant[] =
      urls.length > 0 ? urls.map((u) => participant(urls.length === 1 ? toNames : '', u)) : toNames ? [participant(toNames, '')] : [];
    const when = parseDate(cell(row, columns, 'date'));
    if (!when) undated += 1;
    rows.push({
      conversation: cell(row, columns, 'conversationId') || `line-${table.lines[i] ?? i}`,
      from,
      fromName: clean(fromName),
      to,
      ...(when ? { at: epochMs(when) } : {}),
    });
  }
  if (undated > 0)
    warnings.push({
      file: fileName,
      message: `${undated} message(s) have no readable DATE; they count, but not for first and last dates.`,
    });
  return { rows, dataRows, warnings };
}
