import Papa, { type ParseResult, type Parser } from 'papaparse';
import { KithError } from '../api/envelope.js';

/** A place where the text is not CSV as written, and what was done about it. */
export interface CsvIssue {
  /** 1-based line the problem starts on; the row that starts there is not among the rows. */
  readonly line: number;
  /** A sentence naming the problem and the lines it touched. */
  readonly message: string;
}

/** Rows of a CSV file with the 1-based physical line each row starts on. */
export interface CsvTable {
  readonly rows: string[][];
  readonly lines: number[];
  /**
   * Rows left out because a quote opened in them and was not closed on their
   * line (papaparse read on into the following lines, to the end of the file
   * or to some later quote); those following lines were read again, as rows
   * of their own.
   */
  readonly issues: readonly CsvIssue[];
}

export interface CsvOptions {
  readonly delimiter: string;
  /** Called between chunks of about 1 MB so that a long parse does not hold the thread. */
  readonly pause?: () => Promise<void>;
  readonly onProgress?: (doneChars: number, totalChars: number) => void;
  /**
   * Texts up to this many characters are parsed in one call, without pauses
   * (default 8 Mi: LinkedIn's cap of 30,000 connections is about 3 MB, read
   * in some 20 ms); longer ones in chunks of about 1 MB with `pause` between.
   */
  readonly syncParseChars?: number;
}

const CHUNK_CHARS = 1 << 20;
const SYNC_PARSE_CHARS = 8 << 20;
const LINE_BREAK = /\r\n|\r|\n/g;
/** Unclosed quotes read past before the file is refused: a file with more is not CSV as Kith knows it. */
export const MAX_QUOTE_ISSUES = 50;

type Newline = '\r\n' | '\n' | '\r';
type PapaConfig = { delimiter: string; newline: Newline; quoteChar: string; escapeChar: string };

/** The line break of the first line: `\r\n`, `\n` or `\r` (papaparse is told, not left to guess per chunk). */
export function lineBreakOf(text: string): Newline {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf)) return text[cr + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/**
 * The text with every line break written as `\n` when it mixes CRLF, LF and
 * CR (papaparse splits rows on one kind only and would glue the others into
 * fields); a text with one kind of line break is returned as it is. Line
 * breaks inside quoted fields are rewritten too: telling them apart would
 * take a second CSV reader, and the import tidies the white space of every
 * field it keeps anyway. Each line break stays one line break, so line
 * numbers do not move.
 */
export function uniformLineBreaks(text: string): string {
  const crlf = count(text, '\r\n');
  const kinds = (crlf > 0 ? 1 : 0) + (count(text, '\r') > crlf ? 1 : 0) + (count(text, '\n') > crlf ? 1 : 0);
  return kinds < 2 ? text : text.replace(/\r\n?/g, '\n');
}

/**
 * Parses CSV text with papaparse (RFC 4180 quoting, `""` escapes, quoted line
 * breaks). Blank lines come back as `['']` rows, so that line numbers stay
 * true: a row starts one line after the previous row plus the line breaks
 * inside its quoted fields. Mixed line endings are read as the rows they are.
 * A quote that is not closed on its line never takes the rest of the file
 * with it: its row is left out and named in `issues`, and the lines it
 * swallowed are read again as rows of their own. Otherwise never throws on
 * malformed input; quoting errors show up as rows with the wrong number of
 * fields.
 * @throws KithError `rejected` past `MAX_QUOTE_ISSUES` unclosed quotes.
 */
export async function parseCsv(text: string, options: CsvOptions): Promise<CsvTable> {
  const rows: string[][] = [];
  const lines: number[] = [];
  const issues: CsvIssue[] = [];
  let remaining = text;
  let firstLine = 1;
  for (;;) {
    const segment = uniformLineBreaks(remaining);
    const parsed = await parseSegment(segment, options, text.length - remaining.length, text.length);
    const segmentLines =
      plainLineNumbers(segment, parsed.newline, parsed.rows.length) ?? (await countedLineNumbers(parsed.rows, options.pause));
    const bad = firstUnclosedQuote(parsed.rows, segmentLines, parsed.quoteErrorRows);
    const keep = bad ?? parsed.rows.length;
    for (let i = 0; i < keep; i++) {
      rows.push(parsed.rows[i] as string[]);
      lines.push((segmentLines[i] as number) + firstLine - 1);
    }
    if (bad === undefined) break;
    const opensOn = segmentLines[bad] as number;
    const line = opensOn + firstLine - 1;
    const last = lastLineOf(parsed.rows, segmentLines, bad) + firstLine - 1;
    issues.push({
      line,
      message:
        last > line
          ? `a quote (") opens on line ${line} and is not closed on its line, so it swallowed ${last > line + 1 ? `lines ${line + 1}–${last}` : `line ${last}`}; line ${line} was left out and the ${last > line + 1 ? 'lines it swallowed were read again on their own' : 'line it swallowed was read again on its own'}`
          : `a quote (") opens on line ${line} and is never closed; line ${line} was left out`,
    });
    if (issues.length > MAX_QUOTE_ISSUES) {
      throw new KithError(
        'rejected',
        `more than ${MAX_QUOTE_ISSUES} quotes (") are opened and not closed on their line (the first on line ${issues[0]?.line ?? line}): this is not CSV as Kith can read it.`,
      );
    }
    // Everything before the broken line stays as parsed; what follows it is read again, as if the file began there.
    const rest = startOfLine(segment, opensOn + 1);
    if (rest === undefined) break;
    remaining = segment.slice(rest);
    firstLine = line + 1;
  }
  return { rows, lines, issues };
}

/** Where 1-based line `line` of `text` starts, or undefined when the text has fewer lines. */
function startOfLine(text: string, line: number): number | undefined {
  let at = 0;
  for (let n = 1; n < line; n++) {
    const lf = text.indexOf('\n', at);
    const cr = text.indexOf('\r', at);
    if (lf < 0 && cr < 0) return undefined;
    const next = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
    at = next + (text[next] === '\r' && text[next + 1] === '\n' ? 2 : 1);
  }
  return at;
}

/** One papaparse run over `segment`: its rows, and the rows papaparse reported a quote error in. */
async function parseSegment(
  segment: string,
  options: CsvOptions,
  doneBefore: number,
  total: number,
): Promise<{ rows: string[][]; quoteErrorRows: Set<number>; newline: Newline }> {
  const newline = lineBreakOf(segment);
  const config: PapaConfig = { delimiter: options.delimiter, newline, quoteChar: '"', escapeChar: '"' };
  const quoteErrorRows = new Set<number>();
  if (segment.length <= (options.syncParseChars ?? SYNC_PARSE_CHARS)) {
    // One call, no chunk bookkeeping: the rows are papaparse's own array, not a copy.
    const result = Papa.parse<string[]>(segment, config);
    for (const e of result.errors) if (e.type === 'Quotes' && e.row !== undefined) quoteErrorRows.add(e.row);
    options.onProgress?.(doneBefore + segment.length, total);
    return { rows: result.data, quoteErrorRows, newline };
  }
  const rows = await parseInChunks(segment, config, options, quoteErrorRows, doneBefore, total);
  return { rows, quoteErrorRows, newline };
}

/**
 * The first row that papaparse found a quote error in and that runs past its
 * first line: a quote opened there and was closed only lines later, or never.
 */
function firstUnclosedQuote(
  rows: readonly (readonly string[])[],
  lines: readonly number[],
  quoteErrorRows: ReadonlySet<number>,
): number | undefined {
  let first: number | undefined;
  for (const r of quoteErrorRows) {
    if (first !== undefined && r >= first) continue;
    if (lastLineOf(rows, lines, r) > (lines[r] as number)) first = r;
  }
  return first;
}

/** The last line row `r` reaches (a line break that ends the row's last field belongs to no further line). */
function lastLineOf(rows: readonly (readonly string[])[], lines: readonly number[], r: number): number {
  const row = rows[r] as readonly string[];
  let breaks = 0;
  for (const field of row)
    if (field.length > 0 && (field.includes('\n') || field.includes('\r'))) breaks += field.match(LINE_BREAK)?.length ?? 0;
  const lastField = row[row.length - 1] ?? '';
  if (/(\r\n|\r|\n)$/.test(lastField)) breaks -= 1;
  return (lines[r] as number) + breaks;
}

/** Parses chunk by chunk, pausing between chunks of about 1 MB so that a long parse does not hold the thread. */
async function parseInChunks(
  text: string,
  config: PapaConfig,
  options: CsvOptions,
  quoteErrorRows: Set<number>,
  doneBefore: number,
  total: number,
): Promise<string[][]> {
  const rows: string[][] = [];
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    try {
      Papa.parse<string[]>(text, {
        ...config,
        chunkSize: CHUNK_CHARS,
        chunk: (result: ParseResult<string[]>, parser: Parser) => {
          // A chunk's errors count rows from the chunk's first.
          for (const e of result.errors) if (e.type === 'Quotes' && e.row !== undefined) quoteErrorRows.add(rows.length + e.row);
          for (const row of result.data) rows.push(row);
          done = Math.min(text.length, done + CHUNK_CHARS);
          options.onProgress?.(doneBefore + done, total);
          if (options.pause) {
            parser.pause();
            options.pause().then(
              () => parser.resume(),
              (err: unknown) => {
                parser.abort();
                reject(err instanceof Error ? err : new Error(String(err)));
              },
            );
          }
        },
        complete: () => resolve(),
        error: (err: Error) => reject(err),
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  return rows;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) n += 1;
  return n;
}

/**
 * The line each row starts on when no field holds a line break: row `i` on
 * line `i + 1`. That is so when the text holds exactly one line break per row
 * boundary (the `newline` papaparse split on) and no other `\r` or `\n`, which
 * two native scans tell, instead of a look into every field. Undefined otherwise.
 */
function plainLineNumbers(text: string, newline: Newline, rowCount: number): number[] | undefined {
  const boundaries = rowCount - 1;
  const lf = count(text, '\n');
  const cr = count(text, '\r');
  const plain =
    newline === '\n'
      ? lf === boundaries && cr === 0
      : newline === '\r'
        ? cr === boundaries && lf === 0
        : cr === boundaries && lf === boundaries;
  if (!plain) return undefined;
  const lines: number[] = [];
  for (let i = 0; i < rowCount; i++) lines.push(i + 1);
  return lines;
}

/** Rows counted between pauses when line numbers are counted field by field. */
const ROWS_PER_PAUSE = 50_000;

/** The line each row starts on: one line per row plus the line breaks inside its fields. */
async function countedLineNumbers(rows: readonly (readonly string[])[], pause: (() => Promise<void>) | undefined): Promise<number[]> {
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < rows.length; i++) {
    if (pause && i > 0 && i % ROWS_PER_PAUSE === 0) await pause();
    lines.push(line);
    line += 1;
    for (const field of rows[i] as readonly string[]) {
      if (field.length > 0 && (field.includes('\n') || field.includes('\r'))) line += field.match(LINE_BREAK)?.length ?? 0;
    }
  }
  return lines;
}

/** The first `maxRows` rows of `text` (for header detection), parsed synchronously. */
export function previewCsv(text: string, delimiter: string, maxRows: number): string[][] {
  const head = uniformLineBreaks(text.length > 262_144 ? text.slice(0, 262_144) : text);
  return Papa.parse<string[]>(head, { delimiter, newline: lineBreakOf(head), quoteChar: '"', escapeChar: '"', preview: maxRows }).data;
}
