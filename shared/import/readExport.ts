import { KithError } from '../api/envelope.js';
import type { Era, ExportFileKind, ImportIssue, ImportPhase, ImportReport, TextEncoding } from '../api/contract/import.js';
import { columnKey, detectHeader, findHeaderRow, kindByFileName, SPECS, cell } from './columns.js';
import { lineBreakOf, parseCsv, previewCsv, type CsvTable } from './csv.js';
import type { DateStyle } from './dates.js';
import { decodeText } from './decode.js';
import { checkImportRows, dataRowsAfter } from './limits.js';
import { detectOwner, type Owner } from './evidence.js';
import { readConnections, readInvitations, readMessages, type ConnectionsRead, type InvitationRow, type MessageRow } from './rows.js';
import type { ExportFile } from './zip.js';

export type { ImportPhase };

export interface ReadOptions {
  /** Lets the caller's event loop run between chunks (progress events, other requests). */
  readonly pause?: () => Promise<void>;
  readonly onProgress?: (phase: ImportPhase, done: number, total: number) => void;
  /** The user picked one file that is not a ZIP: it must be a Connections.csv, recognised by its columns. */
  readonly isLoneFile?: boolean;
}

/** A LinkedIn export, read and validated, before it meets the network. */
export interface ParsedExport {
  readonly source: string;
  readonly files: ImportReport['files'];
  readonly warnings: ImportIssue[];
  readonly hasEncodingWarning: boolean;
  readonly era: Era;
  readonly eraLabel: string;
  readonly isResaved: boolean;
  readonly connections: ConnectionsRead;
  readonly invitations: readonly InvitationRow[];
  readonly invitationRows: number;
  readonly messages: readonly MessageRow[];
  readonly messageRows: number;
  readonly owner?: Owner;
}

const ERA_LABELS: Readonly<Record<Era, string>> = {
  current: 'Today’s layout: a notes preamble and profile URLs.',
  '2022': '2022 layout: a notes preamble but no profile URLs, so people are matched by name and connection date.',
  '2018': '2018 layout: no preamble, no profile URLs and dates like “1/8/18, 6:14 PM”; people are matched by name and connection date.',
};

const baseName = (path: string) => path.split(/[/\\]/).pop() ?? path;

interface ReadFile {
  readonly kind: ExportFileKind;
  readonly name: string;
  readonly encoding: TextEncoding;
  readonly table: CsvTable;
  readonly headerRow: number;
  readonly columns: Readonly<Record<string, number>>;
  readonly width: number;
  readonly delimiter: string;
  readonly lineBreak: string;
}

function describeColumns(text: string): string {
  const first = previewCsv(text, ',', 5).find((r) => r.some((c) => c.trim() !== ''));
  if (!first) return 'the file is empty';
  const shown = first
    .slice(0, 8)
    .map((c) => `“${c.trim().slice(0, 30)}”`)
    .join(', ');
  return `its first line reads ${shown}${first.length > 8 ? ', …' : ''}`;
}

/**
 * Reads a LinkedIn export from its files (from a ZIP, a folder, or one CSV).
 * Files are recognised by name, and a lone CSV by its columns. Connections.csv
 * is required; Invitations.csv, messages.csv and Profile.csv add evidence and
 * are skipped with a warning when unreadable.
 * @throws KithError `rejected` when this is not a LinkedIn export or Connections.csv is unreadable.
 */
export async function readExport(source: string, files: readonly ExportFile[], options: ReadOptions = {}): Promise<ParsedExport> {
  const warnings: ImportIssue[] = [];
  let hasEncodingWarning = false;
  const byKind = new Map<ExportFileKind, ExportFile>();
  for (const f of files) {
    const kind = kindByFileName(f.path);
    if (kind && !byKind.has(kind)) byKind.set(kind, f);
  }
  // A lone file is decoded once, to recognise it, and that text is read below.
  let loneDecoded: { file: ExportFile; decoded: ReturnType<typeof decodeText> } | undefined;
  if (options.isLoneFile && files.length === 1 && !byKind.has('connections')) {
    const only = files[0] as ExportFile;
    loneDecoded = { file: only, decoded: decodeText(only.bytes, baseName(only.path)) };
    const text = loneDecoded.decoded.text;
    const found = detectHeader(text);
    if (!found) {
      throw new KithError(
        'rejected',
        `${baseName(only.path)} is not a LinkedIn Connections.csv: none of its first lines has the columns First Name, Last Name and Connected On (${describeColumns(text)}).`,
      );
    }
    if (found.kind !== 'connections') {
      throw new KithError(
        'rejected',
        `${baseName(only.path)} is LinkedIn’s ${SPECS[found.kind].label}, not Connections.csv. Import the whole export (the ZIP or its folder) instead.`,
      );
    }
    byKind.set('connections', only);
  }
  const connectionsFile = byKind.get('connections');
  if (!connectionsFile) {
    const seen = files.map((f) => baseName(f.path)).slice(0, 6);
    throw new KithError(
      'rejected',
      `${source} holds no Connections.csv, so it is not a LinkedIn data export${seen.length ? ` (found ${seen.join(', ')})` : ''}.`,
    );
  }
  const order: ExportFileKind[] = ['connections', 'profile', 'invitations', 'messages'];
  const totalBytes = order.reduce((n, k) => n + (byKind.get(k)?.bytes.length ?? 0), 0);
  let doneBytes = 0;
  const read = new Map<ExportFileKind, ReadFile>();
  for (const kind of order) {
    const file = byKind.get(kind);
    if (!file) continue;
    const name = baseName(file.path);
    const isRequired = kind === 'connections';
    options.onProgress?.('decode', doneBytes, totalBytes);
    let decoded;
    try {
      decoded = loneDecoded?.file === file ? loneDecoded.decoded : decodeText(file.bytes, name);
    } catch (err) {
      if (isRequired) throw err;
      warnings.push({ file: name, message: `${(err as Error).message} It was not used.` });
      continue;
    }
    if (decoded.warning) {
      hasEncodingWarning = true;
      warnings.push({ file: name, message: decoded.warning });
    }
    const header = detectHeader(decoded.text, [kind]);
    if (!header) {
      const message = `${name} does not have LinkedIn’s columns (${SPECS[kind].requiredLabel}): ${describeColumns(decoded.text)}.`;
      if (isRequired) throw new KithError('rejected', message);
      warnings.push({ file: name, message: `${message} It was not used.` });
      continue;
    }
    await options.pause?.();
    const base = doneBytes;
    const table = await parseCsv(decoded.text, {
      delimiter: header.delimiter,
      ...(options.pause ? { pause: options.pause } : {}),
      onProgress: (done, total) =>
        options.onProgress?.('parse', base + Math.round((done / Math.max(1, total)) * file.bytes.length), totalBytes),
    });
    doneBytes += file.bytes.length;
    const located = findHeaderRow(table.rows, [kind]);
    if (!located) throw new KithError('rejected', `${name}: the header row could not be found again after parsing.`);
    if (kind === 'connections') checkImportRows(name, dataRowsAfter(table.rows, located.headerRow));
    read.set(kind, {
      kind,
      name,
      encoding: decoded.encoding,
      table,
      headerRow: located.headerRow,
      columns: located.columns,
      width: located.width,
      delimiter: header.delimiter,
      lineBreak: lineBreakOf(decoded.text),
    });
  }
  const c = read.get('connections') as ReadFile;
  const connections = withUnclosedQuotes(readConnections(c.table, c.headerRow, c.columns, c.width, c.name), c);
  warnings.push(...connections.warnings);
  for (const f of read.values()) {
    if (f.kind !== 'connections')
      for (const issue of f.table.issues) warnings.push({ file: f.name, line: issue.line, message: `${issue.message}.` });
  }
  let profileName: string | undefined;
  const p = read.get('profile');
  if (p) {
    const row = p.table.rows.slice(p.headerRow + 1).find((r) => r.some((x) => x.trim() !== ''));
    if (row)
      profileName = `${cell(row, p.columns, 'firstName')} ${cell(row, p.columns, 'lastName')}`.replace(/\s+/g, ' ').trim() || undefined;
  }
  const i = read.get('invitations');
  const invitations = i ? readInvitations(i.table, i.headerRow, i.columns, i.name) : { rows: [], dataRows: 0, warnings: [] };
  warnings.push(...invitations.warnings);
  const m = read.get('messages');
  const messages = m ? readMessages(m.table, m.headerRow, m.columns, m.name) : { rows: [], dataRows: 0, warnings: [] };
  warnings.push(...messages.warnings);
  const owner = detectOwner(profileName, invitations.rows, messages.rows);
  if (m && messages.rows.length > 0 && !owner) {
    warnings.push({
      file: m.name,
      message: 'Could not tell which side of the conversations is you, so messages were not used as evidence.',
    });
  }

  const era: Era = 'url' in c.columns ? 'current' : connections.hasPreamble ? '2022' : '2018';
  const isResaved =
    c.encoding === 'utf-8-bom' ||
    c.lineBreak !== '\n' ||
    c.delimiter !== ',' ||
    isForeignDateStyle(era, connections.dateStyles) ||
    c.table.rows[c.headerRow]?.some((h) => h !== h.trim() || columnKey(h) === '') === true;
  const files_: ImportReport['files'] = [...read.values()].map((f) => ({
    name: f.name,
    kind: f.kind,
    encoding: f.encoding,
    rows:
      f.kind === 'connections'
        ? connections.dataRows
        : f.kind === 'invitations'
          ? invitations.dataRows
          : f.kind === 'messages'
            ? messages.dataRows
            : 1,
  }));
  return {
    source,
    files: files_,
    warnings,
    hasEncodingWarning,
    era,
    eraLabel: ERA_LABELS[era] + (isResaved ? ' Re-saved by a spreadsheet (BOM, CRLF, delimiter or date format changed).' : ''),
    isResaved,
    connections,
    invitations: invitations.rows,
    invitationRows: invitations.dataRows,
    messages: messages.rows,
    messageRows: messages.dataRows,
    ...(owner ? { owner } : {}),
  };
}

/** Connections rows an unclosed quote broke are errors of their own, with the lines they swallowed: never silently gone. */
function withUnclosedQuotes(read: ConnectionsRead, file: ReadFile): ConnectionsRead {
  const broken = file.table.issues.filter((issue) => issue.line > (file.table.lines[file.headerRow] ?? 0));
  if (broken.length === 0) return read;
  return {
    ...read,
    dataRows: read.dataRows + broken.length,
    skipped: [...read.skipped, ...broken.map((issue) => ({ line: issue.line, kind: 'invalid' as const, reason: issue.message }))],
  };
}

function isForeignDateStyle(era: Era, styles: ReadonlyMap<DateStyle, number>): boolean {
  let best: DateStyle | undefined;
  let n = 0;
  for (const [style, count] of styles) {
    if (count > n) {
      best = style;
      n = count;
    }
  }
  if (!best) return false;
  return era === '2018' ? best !== 'slash-time' : best !== 'd Mon yyyy';
}
